/**
 * `npm run bench:hostile [-- --requests 10000 --seed 1 --concurrency 6 --rss-bound-mb 1536 --db pglite|postgres]`:
 * start a production server (the build must exist: `npx next build`), send generated
 * hostile requests (lib/http/hostile) to every contract route, and fail unless there was no
 * 5xx, no crash, no stack trace in a body, every JSON error in the envelope, the RSS back under the bound once the
 * server settles, and a normal request still works (closed connections are counted and shown). Prints the
 * figures and writes bench-results/hostile-<timestamp>.json.
 */
import fs from "node:fs";
import path from "node:path";
import { generate, rssMb, sendAll } from "../lib/http/hostile/run";
import { normalRequestWorks, startHostileTarget } from "../lib/http/hostile/setup";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const count = Number(arg("requests", "10000"));
const seed = Number(arg("seed", "1"));
const concurrency = Number(arg("concurrency", "6"));
const bound = Number(arg("rss-bound-mb", "1536"));
const db = arg("db", "pglite") === "postgres" ? "postgres" : "pglite";

const t0 = performance.now();
const { server, target } = await startHostileTarget(db);
const child = server.server.process;
const pid = child.pid ?? 0;
const rssStart = rssMb(pid);
console.log(`[hostile] server up on ${server.url} (${db}), RSS ${rssStart} MB; generating ${count} requests (seed ${seed})`);
const requests = generate(target, count, seed);
let report: Awaited<ReturnType<typeof sendAll>>;
try {
  report = await sendAll(server.url, requests, {
    concurrency,
    serverPid: pid,
    alive: () => child.exitCode === null,
    onProgress: (n) => {
      if (n % 1000 === 0) console.log(`[hostile] ${n}/${count} sent, RSS ${rssMb(pid)} MB`);
    },
  });
} catch (err) {
  console.error(`[hostile] FAILED: ${(err as Error).message}\n${server.server.output().slice(-4000)}`);
  await server.stop();
  process.exit(1);
}
// let background jobs and the GC settle, then look at the resident memory again
let rssAfter = rssMb(pid);
for (let i = 0; i < 60 && (rssAfter ?? 0) > bound; i++) {
  await new Promise((r) => setTimeout(r, 1000));
  rssAfter = rssMb(pid);
}
const normalOk = await normalRequestWorks(server.url, target);
// the server's own account of every 5xx (first lines of each), to reproduce what the report flags
const serverErrors = server.server
  .output()
  .split("\n")
  .filter((l) => /→ 5\d\d|\[cause\]|unhandled/.test(l))
  .slice(0, 40);
const alive = child.exitCode === null;
await server.stop();

const summary = {
  when: new Date().toISOString(),
  seed,
  concurrency,
  database: db,
  requests: report.requests,
  byStatus: report.byStatus,
  byRoute: report.byRoute,
  fiveXx: report.fiveXx,
  stackTraces: report.stackTraces,
  missingEnvelopes: report.missingEnvelopes,
  networkErrors: report.networkErrors,
  rssStartMb: rssStart,
  maxRssMb: report.maxRssMb,
  rssAfterMb: rssAfter,
  rssBoundMb: bound,
  sendWallMs: report.wallMs,
  totalWallMs: Math.round(performance.now() - t0),
  normalRequestOk: normalOk,
  serverAlive: alive,
  failures: report.failures,
  serverErrors,
  loadavg: (await import("node:os")).loadavg(),
};
fs.mkdirSync("bench-results", { recursive: true });
const out = path.resolve("bench-results", `hostile-${summary.when.replace(/[:.]/g, "-")}.json`);
fs.writeFileSync(out, JSON.stringify(summary, null, 2));
const { failures, byRoute, serverErrors: _errors, ...shown } = summary;
console.log(JSON.stringify(shown, null, 2));
for (const f of failures) console.log(`  ✗ ${f.why}: ${f.method} ${f.path.slice(0, 120)} → ${f.status}: ${f.excerpt.slice(0, 200)}`);
for (const l of serverErrors) console.log(`  server: ${l.slice(0, 300)}`);
// Network errors are reported, not failed on: the ones seen are a body the server refused unread (a malformed key → 401
// before the multipart is parsed) whose socket closed while undici was still writing it. A crash shows as `serverAlive`.
if (report.networkErrors > 0) console.log(`[hostile] note: ${report.networkErrors} request(s) ended in a closed connection (see failures)`);
const ok = report.fiveXx === 0 && report.stackTraces === 0 && report.missingEnvelopes === 0 && alive && normalOk && (rssAfter ?? 0) <= bound;
console.log(`[hostile] ${ok ? "PASS" : "FAIL"} — written to ${out}`);
process.exit(ok ? 0 : 1);
