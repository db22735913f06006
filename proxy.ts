import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// Pages require a session; the public API authenticates with API keys in its handlers.
const { auth } = NextAuth(authConfig);
export default auth;

export const config = {
  matcher: [
    "/((?!api/|_next/|favicon|screenshots/|pdf\\.worker|ocr/|upload|jobs/|view|create|space$|amount|health|openapi\\.json).*)",
  ],
};
