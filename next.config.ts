import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders } from "./lib/http/headers";

// The UI's messages per request (language from the reader's choice or the browser): i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Packages with native code, WASM or worker threads are loaded by Node at run time,
// not bundled (PGlite must be; tesseract.js spawns workers from its own files).
const nextConfig: NextConfig = {
  // A separate build folder lets a second checkout-level build (e.g. a test run) coexist.
  distDir: process.env.VOUCH_DIST_DIR || ".next",
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg",
    "pg-boss",
    "sharp",
    "tesseract.js",
    "tesseract.js-core",
    "pdfjs-dist",
    "@napi-rs/canvas",
    "exceljs",
    "bcryptjs",
  ],
  // Type checking and lint run in `npm test`; the production build need not repeat them.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // CSP, frame-ancestors/X-Frame-Options, nosniff… on every response (lib/http/headers.ts).
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders() }];
  },
  experimental: {
    serverActions: { bodySizeLimit: "30mb" },
    // forbidden() answers a page with 403 and app/forbidden.tsx (another team's space or document, a page beyond the role).
    authInterrupts: true,
  },
};

export default withNextIntl(nextConfig);
