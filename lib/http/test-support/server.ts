/** Start a real server with a seeded user and API keys, on PGlite or PostgreSQL. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@/e2e/support/databases";
import { startServer, type TestServer, tempDataDir } from "@/e2e/support/server";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface ApiTestServer {
  server: TestServer;
  url: string;
  keys: string[];
  revoked: string;
  email: string;
  db: TestDatabase;
  stop(): Promise<void>;
}

/** Seed (in a separate process) and start the server with `env`. */
export async function startApiServer(kind: "pglite" | "postgres", opts: { keys?: number; env?: Record<string, string> } = {}): Promise<ApiTestServer> {
  const db = await createTestDatabase(kind, { migrated: true });
  const dataDir = tempDataDir("vouch-api");
  const dbEnv = db.env(dataDir);
  const email = "api@example.com";
  const seeded = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "lib/http/test-support/seed.ts"), email, String(opts.keys ?? 4)], {
    cwd: ROOT,
    env: { ...process.env, ...dbEnv, NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (seeded.status !== 0) throw new Error(`seeding failed:\n${seeded.stdout}\n${seeded.stderr}`);
  const out = JSON.parse(seeded.stdout.trim().split("\n").pop() ?? "{}") as { keys: string[]; revoked: string };
  const server = await startServer({ dataDir, env: { ...dbEnv, ...opts.env } });
  return {
    server,
    url: server.url,
    keys: out.keys,
    revoked: out.revoked,
    email,
    db,
    async stop() {
      await server.stop();
      await db.cleanup();
    },
  };
}

/** Wait until GET /health says ready (the OCR engine loads in the background). */
export async function waitReady(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await fetch(`${url}/health`).catch(() => null);
    if (r?.status === 200) return;
    const body = r ? await r.text() : "";
    if (body.includes('"status":"error"')) throw new Error(`not ready: ${body}`);
    if (Date.now() > deadline) throw new Error(`not ready: ${body || "no answer"}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}
