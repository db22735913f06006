import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { requestIdFor } from "@/lib/http/request-id";
import { authConfig } from "@/lib/auth/config";
import { crossSiteRefusal } from "@/lib/http/origin";

// Every request passes the cross-site write check (lib/http/origin.ts); pages then require a
// session (authConfig.callbacks.authorized), route handlers authenticate requests themselves.
const { auth } = NextAuth(authConfig);

export default auth((req) => {
  const refusal = crossSiteRefusal(req.method, req.nextUrl, req.headers);
  const requestId = requestIdFor(req);
  if (!refusal) {
    // Pages and server actions get the id too (lib/session/action.ts puts it in the audit log); so does the answer.
    const headers = new Headers(req.headers);
    headers.set("x-request-id", requestId);
    const res = NextResponse.next({ request: { headers } });
    res.headers.set("x-request-id", requestId);
    return res;
  }
  return NextResponse.json(
    { error: { code: refusal.code, message: refusal.message, requestId, retryable: false } },
    { status: refusal.status, headers: { "cache-control": "no-store", "x-request-id": requestId } },
  );
});

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
