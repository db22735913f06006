// `npm run bench:throughput`: pages per minute with 1, 2 and 4 worker processes on
// PostgreSQL (scale mode), and the scaling ratio. For each worker count: a throw-away
// database, N invoice-like pages queued through the same document service the API uses,
// then N `npm run worker` processes (tsx scripts/worker.ts) started and timed until every
// job is finished. Needs PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// Options: --pages N (default 24), --workers 1,2,4.
import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import sharp from "sharp";

const ROOT = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : dflt;
};
const PAGES = Number(opt("pages", "24"));
const COUNTS = opt("workers", "1,2,4").split(",").map(Number);
const ADMIN = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** An A5-ish invoice page with a distinct number and total (real OCR work, distinct bytes). */
async function page(n: number): Promise<Buffer> {
  const lines = [
    ["Northwind Supplies Ltd", 50, 70, 30],
    ["INVOICE", 50, 130, 36],
    [`Invoice No: INV-${10000 + n}`, 50, 200, 24],
    ["Date: 2026-03-15", 50, 240, 24],
    ["Description            Qty     Amount", 50, 320, 22],
    [`Steel bracket            ${(n % 9) + 1}      ${(n * 7.5 + 10).toFixed(2)}`, 50, 360, 22],
    [`Total: ${(n * 7.5 + 10).toFixed(2)}`, 50, 450, 26],
  ] as const;
  const text = lines.map(([t, x, y, s]) => `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${s}">${t}</text>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="520"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Queue PAGES documents in a fresh database (runs in a child so module-level env is that database's). */
function seed(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/bench-throughput.ts"), "--seed", String(PAGES)], {
      cwd: ROOT,
      env: { ...process.env, ...env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seeding exited with ${code}`))));
  });
}

async function seedMain(pages: number): Promise<void> {
  const { env } = await import("@/lib/env");
  const { prepareDatabase } = await import("@/lib/db/migrate");
  const { createUser } = await import("@/lib/services/users/create");
  const { createSpace } = await import("@/lib/services/spaces/create");
  const { createDocument } = await import("@/lib/services/documents/create");
  const { prepareUpload } = await import("@/lib/services/documents/prepare");
  const { getStorage } = await import("@/lib/storage");
  const { extractionQueue, stopBackground } = await import("@/lib/jobs/runtime");
  const { closeDriver } = await import("@/lib/db/client");
  const db = await prepareDatabase(env);
  const user = await createUser({ db, input: { email: "bench@example.com", password: "bench-password" } });
  const space = await createSpace({ db, userId: user.id, input: { name: "Bench", templateId: "invoice" } });
  for (let i = 0; i < pages; i++) {
    const upload = await prepareUpload(
      { pages: [], file: { bytes: new Uint8Array(await page(i)), type: "image/png", name: `p${i}.png` } },
      { maxImageBytes: env.MAX_IMAGE_BYTES, maxImagePixels: env.MAX_IMAGE_PIXELS, maxPdfBytes: env.MAX_BODY_BYTES },
    );
    await createDocument({ db, queue: extractionQueue, storage: getStorage(env), userId: user.id, input: { spaceId: space.id, upload, source: "api" } });
  }
  await stopBackground();
  await closeDriver(env);
}

async function run(workers: number): Promise<{ workers: number; seconds: number; perMinute: number; failed: number }> {
  const name = `vouch_bench_${crypto.randomBytes(4).toString("hex")}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vouch-bench-"));
  const env: Record<string, string> = { NODE_ENV: "production", DATABASE_URL: url.toString(), DATA_DIR: dataDir, VOUCH_WORKERS: "1" };
  const procs: ChildProcess[] = [];
  try {
    await seed(env);
    const started = Date.now();
    for (let i = 0; i < workers; i++) {
      procs.push(
        spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
          cwd: ROOT,
          env: { ...process.env, ...env } as NodeJS.ProcessEnv,
          stdio: "ignore",
        }),
      );
    }
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    let done = 0;
    let failed = 0;
    while (done < PAGES) {
      await new Promise((r) => setTimeout(r, 250));
      const r = await c.query(
        "select count(*) filter (where status in ('completed','failed'))::int as done, count(*) filter (where status = 'failed')::int as failed from jobs",
      );
      done = r.rows[0].done;
      failed = r.rows[0].failed;
      if (Date.now() - started > 30 * 60_000) throw new Error("timed out");
    }
    await c.end();
    const seconds = (Date.now() - started) / 1000;
    return { workers, seconds, perMinute: (PAGES / seconds) * 60, failed };
  } finally {
    for (const p of procs) p.kill("SIGTERM");
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once("exit", r)))));
    await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (args[0] === "--seed") return seedMain(Number(args[1]));
  console.log(`bench:throughput — ${PAGES} invoice pages per run on ${new URL(ADMIN).host}, ${os.cpus().length} CPU(s), load ${os.loadavg()[0]?.toFixed(1)}`);
  const results = [];
  for (const n of COUNTS) {
    const r = await run(n);
    results.push(r);
    console.log(`  ${n} worker process(es): ${r.seconds.toFixed(1)} s → ${r.perMinute.toFixed(1)} pages/min${r.failed ? ` (${r.failed} failed)` : ""}`);
  }
  const base = results[0]?.perMinute ?? 1;
  console.log(`scaling vs ${results[0]?.workers} worker: ${results.map((r) => `${r.workers}→${(r.perMinute / base).toFixed(2)}×`).join(", ")}`);
  console.log("(time from starting the workers to the last job finished: includes each process loading the OCR engine)");
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
