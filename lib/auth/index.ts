import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type Session } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { isActiveMemberAnywhere } from "@/lib/db/queries/sso-domains";
import { getUserByEmail, getUserById } from "@/lib/db/queries/users";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { authConfig } from "./config";
import { env } from "@/lib/env";
import { checkSignIn } from "@/lib/services/users/password";
import { clientIpOf, withRequestOrigin } from "@/lib/services/audit/context";
import { admitSsoSignIn } from "@/lib/services/sso/admit";
import { emailVerified, normalEmail, OIDC_PROVIDER_ID, type OidcClaims, oidcProvider } from "./oidc";
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

/** The invite link a browser followed before "Sign in with …" (set by the SSO sign-in action, 10 minutes). */
export const SSO_INVITE_COOKIE = "vouch-sso-invite";

const credentials = z.object({ email: z.string().trim().toLowerCase(), password: z.string().min(1) });

/**
 * Full Auth.js: email + password checked against the bcrypt hash; users, accounts and
 * sessions live in our schema through the drizzle adapter (ready for OAuth providers).
 * Credentials sign-in requires JWT sessions in Auth.js; the jwt callback re-checks the
 * user and the session row (lib/auth/sessions.ts) on every request, so a disabled user or
 * a signed-out session is refused at once. Failed sign-ins are throttled per account and
 * per IP in the database (lib/auth/throttle.ts).
 * Single sign-on (lib/auth/oidc.ts, when OIDC_* is set) ends in the same jwt callback, so an
 * SSO sign-in opens the same revocable session row; who may come in is decided by the signIn
 * callback (lib/services/sso/admit.ts), which refuses to the page /login/denied.
 */
export const {
  handlers,
  auth: rawAuth,
  signIn,
  signOut,
} = NextAuth(async () => {
  const db = await getDb();
  const sso = oidcProvider(env);
  return {
    ...authConfig,
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    providers: [
      ...(sso ? [sso] : []),
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
          // deactivated in every team (lib/services/members/deactivate.ts): nothing left to sign in to
          if (!(await isActiveMemberAnywhere(db, { userId: user.id }))) return null;
          return { id: user.id, email: user.email, name: user.name, role: user.role };
        },
      }),
    ],
    callbacks: {
      ...authConfig.callbacks,
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = (profile ?? {}) as Partial<OidcClaims>;
        const email = normalEmail(claims.email);
        const h = await headers();
        // the audit log records a provisioned member with the address and request id of this callback
        const origin = { ip: clientIpOf(h), requestId: h.get("x-request-id") };
        const inviteToken = (await cookies()).get(SSO_INVITE_COOKIE)?.value ?? null;
        const decision = await withRequestOrigin(origin, () =>
          admitSsoSignIn({
            db,
            input: {
              provider: OIDC_PROVIDER_ID,
              subject: account.providerAccountId,
              email,
              verified: emailVerified(claims),
              name: claims.name ?? claims.preferred_username ?? null,
              inviteToken,
            },
          }),
        );
        if (decision.kind !== "refuse") return true;
        const q = new URLSearchParams({ reason: decision.reason, ...(email ? { email } : {}) });
        return `/login/denied?${q}`;
      },
      async jwt(params) {
        const token = await authConfig.callbacks.jwt(params);
        if (params.user && token.uid) {
          // an SSO session ends sooner: someone removed at the provider is shut out at the next sign-in there
          const sso = params.account?.provider === OIDC_PROVIDER_ID;
          token.sid = await openSession(db, String(token.uid), sso ? env.OIDC_SESSION_HOURS * 3600 : authConfig.session.maxAge);
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
      async signIn({ account }) {
        // the invite link has done its work (or was not this person's): it does not follow the browser further
        if (account?.provider === OIDC_PROVIDER_ID) (await cookies()).delete(SSO_INVITE_COOKIE);
      },
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
