/**
 * `npm run bench:api [-- --requests 8] [--url http://host:port --key vch_…]`: throughput and
 * latency of POST /ocr/fields over HTTP with autocannon — a receipt and an A4 invoice, each
 * with 1, 2 and 4 concurrent clients. Without --url it starts its own production server
 * (needs a fresh `.next` build) on an embedded database with the rate limits raised.
 * Prints requests/s and p50/p95 and writes bench-results/api-<timestamp>.json.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { invoicePath, receiptPath } from "../lib/http/test-support/fixtures";
import { startApiServer, waitReady } from "../lib/http/test-support/server";

interface Instance {
  on(event: "response", cb: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
interface Result {
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, r: Result) => void) => Instance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const { values } = parseArgs({
  options: { requests: { type: "string", default: "8" }, url: { type: "string" }, key: { type: "string" } },
});
// A fixed number of requests per run, not a duration: OCR takes seconds, and requests cut off
// at the end of a timed run would keep the server busy during the next one.
const requests = Number(values.requests);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function run(url: string, key: string, body: string, connections: number, amount: number) {
  return new Promise<{ rps: number; p50: number; p95: number; ok: number; failed: number }>((resolve, reject) => {
    const latencies: number[] = [];
    let failed = 0;
    const inst = autocannon(
      {
        url: `${url}/ocr/fields`,
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body,
        connections,
        amount,
        timeout: 300,
      },
      (err, r) => {
        if (err) return reject(err);
        latencies.sort((a, b) => a - b);
        resolve({
          // completed 2xx responses per second of the run's wall-clock time
          rps: latencies.length / r.duration,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          ok: latencies.length,
          failed: failed + r.errors + r.timeouts,
        });
      },
    );
    inst.on("response", (_c, status, _b, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else failed++;
    });
  });
}

async function main() {
  let url = values.url;
  let key = values.key;
  let stop = async () => {};
  if (!url || !key) {
    console.log("[bench:api] starting a production server (embedded database, rate limits raised)…");
    const s = await startApiServer("pglite", {
      keys: 1,
      env: { RATE_LIMIT_PER_KEY: "1000000", RATE_LIMIT_PER_USER: "1000000", VOUCH_WORKERS: "0" },
    });
    await waitReady(s.url);
    url = s.url;
    key = s.keys[0] as string;
    stop = () => s.stop();
  }
  const docs = [
    { name: "receipt (475×900 PNG)", templateId: "receipt", bytes: fs.readFileSync(receiptPath) },
    { name: "A4 invoice (1241×1755 PNG)", templateId: "invoice", bytes: fs.readFileSync(invoicePath) },
  ];
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const d of docs) {
      const body = JSON.stringify({ image: d.bytes.toString("base64"), templateId: d.templateId });
      await run(url, key, body, 1, 2).catch(() => null); // warm-up (not reported): keeps first-use costs out of the figures
      for (const c of [1, 2, 4]) {
        const r = await run(url, key, body, c, Math.max(requests, 2 * c));
        const row = {
          document: d.name,
          clients: c,
          "req/s": Number(r.rps.toFixed(2)),
          "p50 ms": Math.round(r.p50),
          "p95 ms": Math.round(r.p95),
          ok: r.ok,
          failed: r.failed,
        };
        rows.push(row);
        console.log(row);
      }
    }
  } finally {
    await stop();
  }
  console.table(rows);
  const out = path.resolve("bench-results", `api-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    node: process.version,
    // other work on the machine skews the figures: keep the load beside them
    loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
    requestsPerRun: requests,
  };
  fs.writeFileSync(out, JSON.stringify({ machine, rows }, null, 2));
  console.log(
    `[bench:api] ${machine.cpus} CPU(s), load ${machine.loadavg.join(" ")}, ≥${requests} requests per run; written to ${path.relative(process.cwd(), out)}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
