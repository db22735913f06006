import type { DbOrTx } from "@/lib/db/client";
import { getApiKeyByHash } from "@/lib/db/queries/api-keys";
import { API_KEY_PATTERN, hashApiKey } from "@/lib/services/api-keys/key";
import { touchApiKey } from "@/lib/services/api-keys/touch";
import { ApiError } from "@/lib/contract/errors";
import type { KeyActor } from "@/lib/db/queries/owner";

/** Who is calling: the key, its creator, and its scope (team, optional space, read-only) — an `Actor` for queries and services. */
export type ApiCaller = KeyActor;

/**
 * `Authorization: Bearer vch_…` → the caller. Missing or malformed header → 401;
 * well-formed but unknown, revoked, or its user disabled → 403.
 */
export async function authenticate(db: DbOrTx, req: Request): Promise<ApiCaller> {
  const header = req.headers.get("authorization");
  if (!header?.trim()) {
    throw new ApiError("unauthorized", "Missing Authorization header; send `Authorization: Bearer vch_…`.");
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  if (!m?.[1]) throw new ApiError("unauthorized", "Malformed Authorization header; expected `Bearer <key>`.");
  const key = m[1];
  if (!API_KEY_PATTERN.test(key)) {
    throw new ApiError("unauthorized", "Malformed API key; Vouch keys start with vch_ followed by 32+ letters and digits.");
  }
  const row = await getApiKeyByHash(db, hashApiKey(key));
  if (!row) throw new ApiError("forbidden", "Unknown API key.");
  if (row.revokedAt) throw new ApiError("forbidden", "This API key was revoked.");
  if (row.userDisabled) throw new ApiError("forbidden", "The owner of this API key is disabled.");
  await touchApiKey({ db, input: { id: row.id } });
  return { keyId: row.id, userId: row.userId, teamId: row.teamId, spaceId: row.spaceId, readOnly: row.readOnly };
}
