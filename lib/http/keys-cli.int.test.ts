/**
 * `npm run keys` for headless installs, on the embedded database: create prints a working
 * key, list shows prefix and last use, revoke works by prefix, and while the server holds
 * the data directory the command says to stop it first.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyMigratedPglite } from "@/e2e/support/databases";
import { startServer, type TestServer, tempDataDir } from "@/e2e/support/server";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("npm run keys (PGlite)", () => {
  const dataDir = tempDataDir("vouch-keys");
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production", DATABASE_URL: "" };
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  // Asynchronous so the test process stays responsive while a command runs.
  const keys = (...args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const c = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/keys.ts"), ...args], { cwd: ROOT, env });
      let out = "";
      let err = "";
      c.stdout.on("data", (d) => {
        out += d;
      });
      c.stderr.on("data", (d) => {
        err += d;
      });
      c.on("close", (code) => resolve({ code, out, err }));
    });

  it("creates, lists and revokes keys; refuses clearly while the server runs", async () => {
    copyMigratedPglite(dataDir);
    const seeded = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "lib/http/test-support/seed.ts"), "ops@example.com", "0"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    expect(seeded.status, seeded.stderr).toBe(0);

    const unknown = await keys("create", "--email", "nobody@example.com");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No user with the email/);

    const created = await keys("create", "--email", "ops@example.com", "--name", "ci");
    expect(created.code, created.err).toBe(0);
    const key = created.out.trim();
    expect(key).toMatch(/^vch_[0-9A-Za-z]{40}$/);
    expect(created.err).toMatch(/shown only now/);

    server = await startServer({ dataDir, env: { DATA_DIR: dataDir } });
    const res = await fetch(`${server.url}/amount`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    const locked = await keys("list", "--email", "ops@example.com");
    expect(locked.code).toBe(1);
    expect(locked.err).toMatch(/in use by another Vouch process[\s\S]*stop it, run this command, then start it again/);
    await server.stop();
    server = undefined;

    const listed = await keys("list", "--email", "ops@example.com");
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toContain(`${key.slice(0, 12)}…  ci  active  last used 20`);
    const revoked = await keys("revoke", key.slice(0, 12));
    expect(revoked.code, revoked.err).toBe(0);
    expect(revoked.out).toMatch(/Revoked vch_/);
    expect((await keys("list", "--email", "ops@example.com")).out).toMatch(/ci {2}revoked 20/);
  });
});
