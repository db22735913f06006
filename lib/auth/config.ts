import type { NextAuthConfig } from "next-auth";
import { isAssetPath, isHandlerPath, isPublicPage } from "@/lib/http/paths";
import { authLogger } from "./logger";

/**
 * The part of the Auth.js configuration that needs no database: the proxy (Next's
 * middleware) uses it to check the session cookie on every page request.
 */
export const authConfig = {
  pages: { signIn: "/login", error: "/login/denied" },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  trustHost: true,
  logger: authLogger,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const p = request.nextUrl.pathname;
      // route handlers authenticate themselves (API keys or the session, answering 401/403, never a redirect)
      if (isHandlerPath(p) || isPublicPage(p) || isAssetPath(p)) return true;
      return Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as { role?: string }).role ?? "reviewer";
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = String(token.uid ?? "");
        (session.user as { role?: string }).role = String(token.role ?? "reviewer");
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
