import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { ownCompanies } from "@/lib/db/schema";
import type { OwnCompany } from "@/lib/engine/own";

/** The team's "my company" identifiers (empty lists when never set); the caller has checked membership. */
export async function getOwnCompany(db: DbOrTx, params: { teamId: string }): Promise<OwnCompany> {
  const [row] = await db
    .select({ names: ownCompanies.names, taxIds: ownCompanies.taxIds, ibans: ownCompanies.ibans, addresses: ownCompanies.addresses })
    .from(ownCompanies)
    .where(eq(ownCompanies.teamId, params.teamId));
  return row ?? { names: [], taxIds: [], ibans: [], addresses: [] };
}
