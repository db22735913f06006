import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { ownCompanies } from "@/lib/db/schema";
import type { OwnCompany } from "@/lib/engine/own";

/** The owner's "my company" identifiers (empty lists when never set). */
export async function getOwnCompany(db: DbOrTx, params: { ownerId: string }): Promise<OwnCompany> {
  const [row] = await db
    .select({ names: ownCompanies.names, taxIds: ownCompanies.taxIds, ibans: ownCompanies.ibans, addresses: ownCompanies.addresses })
    .from(ownCompanies)
    .where(eq(ownCompanies.ownerId, params.ownerId));
  return row ?? { names: [], taxIds: [], ibans: [], addresses: [] };
}
