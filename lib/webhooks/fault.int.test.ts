/**
 * Durability under crashes: 200 one-word pages queued over HTTP, the process doing the
 * work killed with SIGKILL twice mid-run and started again → every job completed exactly
 * once in effect (200 documents, 200 extractions, 200 rows), and a webhook receiver that
 * is down for the first part of the run still gets every event afterwards, signed.
 * PGlite: the server runs the workers and is the one killed. PostgreSQL: a web process
 * without workers plus 2 worker processes (scripts/worker.ts, as `npm run worker`), one
 * of which is killed twice.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@/e2e/support/databases";
import { freePort, startServer, type TestServer } from "@/e2e/support/server";
import { type ApiTestServer, startApiServer, waitReady } from "@/lib/http/test-support/server";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { parseEnv } from "@/lib/env";
import { waitFor } from "@/lib/jobs/test-helpers";
import { type Receiver, startReceiver, uniqueByType } from "./test-support/receiver";
import { uploadForm, wordPng } from "./test-support/pages";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = Record<string, any>;

const ROOT = path.resolve(import.meta.dirname, "../..");
// 100 pages: enough that both kills land while jobs run (at 20 and 50 done) and 300 deliveries queue while the receiver is
// down; 200 made this file the longest of the suite (~5 min of CI) for no further path exercised.
const PAGES = 100;
const WORDS = ["alpha", "bravo", "delta", "echo", "golf", "hotel", "india", "kilo", "lima", "mike"];

/** A worker process exactly as `npm run worker` starts it (tsx scripts/worker.ts), killable by pid. */
function startWorker(env: Record<string, string>): { proc: ChildProcess; output: () => string; kill: () => Promise<void> } {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout?.on("data", (d) => {
    out += d;
  });
  proc.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  return {
    proc,
    output: () => out,
    async kill() {
      if (proc.exitCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
}

describe.each(testDatabaseKinds())("crash durability on %s", (kind) => {
  let s: ApiTestServer | undefined;
  let server: TestServer | undefined;
  let rx: Receiver | undefined;
  const workers: Array<ReturnType<typeof startWorker>> = [];

  afterAll(async () => {
    for (const w of workers) await w.kill();
    await server?.stop();
    await s?.db.cleanup();
    await rx?.close();
  });

  it(`completes all ${PAGES} pages exactly once across two SIGKILLs, and delivers every webhook after the receiver comes up`, async () => {
    const t0 = Date.now();
    const hookPort = await freePort(); // nothing listens here yet: the receiver is down
    s = await startApiServer(kind, {
      keys: 1,
      env: {
        VOUCH_UNSAFE_ALLOW_PRIVATE_URLS: "1",
        RATE_LIMIT_PER_KEY: "100000",
        RATE_LIMIT_PER_USER: "100000",
        VOUCH_WEBHOOK_RETRY_BASE_MS: "500",
        // Capped at 10 s: every one of the 300 deliveries is retried while the receiver is down, each refused attempt a
        // few writes (4 s gave ~6,800 attempts a run); the rest of the run after the receiver is up is longer than the cap.
        VOUCH_WEBHOOK_RETRY_MAX_MS: "10000",
        VOUCH_WEBHOOK_POLL_MS: "200",
        VOUCH_WEBHOOK_TIMEOUT_MS: "2000",
        VOUCH_JOB_EXPIRE_SECONDS: "20",
        VOUCH_QUEUE_MAINTENANCE_SECONDS: "2",
        ...(kind === "postgres" ? { VOUCH_WORKERS: "0" } : { VOUCH_WORKERS: "2" }),
      },
    });
    server = s.server;
    const key = s.keys[0] as string;
    const auth = { authorization: `Bearer ${key}` };
    if (kind === "postgres") for (let i = 0; i < 2; i++) workers.push(startWorker({ ...server.env, VOUCH_WORKERS: "1" }));
    await waitReady(server.url);
    const lap = (what: string) => console.log(`[fault] ${kind}: ${what}, ${Math.round((Date.now() - t0) / 1000)} s`);
    lap("server ready");

    const created = await fetch(`${server.url}/create`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        name: "Fault",
        fields: [{ name: "word", type: "string", description: "the word" }],
        webhookUrl: `http://127.0.0.1:${hookPort}/hook`,
      }),
    });
    expect(created.status).toBe(201);
    const space = (await created.json()) as Json;

    const jobIds: string[] = [];
    for (let b = 0; b < PAGES / 50; b++) {
      const files = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const n = b * 50 + i;
          return { name: `p${n}.png`, bytes: await wordPng(`${WORDS[n % WORDS.length]} ${n}`) };
        }),
      );
      const res = await fetch(`${server.url}/upload`, { method: "POST", headers: auth, body: uploadForm(files, { space: space.id }) });
      expect(res.status).toBe(202);
      const body = (await res.json()) as Json;
      expect(body.jobs.every((j: Json) => j.status === "pending" && !j.duplicate)).toBe(true);
      jobIds.push(...body.jobs.map((j: Json) => j.jobId));
    }
    expect(new Set(jobIds).size).toBe(PAGES);
    lap(`${PAGES} pages queued`);

    const doneCount = async () => {
      const r = await fetch(`${server?.url}/view?space=${space.id}&where=status=done&limit=1&boxes=0`, { headers: auth }).catch(() => null);
      return r?.ok ? (((await r.json()) as Json).total as number) : -1;
    };
    const restart = async () => {
      if (!server) throw new Error("no server");
      server = await startServer({ dataDir: server.dataDir, port: server.port, env: server.env });
    };

    // Two crashes while jobs are running.
    for (const threshold of [20, 50]) {
      await waitFor(async () => (await doneCount()) >= threshold, 240_000, 200);
      if (kind === "postgres") {
        const victim = workers.shift();
        await victim?.kill();
        workers.push(startWorker({ ...server.env, VOUCH_WORKERS: "1" }));
      } else {
        await server.kill();
        await restart();
      }
      lap(`SIGKILL after ${threshold}+ done`);
    }

    // The receiver comes up only now; everything recorded so far must still arrive.
    rx = await startReceiver(hookPort);
    rx.secret = space.webhookSecret;

    // The deadlines here are hang guards, not speed checks: a loaded CI box runs the pages at half the idle speed.
    await waitFor(async () => (await doneCount()) === PAGES, 360_000, 500).catch(async (err: Error) => {
      // Say where it stood: the per-status counts and the server's last words, not only "condition not met".
      const byStatus: Record<string, number> = {};
      for (const st of ["queued", "processing", "done", "failed"]) {
        const r = await fetch(`${server?.url}/view?space=${space.id}&where=status=${st}&limit=1&boxes=0`, { headers: auth }).catch(() => null);
        byStatus[st] = r?.ok ? (((await r.json()) as Json).total as number) : -1;
      }
      throw new Error(`${err.message}: documents by status ${JSON.stringify(byStatus)}\n${server?.output().slice(-4000)}`);
    });
    lap(`all ${PAGES} done`);
    const views = await Promise.all(jobIds.map(async (id) => (await (await fetch(`${server?.url}/jobs/${id}`, { headers: auth })).json()) as Json));
    expect(views.filter((v) => v.status === "completed")).toHaveLength(PAGES);
    expect(views.every((v) => v.result?.status === "success")).toBe(true);

    await waitFor(
      async () => (uniqueByType(rx?.received ?? [])["ocr.completed"] ?? 0) === PAGES && (uniqueByType(rx?.received ?? [])["item.created"] ?? 0) === PAGES,
      240_000,
      500,
    );
    const byType = uniqueByType(rx.received);
    expect(byType).toEqual({ "upload.received": PAGES, "item.created": PAGES, "ocr.completed": PAGES });
    expect(rx.received.every((r) => r.signatureOk)).toBe(true);
    const completedJobs = new Set(rx.received.filter((r) => r.type === "ocr.completed").map((r) => r.payload.data.jobId));
    expect(completedJobs.size).toBe(PAGES);

    const rows = (await (await fetch(`${server.url}/view?space=${space.id}&limit=1000&boxes=0`, { headers: auth })).json()) as Json;
    expect(rows.total).toBe(PAGES);

    // Straight from the database: no lost and no duplicated rows.
    await server.stop();
    for (const w of workers) await w.kill();
    const env = parseEnv({ NODE_ENV: "test", ...s.db.env(server.dataDir) });
    const db = await prepareDatabase(env);
    const count = async (q: ReturnType<typeof sql>) => Number(((await db.execute(q)) as unknown as { rows: Array<{ n: number }> }).rows[0]?.n);
    expect(await count(sql`select count(*)::int as n from documents where space_id = ${space.id}`)).toBe(PAGES);
    expect(await count(sql`select count(*)::int as n from extractions e join documents d on d.id = e.document_id where d.space_id = ${space.id}`)).toBe(PAGES);
    expect(await count(sql`select count(distinct document_id)::int as n from extractions`)).toBe(PAGES);
    expect(await count(sql`select count(*)::int as n from jobs where status = 'completed'`)).toBe(PAGES);
    expect(await count(sql`select count(*)::int as n from webhook_deliveries where status <> 'delivered'`)).toBe(0);
    const retried = await count(sql`select count(*)::int as n from webhook_attempts where status_code is null`);
    expect(retried).toBeGreaterThan(0); // the receiver really was down
    await closeDriver(env);
    console.log(`[fault] ${kind}: ${PAGES} pages, 2 kills, ${retried} refused webhook attempts, ${Math.round((Date.now() - t0) / 1000)} s total`);
  }, 900_000); // a hang guard: ~80 s a database alone on an idle 2-core box, up to 2× that beside a second test file
});
