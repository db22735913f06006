import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { copyMigratedPglite } from "./databases";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  env: Record<string, string>;
  /** everything the server printed so far. */
  output(): string;
  /** graceful stop (SIGTERM), waits for exit. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  process: ChildProcess;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** A fresh temporary data directory. */
export function tempDataDir(label = "vouch"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

/**
 * Start the real server (`node scripts/start.mjs --no-build`, the production build must
 * exist) and wait until it answers. Browse it via http://localhost:PORT (Next reports
 * 127.0.0.1 as localhost in request.url).
 */
export async function startServer(opts: { env?: Record<string, string>; dataDir?: string; port?: number; migrated?: boolean } = {}): Promise<TestServer> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? tempDataDir();
  // `migrated`: start on a copy of the run's migrated PGlite (e2e/support/db-templates.ts) instead of running initdb
  // and every migration in the server; the first-run test (skeleton) keeps the empty folder a new install has.
  if (opts.migrated && !opts.env?.DATABASE_URL) copyMigratedPglite(dataDir);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    AUTH_SECRET: "test-secret-test-secret-test-secret",
    // As `npm start` sets it for itself (scripts/malloc-arena.mjs); set here, the server keeps the child's pid (RSS checks).
    MALLOC_ARENA_MAX: "2",
    ...(process.env.VOUCH_DIST_DIR ? { VOUCH_DIST_DIR: process.env.VOUCH_DIST_DIR } : {}),
    ...opts.env,
  };
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/start.mjs"), "--no-build"], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A hang guard: a cold start takes ~25 s on an idle 2-core box and minutes on a loaded one.
  const deadline = Date.now() + 180_000;
  while (!out.includes("[vouch] ready on")) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://localhost:${port}`,
    port,
    dataDir,
    env,
    output: () => out,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
