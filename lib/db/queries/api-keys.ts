import { and, desc, eq, like, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { apiKeys, users } from "@/lib/db/schema";
import { memberTeams } from "./owner";

/** The key with this sha256 hash and its owner's state (null when unknown). */
export async function getApiKeyByHash(db: DbOrTx, hash: string) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      userId: apiKeys.userId,
      teamId: apiKeys.teamId,
      spaceId: apiKeys.spaceId,
      readOnly: apiKeys.readOnly,
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

/** A team's keys (without `teamId`: of every team whose keys `userId` manages), newest first, never the hash. */
export async function listApiKeys(db: DbOrTx, params: { userId: string; teamId?: string }) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
      spaceId: apiKeys.spaceId,
      readOnly: apiKeys.readOnly,
      createdBy: users.email,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(sql`${apiKeys.teamId} in (${memberTeams(params.userId, "keys")})`, params.teamId ? eq(apiKeys.teamId, params.teamId) : undefined))
    .orderBy(desc(apiKeys.createdAt));
}

/** Keys whose id equals, or whose display prefix starts with, `idOrPrefix` (with `userId`: only keys of teams whose keys they manage). */
export async function findApiKeys(db: DbOrTx, idOrPrefix: string, userId?: string) {
  const match = or(eq(apiKeys.id, idOrPrefix), like(apiKeys.prefix, `${idOrPrefix.replace(/[%_\\]/g, "\\$&")}%`));
  return db
    .select({ id: apiKeys.id, userId: apiKeys.userId, name: apiKeys.name, prefix: apiKeys.prefix, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(userId ? and(sql`${apiKeys.teamId} in (${memberTeams(userId, "keys")})`, match) : match);
}
