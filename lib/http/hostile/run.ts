/**
 * Send generated hostile requests to a running server and judge the answers: no 5xx, no
 * stack trace or server path in any body, an error envelope on every JSON error, the
 * process alive throughout, its RSS sampled (max, and after the run once it settles).
 */
import fs from "node:fs";
import fc from "fast-check";
import { type HostileRequest, hostileRequest, type Target } from "./requests";

/** What a run found. */
export interface HostileReport {
  requests: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, number>;
  /** 5xx answers, network failures and leaks, with enough to reproduce (first 20). */
  failures: Array<{ why: string; route: string; method: string; path: string; status: number | null; excerpt: string }>;
  fiveXx: number;
  stackTraces: number;
  missingEnvelopes: number;
  networkErrors: number;
  maxRssMb: number | null;
  wallMs: number;
}

const LEAK = /\n\s+at [^\n]*[(:]|node:internal|webpack-internal|\/work\/|\/home\/|\.tsx?:\d+:\d+|\bat async\b/;

/** Resident memory of a process in MB (Linux /proc), null elsewhere. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m?.[1] ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

function bodyOf(r: HostileRequest): BodyInit | undefined {
  if (!r.body || r.method === "GET" || r.method === "HEAD") return undefined;
  if (r.body.kind === "raw") return new Uint8Array(r.body.bytes);
  const form = new FormData();
  for (const p of r.body.parts) {
    if (typeof p.value === "string") form.append(p.name, p.value);
    else form.append(p.name, new Blob([new Uint8Array(p.value)], { type: p.type ?? "" }), p.fileName ?? "f");
  }
  return form;
}

/** Generate `count` requests from `seed` (deterministic). */
export function generate(target: Target, count: number, seed: number): HostileRequest[] {
  return fc.sample(hostileRequest(target), { numRuns: count, seed });
}

/** Send the requests, `concurrency` at a time, sampling the server's RSS. */
export async function sendAll(
  base: string,
  requests: HostileRequest[],
  opts: { concurrency: number; serverPid?: number; alive?: () => boolean; onProgress?: (done: number) => void },
): Promise<HostileReport> {
  const started = performance.now();
  const report: HostileReport = {
    requests: 0,
    byStatus: {},
    byRoute: {},
    failures: [],
    fiveXx: 0,
    stackTraces: 0,
    missingEnvelopes: 0,
    networkErrors: 0,
    maxRssMb: null,
    wallMs: 0,
  };
  const sample = () => {
    const mb = opts.serverPid ? rssMb(opts.serverPid) : null;
    if (mb !== null) report.maxRssMb = Math.max(report.maxRssMb ?? 0, mb);
  };
  const timer = setInterval(sample, 200);
  const fail = (why: string, r: HostileRequest, status: number | null, excerpt: string) => {
    if (report.failures.length < 20)
      report.failures.push({ why, route: r.route, method: r.method, path: r.path.slice(0, 200), status, excerpt: excerpt.slice(0, 400) });
  };
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      const r = requests[i];
      if (!r) return;
      report.requests++;
      report.byRoute[r.route] = (report.byRoute[r.route] ?? 0) + 1;
      try {
        const res = await fetch(`${base}${r.path}`, {
          method: r.method,
          headers: r.headers,
          body: bodyOf(r),
          redirect: "manual",
          signal: AbortSignal.timeout(180_000),
        });
        const text = r.method === "HEAD" ? "" : await res.text();
        report.byStatus[res.status] = (report.byStatus[res.status] ?? 0) + 1;
        if (res.status >= 500) {
          report.fiveXx++;
          fail("5xx", r, res.status, text);
        }
        if (LEAK.test(text)) {
          report.stackTraces++;
          fail("stack trace or server path in the body", r, res.status, text);
        }
        if (r.method !== "HEAD" && res.status >= 400 && (res.headers.get("content-type") ?? "").includes("json")) {
          let code: string | undefined;
          try {
            code = (JSON.parse(text || "{}") as { error?: { code?: string } }).error?.code;
          } catch {
            code = undefined;
          }
          if (!code) {
            report.missingEnvelopes++;
            fail("error without the envelope", r, res.status, text);
          }
        }
      } catch (err) {
        // Node answers 431 and closes the socket when the request head passes its 16 KiB limit; a client still
        // sending its body then sees EPIPE. That is the server refusing, not failing.
        // (the client adds ~1 KiB of its own headers: host, content-type with the boundary, length, user-agent…)
        if (
          Buffer.byteLength(r.path) + JSON.stringify(r.headers).length > 16_384 - 1024 &&
          /EPIPE|ECONNRESET|other side closed/.test(String((err as Error).cause ?? ""))
        ) {
          report.byStatus["431 (closed)"] = (report.byStatus["431 (closed)"] ?? 0) + 1;
          continue;
        }
        report.networkErrors++;
        report.byStatus.network = (report.byStatus.network ?? 0) + 1;
        fail(`network: ${(err as Error).message}`, r, null, String((err as Error).cause ?? ""));
      }
      if (opts.alive && !opts.alive()) throw new Error(`the server died after ${report.requests} requests (last: ${r.route} ${r.path.slice(0, 100)})`);
      opts.onProgress?.(report.requests);
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
  } finally {
    clearInterval(timer);
    sample();
  }
  report.wallMs = Math.round(performance.now() - started);
  return report;
}
