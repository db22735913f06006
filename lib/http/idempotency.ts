/**
 * Idempotency-Key for POST /upload and POST /create, kept in the database so it holds
 * across server instances. The first request with a key claims it (a row with no
 * response yet); a repeat within 24 h with the same request replays the stored response
 * with `X-Idempotent-Replay: true`; the same key with a different request is a 409.
 * A failed request releases its key, so the client can retry it.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { idempotencyKeys } from "@/lib/db/schema";
import { ApiError } from "@/lib/contract/errors";

/** How long a stored response is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** A claim without a response older than this was left by a crashed request: take it over. */
const STALE_CLAIM_MS = 10 * 60_000;
/** How long a repeat waits for the first request still in flight before answering 409. */
const WAIT_IN_FLIGHT_MS = 30_000;

/** A claimed key: finish it with the response, or release it on failure. */
export interface IdempotencyClaim {
  id: string;
}

/** The outcome of `claimIdempotencyKey`. */
export type ClaimResult = { kind: "claimed"; claim: IdempotencyClaim } | { kind: "replay"; status: number; body: unknown };

/** The Idempotency-Key header, validated (null when absent). */
export function idempotencyKeyOf(req: Request): string | null {
  const raw = req.headers.get("idempotency-key");
  if (raw === null) return null;
  const key = raw.trim();
  if (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ApiError("invalid_request", "Idempotency-Key must be 1–255 printable ASCII characters.", { path: "Idempotency-Key" });
  }
  return key;
}

/** A stable hash of a request's meaning: any JSON-able value, object keys sorted. */
export function requestHash(parts: unknown): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash("sha256")
    .update(JSON.stringify(canon(parts)))
    .digest("hex");
}

const conflict = (key: string) =>
  new ApiError("idempotency_conflict", `Idempotency-Key "${key}" was already used with a different request.`, {
    idempotencyKey: key,
  });

/**
 * Claim `key` for this request, or return the stored response to replay. Throws 409 when
 * the key belongs to a different request (or to the same one still running after a wait).
 */
export async function claimIdempotencyKey(
  db: DbOrTx,
  input: { ownerId: string; key: string; method: string; path: string; hash: string },
): Promise<ClaimResult> {
  const deadline = Date.now() + WAIT_IN_FLIGHT_MS;
  for (;;) {
    const [mine] = await db
      .insert(idempotencyKeys)
      .values({ ownerId: input.ownerId, key: input.key, method: input.method, path: input.path, requestHash: input.hash })
      .onConflictDoNothing({ target: [idempotencyKeys.ownerId, idempotencyKeys.key] })
      .returning({ id: idempotencyKeys.id });
    if (mine) return { kind: "claimed", claim: mine };
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.ownerId, input.ownerId), eq(idempotencyKeys.key, input.key)));
    if (!row) continue; // released between our insert and select: try again
    const age = Date.now() - row.createdAt.getTime();
    const expired = age > IDEMPOTENCY_TTL_MS;
    const abandoned = row.responseStatus === null && age > STALE_CLAIM_MS;
    if (expired || abandoned) {
      await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, row.id));
      continue;
    }
    if (row.requestHash !== input.hash || row.method !== input.method || row.path !== input.path) throw conflict(input.key);
    if (row.responseStatus !== null) return { kind: "replay", status: row.responseStatus, body: row.responseBody };
    if (Date.now() > deadline) {
      throw new ApiError("idempotency_conflict", `A request with Idempotency-Key "${input.key}" is still being processed; retry later.`, {
        idempotencyKey: input.key,
        inProgress: true,
      });
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Store the response of a claimed key (replayed for 24 h from the first request). */
export async function completeIdempotencyKey(db: DbOrTx, claim: IdempotencyClaim, status: number, body: unknown): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: status, responseBody: sql`${JSON.stringify(body)}::jsonb` })
    .where(eq(idempotencyKeys.id, claim.id));
}

/** Give a claimed key back after a failure, so a retry with it runs anew. */
export async function releaseIdempotencyKey(db: DbOrTx, claim: IdempotencyClaim): Promise<void> {
  await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, claim.id));
}

/**
 * Run `work` under an Idempotency-Key (or plainly without one): returns the response to
 * send, replayed with `X-Idempotent-Replay: true` when the key was seen before.
 */
export async function withIdempotency(
  db: DbOrTx,
  input: { ownerId: string; key: string | null; method: string; path: string; hash: string },
  work: () => Promise<{ status: number; body: unknown }>,
): Promise<{ status: number; body: unknown; replay: boolean }> {
  if (!input.key) return { ...(await work()), replay: false };
  const claimed = await claimIdempotencyKey(db, { ...input, key: input.key });
  if (claimed.kind === "replay") return { status: claimed.status, body: claimed.body, replay: true };
  try {
    const out = await work();
    await completeIdempotencyKey(db, claimed.claim, out.status, out.body);
    return { ...out, replay: false };
  } catch (err) {
    await releaseIdempotencyKey(db, claimed.claim).catch(() => {});
    throw err;
  }
}
