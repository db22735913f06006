/**
 * Fixed-window rate limits kept in the database, so every process sharing it (PGlite's
 * one process, or many servers on PostgreSQL) counts against the same window. One atomic
 * upsert per bucket: `insert … on conflict do update set count = count + 1 returning count`.
 */
import { lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema";
import { ApiError } from "@/lib/contract/errors";

/** The fixed window: one minute. */
export const WINDOW_MS = 60_000;

/** Count one hit in `bucket`'s current window; returns the count so far and the window end. */
export async function hit(db: DbOrTx, bucket: string, now = Date.now()): Promise<{ count: number; resetAt: number }> {
  const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const [row] = await db
    .insert(rateLimits)
    .values({ bucket, windowStart: new Date(windowStart), count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.bucket, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  // Old windows are dead weight; sweep them now and then instead of on every call.
  if (Math.random() < 0.01) {
    await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(windowStart - 10 * WINDOW_MS)));
  }
  return { count: row?.count ?? 1, resetAt: windowStart + WINDOW_MS };
}

/** Enforce the per-key and per-user limits; throws 429 with retryAfterSec and Retry-After. */
export async function enforceRateLimits(
  db: DbOrTx,
  caller: { keyId: string; userId: string },
  limits: { perKey: number; perUser: number },
  now = Date.now(),
): Promise<void> {
  const key = await hit(db, `key:${caller.keyId}`, now);
  const user = await hit(db, `user:${caller.userId}`, now);
  const over = key.count > limits.perKey ? ("key" as const) : user.count > limits.perUser ? ("user" as const) : null;
  if (!over) return;
  const retryAfterSec = Math.max(1, Math.ceil((key.resetAt - now) / 1000));
  const limit = over === "key" ? limits.perKey : limits.perUser;
  throw new ApiError(
    "rate_limited",
    `Rate limit exceeded: ${limit} requests per minute per ${over === "key" ? "API key" : "user"}.`,
    { retryAfterSec, limit, scope: over },
    { "retry-after": String(retryAfterSec) },
  );
}
