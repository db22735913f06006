import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { findApiKeys } from "@/lib/db/queries/api-keys";
import { apiKeys } from "@/lib/db/schema";
import { ServiceError } from "@/lib/services/errors";
import { recordAudit } from "@/lib/services/audit/record";

/**
 * Revoke one key by id or display prefix. With `userId` only that user's keys match (the
 * web app); without it any key does (the operator's CLI). Revoking twice is harmless.
 */
export async function revokeApiKey({ db, userId, input }: { db: DbOrTx; userId?: string; input: { idOrPrefix: string } }) {
  const needle = input.idOrPrefix.trim();
  if (needle.length < 6) throw new ServiceError("invalid", "Give the key's id or at least 6 characters of its prefix.");
  const found = await findApiKeys(db, needle, userId);
  if (found.length === 0) throw new ServiceError("not_found", `No API key matches "${needle}".`);
  if (found.length > 1) {
    throw new ServiceError("invalid", `"${needle}" matches ${found.length} keys; give more of the prefix or the id.`);
  }
  const key = found[0] as (typeof found)[number];
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, prefix: apiKeys.prefix, name: apiKeys.name, revokedAt: apiKeys.revokedAt, teamId: apiKeys.teamId });
  // The operator's CLI revokes without a user: the system acted.
  if (row)
    await recordAudit(db, {
      actor: userId ?? null,
      teamId: row.teamId,
      action: "api_key.revoked",
      target: `api_key:${row.id}`,
      details: { name: row.name, prefix: row.prefix },
    });
  return row ?? { ...key, alreadyRevoked: true as const };
}
