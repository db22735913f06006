import type { DbOrTx } from "@/lib/db/client";
import { usageEvents } from "@/lib/db/schema";

/** Charge one successful call (failures are never recorded, so never charged). */
export async function recordUsage({ db, input }: { db: DbOrTx; input: { userId: string; apiKeyId: string | null; kind: string; pages: number } }) {
  await db.insert(usageEvents).values(input);
}
