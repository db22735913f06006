import { and, desc, eq, like, or } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { apiKeys, users } from "@/lib/db/schema";

/** The key with this sha256 hash and its owner's state (null when unknown). */
export async function getApiKeyByHash(db: DbOrTx, hash: string) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      userId: apiKeys.userId,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      userDisabled: users.disabled,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.hash, hash));
  return row ?? null;
}

/** A user's keys, newest first (never the hash). */
export async function listApiKeys(db: DbOrTx, userId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Keys whose id equals, or whose display prefix starts with, `idOrPrefix` (optionally one user's). */
export async function findApiKeys(db: DbOrTx, idOrPrefix: string, userId?: string) {
  const match = or(eq(apiKeys.id, idOrPrefix), like(apiKeys.prefix, `${idOrPrefix.replace(/[%_\\]/g, "\\$&")}%`));
  return db
    .select({ id: apiKeys.id, userId: apiKeys.userId, name: apiKeys.name, prefix: apiKeys.prefix, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(userId ? and(eq(apiKeys.userId, userId), match) : match);
}
