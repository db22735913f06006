import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/net/client-ip";

/**
 * The one place the environment is read and validated. Everything else imports `env`.
 * Defaults make `npm install && npm start` work with nothing set.
 */

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const databaseUrl = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined))
  .superRefine((v, ctx) => {
    if (!v) return;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      ctx.addIssue({ code: "custom", message: "DATABASE_URL is not a URL (expected postgres://user:pass@host:5432/db)" });
      return;
    }
    if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
      ctx.addIssue({ code: "custom", message: `DATABASE_URL must start with postgres:// (got ${url.protocol}//)` });
    }
    if (!url.hostname) {
      ctx.addIssue({ code: "custom", message: "DATABASE_URL has no host (expected postgres://user:pass@host:5432/db)" });
    }
  });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** PostgreSQL for scale mode; unset = embedded PGlite under DATA_DIR. */
  DATABASE_URL: databaseUrl,
  DATA_DIR: z.string().default("./data"),
  AUTH_SECRET: z.string().min(16).optional(),
  /** The public URL when a proxy rewrites the host (Auth.js reads it for redirect URIs; see docs/sso.md). */
  AUTH_URL: z.url().optional(),
  ADMIN_EMAIL: z.email().optional(),
  /**
   * Single sign-on through one OpenID Connect provider (Entra ID, Google Workspace, Keycloak…), found by
   * discovery at `${OIDC_ISSUER}/.well-known/openid-configuration`. All three set = the login page offers
   * "Sign in with OIDC_NAME"; none set = local passwords only. See docs/sso.md.
   */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(60).default("single sign-on"),
  /**
   * How long an SSO sign-in lasts before the person goes through the provider again (hours). Short by default: the
   * provider is where people are removed, and Vouch learns of it only at the next sign-in.
   */
  OIDC_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  RATE_LIMIT_PER_KEY: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).default(600),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(30 * 1024 * 1024),
  MAX_IMAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  MAX_IMAGE_PIXELS: z.coerce.number().int().min(1000).default(40_000_000),
  /** Synchronous OCR (POST /ocr/fields): images recognized at once, and requests allowed to wait; beyond that 503 + Retry-After. */
  OCR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  OCR_QUEUE: z.coerce.number().int().min(0).max(1000).default(4),
  /** Pages processed of one document at most; a longer PDF keeps its first pages and is marked truncated. */
  MAX_PDF_PAGES: z.coerce.number().int().min(1).max(10_000).default(200),
  /** Sign-in throttling: failed attempts allowed per account and per client IP in one window (minutes). */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(5).default(5),
  /** Reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma-separated); unset = the socket's peer is the client. */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((v, ctx) => {
      try {
        parseTrustedProxies(v);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
  /** TEST ONLY: lets URL fetches reach loopback/private addresses. Never set in production. */
  VOUCH_UNSAFE_ALLOW_PRIVATE_URLS: bool,
  /** Run extraction workers inside the web process (default on; off for web-only nodes). */
  VOUCH_WORKERS: z.coerce.number().int().min(0).max(16).default(1),
  /** Webhook retries: first delay, doubling up to the cap, given up after the max age (ms). */
  VOUCH_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
  VOUCH_WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(10).default(3_600_000),
  VOUCH_WEBHOOK_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(24 * 3_600_000),
  /** How often each process looks for due webhook deliveries, and one call's timeout (ms). */
  VOUCH_WEBHOOK_POLL_MS: z.coerce.number().int().min(50).default(1000),
  VOUCH_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Queue tuning for fault tests: seconds before a run whose worker died is retried, and pg-boss maintenance cadence. */
  VOUCH_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).optional(),
  /** First delay before a failed extraction is retried (doubling each time); default 10 s. */
  VOUCH_JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).optional(),
  VOUCH_QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(30),
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
});

/** Blank variables count as unset (an env file often carries `OIDC_ISSUER=`). */
const blankIsUnset = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME"] as const;

const checked = schema.superRefine((e, ctx) => {
  const oidc = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "single sign-on needs all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET" });
  }
});

export type Env = z.infer<typeof schema>;

/** Parse an environment; throws one readable message listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = { ...source };
  for (const k of blankIsUnset) if (!cleaned[k]?.trim()) delete cleaned[k];
  const r = checked.safeParse(cleaned);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return r.data;
}

/** The validated environment of this process. */
export const env: Env = parseEnv(process.env);

/** Absolute data directory (PGlite files, page images, generated secrets). */
export function dataDir(e: Env = env): string {
  return path.resolve(e.DATA_DIR);
}
