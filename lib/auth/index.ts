import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { type Session } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getUserByEmail, getUserById } from "@/lib/db/queries/users";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { authConfig } from "./config";
import { verifyPassword } from "./password";

const credentials = z.object({ email: z.string().trim().toLowerCase(), password: z.string().min(1) });

/**
 * Full Auth.js: email + password checked against the bcrypt hash; users, accounts and
 * sessions live in our schema through the drizzle adapter (ready for OAuth providers).
 * Credentials sign-in requires JWT sessions in Auth.js; the jwt callback re-checks the
 * user on every request so a disabled or deleted user is signed out at once.
 */
export const { handlers, auth: rawAuth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    ...authConfig,
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          const user = await getUserByEmail(db, parsed.data.email);
          if (!user?.passwordHash || user.disabled) return null;
          if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    callbacks: {
      ...authConfig.callbacks,
      async jwt(params) {
        const token = await authConfig.callbacks.jwt(params);
        if (!params.user && token.uid) {
          const u = await getUserById(db, String(token.uid));
          if (!u || u.disabled) return null;
          token.role = u.role;
        }
        return token;
      },
    },
  };
});

export type AppUser = { id: string; email: string; name: string | null; role: "admin" | "reviewer" };

/** The signed-in user of this request (cached per request), or null. */
export const currentUser = cache(async (): Promise<AppUser | null> => {
  const session: Session | null = await rawAuth();
  const u = session?.user as (Session["user"] & { role?: string }) | undefined;
  if (!u?.id) return null;
  return { id: u.id, email: u.email ?? "", name: u.name ?? null, role: u.role === "admin" ? "admin" : "reviewer" };
});
