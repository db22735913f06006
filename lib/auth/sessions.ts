/**
 * Revocable sessions. Sessions stay JWTs (Auth.js requires them for credentials sign-in),
 * but each carries the id of a row in `sessions`; the jwt callback accepts the token only
 * while that row exists and has not expired, and signing out deletes it — so a copied
 * cookie stops working at sign-out instead of living out its 30 days.
 */
import crypto from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";

/** Open a session for `userId`; returns its id (goes into the JWT as `sid`). */
export async function openSession(db: DbOrTx, userId: string, maxAgeSec: number, now = Date.now()): Promise<string> {
  const id = crypto.randomBytes(24).toString("base64url");
  await db.insert(sessions).values({ sessionToken: id, userId, expires: new Date(now + maxAgeSec * 1000) });
  // expired rows are dead weight; sweep them now and then
  if (Math.random() < 0.05) await db.delete(sessions).where(lt(sessions.expires, new Date(now)));
  return id;
}

/** True while the session exists, belongs to `userId` and has not expired. */
export async function sessionIsLive(db: DbOrTx, id: string, userId: string, now = Date.now()): Promise<boolean> {
  const [row] = await db
    .select({ id: sessions.sessionToken })
    .from(sessions)
    .where(and(eq(sessions.sessionToken, id), eq(sessions.userId, userId), gt(sessions.expires, new Date(now))));
  return Boolean(row);
}

/** End one session (sign-out). */
export async function closeSession(db: DbOrTx, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.sessionToken, id));
}

/** End every session of a user (password change, deactivation). */
export async function closeAllSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
