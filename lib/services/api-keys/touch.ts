import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";

/** Record a key's use; written at most once a minute per key so busy keys cost no write per call. */
export async function touchApiKey({ db, input }: { db: DbOrTx; input: { id: string; now?: Date } }) {
  const now = input.now ?? new Date();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, input.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - 60_000)))));
}
