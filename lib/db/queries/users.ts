import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { accounts, users } from "@/lib/db/schema";

/** Number of users; 0 means first run. */
export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

/** A user by email (lower-cased), with the password hash for sign-in. */
export async function getUserByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ?? null;
}

/** A user by id, without the password hash. */
export async function getUserById(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

/** Every user, for the admin's user list. */
export async function listUsers(db: DbOrTx) {
  return db.select({ id: users.id, email: users.email, name: users.name, role: users.role, createdAt: users.createdAt }).from(users).orderBy(users.createdAt);
}

/** The user an identity of a sign-in provider (SSO) is linked to, or null. */
export async function getUserByAccount(db: DbOrTx, provider: string, providerAccountId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, disabled: users.disabled })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
  return row ?? null;
}
