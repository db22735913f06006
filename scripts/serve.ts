// The Vouch server process: configuration → database (migrated) → first-run admin →
// job workers → Next.js (pages + API) on one port. Started by `npm start`.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import { newRequestId } from "@/lib/http/request-id";
import { clientAddress, parseTrustedProxies } from "@/lib/net/client-ip";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";

const t0 = Date.now();

function die(message: string): never {
  console.error(`\n[vouch] cannot start:\n${message}\n`);
  process.exit(1);
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  // Validate the environment before anything else reads it.
  let envModule: typeof import("@/lib/env");
  try {
    envModule = await import("@/lib/env");
  } catch (err) {
    die((err as Error).message);
  }
  const { env, dataDir } = envModule;
  ensureAuthSecret(dataDir());

  const { DatabaseConfigError } = await import("@/lib/db/client");
  const { prepareDatabase } = await import("@/lib/db/migrate");
  let db: Db;
  try {
    db = await prepareDatabase();
  } catch (err) {
    if (err instanceof DatabaseConfigError) die(err.message);
    throw err;
  }
  console.log(`[vouch] database ready (${env.DATABASE_URL ? "PostgreSQL" : `embedded PGlite in ${dataDir()}`})`);

  await bootstrapAdmin(db, env);
  const background = await loadBackground();
  await background?.startBackground?.();

  const trustedProxies = env.TRUSTED_PROXIES ? parseTrustedProxies(env.TRUSTED_PROXIES) : null;
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    // The client's address for sign-in throttling (lib/auth/throttle.ts) and the audit log: the peer, or what a
    // trusted proxy forwarded (lib/net/client-ip.ts); a client-sent value is overwritten.
    req.headers["x-vouch-client-ip"] = clientAddress(req.socket.remoteAddress ?? "", req.headers["x-forwarded-for"], trustedProxies);
    // A malformed percent-encoding in the path makes Next's router throw (a bare 500); answer 400 here.
    try {
      decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/");
    } catch {
      const requestId = newRequestId();
      res.writeHead(400, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "x-request-id": requestId });
      res.end(
        JSON.stringify({ error: { code: "invalid_request", message: "The request path is not valid percent-encoded UTF-8.", requestId, retryable: false } }),
      );
      return;
    }
    handle(req, res).catch((err: unknown) => {
      console.error("[vouch] unhandled request error:", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal_error", message: "Internal error", retryable: true } }));
    });
  });
  server.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") die(`Port ${env.PORT} is already in use. Stop the other server or set PORT.`);
    die(err.message);
  });
  server.listen(env.PORT, env.HOST, () => {
    console.log(`[vouch] ready on http://localhost:${env.PORT} (${Date.now() - t0} ms)`);
  });

  const shutdown = async (signal: string) => {
    console.log(`[vouch] ${signal}: shutting down`);
    server.close();
    try {
      await background?.stopBackground?.();
      const { closeDriver } = await import("@/lib/db/client");
      await closeDriver();
    } finally {
      process.exit(0);
    }
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

/** Auth.js needs a secret; generate one on first run and keep it in the data dir. */
function ensureAuthSecret(dir: string) {
  if (process.env.AUTH_SECRET) return;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ".auth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

/** Headless installs: ADMIN_EMAIL + ADMIN_PASSWORD create the first admin if none exists. */
async function bootstrapAdmin(db: Db, env: Env) {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) return;
  const { countUsers } = await import("@/lib/db/queries/users");
  if ((await countUsers(db)) > 0) return;
  const { createFirstAdmin } = await import("@/lib/services/users/create-first-admin");
  await createFirstAdmin({ db, input: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } });
  console.log(`[vouch] created the first admin ${env.ADMIN_EMAIL} from ADMIN_EMAIL/ADMIN_PASSWORD`);
}

type Background = { startBackground?: () => Promise<void>; stopBackground?: () => Promise<void> };

/** Job workers and other background loops (lib/jobs/runtime.ts), when present. */
async function loadBackground(): Promise<Background | null> {
  if (!fs.existsSync(path.join(process.cwd(), "lib/jobs/runtime.ts"))) return null;
  return (await import("@/lib/jobs/runtime" as string)) as Background;
}

main().catch((err) => {
  console.error("[vouch] failed to start:", err);
  process.exit(1);
});
