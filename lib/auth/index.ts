import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type Session } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getUserByEmail, getUserById } from "@/lib/db/queries/users";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { authConfig } from "./config";
import { env } from "@/lib/env";
import { checkSignIn } from "@/lib/services/users/password";
import { closeSession, openSession, sessionIsLive } from "./sessions";
import { loginBlocked, recordLoginFailure } from "./throttle";

/** A sign-in refused because the account or the client IP failed too often recently. */
class LoginThrottled extends CredentialsSignin {
  code = "throttled";
}

const throttleLimits = () => ({
  perAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
  perIp: env.LOGIN_MAX_FAILURES_PER_IP,
  windowMinutes: env.LOGIN_WINDOW_MINUTES,
});

/** The client address scripts/serve.ts put on the request (overwriting anything the client sent). */
const clientIp = (request: Request | undefined) => request?.headers.get("x-vouch-client-ip") ?? "";

const credentials = z.object({ email: z.string().trim().toLowerCase(), password: z.string().min(1) });

/**
 * Full Auth.js: email + password checked against the bcrypt hash; users, accounts and
 * sessions live in our schema through the drizzle adapter (ready for OAuth providers).
 * Credentials sign-in requires JWT sessions in Auth.js; the jwt callback re-checks the
 * user and the session row (lib/auth/sessions.ts) on every request, so a disabled user or
 * a signed-out session is refused at once. Failed sign-ins are throttled per account and
 * per IP in the database (lib/auth/throttle.ts).
 */
export const {
  handlers,
  auth: rawAuth,
  signIn,
  signOut,
} = NextAuth(async () => {
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
        async authorize(raw, request) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const ip = clientIp(request);
          if (await loginBlocked(db, email, ip, throttleLimits())) throw new LoginThrottled();
          const user = await getUserByEmail(db, email);
          // one bcrypt comparison whether or not the account exists (no enumeration by timing)
          const ok = await checkSignIn(user, password);
          if (!ok || !user) {
            await recordLoginFailure(db, email, ip, throttleLimits());
            return null;
          }
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    callbacks: {
      ...authConfig.callbacks,
      async jwt(params) {
        const token = await authConfig.callbacks.jwt(params);
        if (params.user && token.uid) {
          token.sid = await openSession(db, String(token.uid), authConfig.session.maxAge);
        } else if (token.uid) {
          if (typeof token.sid !== "string" || !(await sessionIsLive(db, token.sid, String(token.uid)))) return null;
          const u = await getUserById(db, String(token.uid));
          if (!u || u.disabled) return null;
          token.role = u.role;
        }
        return token;
      },
    },
    events: {
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await closeSession(db, sid);
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
