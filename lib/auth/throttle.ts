/**
 * Sign-in throttling per account and per client IP, counted in the database (the
 * `rate_limits` table the API uses) so every process sharing a PostgreSQL database sees
 * the same counts. Only failures count, over the current and the previous window of a few
 * minutes (≤ 5, so both survive the API's sweep of windows older than 10 minutes). The account bucket is keyed by the e-mail
 * as typed, whether or not such a user exists, so a throttled answer tells nothing.
 */
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema";

/** Limits of `loginThrottle`. */
export interface ThrottleLimits {
  perAccount: number;
  perIp: number;
  windowMinutes: number;
}

const hashed = (s: string) => crypto.createHash("sha256").update(s).digest("base64url").slice(0, 32);

function bucketsOf(email: string, ip: string): { account: string; ip: string } {
  return { account: `login:acct:${hashed(email.trim().toLowerCase())}`, ip: `login:ip:${ip || "unknown"}` };
}

function windowOf(limits: ThrottleLimits, now: number): Date {
  const ms = limits.windowMinutes * 60_000;
  return new Date(Math.floor(now / ms) * ms);
}

/** Seconds until the current window ends. */
export function retryAfterSec(limits: ThrottleLimits, now = Date.now()): number {
  const ms = limits.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((windowOf(limits, now).getTime() + ms - now) / 1000));
}

async function countOf(db: DbOrTx, bucket: string, windowStart: Date): Promise<number> {
  const [row] = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.bucket, bucket), eq(rateLimits.windowStart, windowStart)));
  return row?.count ?? 0;
}

/**
 * Which limit a sign-in attempt is over right now, if any (checked before the password).
 * The failures of the current and the previous window are added, so a burst that straddles
 * a window boundary still counts as one and the block lasts one to two windows.
 */
export async function loginBlocked(db: DbOrTx, email: string, ip: string, limits: ThrottleLimits, now = Date.now()): Promise<"account" | "ip" | null> {
  const b = bucketsOf(email, ip);
  const w = windowOf(limits, now);
  const previous = new Date(w.getTime() - limits.windowMinutes * 60_000);
  const recent = async (bucket: string) => (await countOf(db, bucket, w)) + (await countOf(db, bucket, previous));
  if ((await recent(b.account)) >= limits.perAccount) return "account";
  if ((await recent(b.ip)) >= limits.perIp) return "ip";
  return null;
}

/** Count one failed sign-in against the account and the IP (atomic upserts). */
export async function recordLoginFailure(db: DbOrTx, email: string, ip: string, limits: ThrottleLimits, now = Date.now()): Promise<void> {
  const b = bucketsOf(email, ip);
  const windowStart = windowOf(limits, now);
  for (const bucket of [b.account, b.ip]) {
    await db
      .insert(rateLimits)
      .values({ bucket, windowStart, count: 1 })
      .onConflictDoUpdate({ target: [rateLimits.bucket, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } });
  }
}
