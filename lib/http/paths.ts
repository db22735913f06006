/**
 * Which paths the proxy leaves to their own authentication. Every route handler of the
 * API (`route.ts` files) authenticates itself — API keys on the contract routes, the
 * session cookie on `/api/documents|spaces` — so the proxy's sign-in redirect applies to
 * pages only. `routes.test.ts` walks the app tree to keep this list complete.
 */

/** First path segments served by route handlers, never by pages. */
export const handlerRoots = ["api", "ocr", "upload", "jobs", "view", "create", "space", "amount", "health", "openapi.json"] as const;

const HANDLER_PATH = new RegExp(`^/(${handlerRoots.map((r) => r.replace(".", "\\.")).join("|")})(/|$)`);

/** True for a path answered by a route handler (which authenticates the request itself). */
export function isHandlerPath(pathname: string): boolean {
  return HANDLER_PATH.test(pathname);
}

/** Pages anyone may see without signing in. */
export function isPublicPage(pathname: string): boolean {
  return (
    pathname === "/login" ||
    pathname === "/login/denied" ||
    pathname === "/setup" ||
    pathname === "/docs" ||
    pathname.startsWith("/docs/") ||
    // an invite link is opened before its invitee has an account (lib/services/invitations)
    pathname.startsWith("/invite/")
  );
}

/** Paths the browser fetches without a session (assets, the pdf.js worker, screenshots). */
export function isAssetPath(pathname: string): boolean {
  return /^\/(_next\/|favicon|screenshots\/|pdf\.worker)/.test(pathname);
}
