/**
 * One webhook POST, guarded like the image fetcher: the receiver's host is resolved and
 * refused when any address is not public (lib/net/ip-policy.ts), the connection is
 * pinned to the checked address (no DNS rebinding), redirects are not followed (a 3xx
 * is a failed attempt), and the call has a timeout. Never throws: the outcome is data.
 */
import http from "node:http";
import https from "node:https";
import { pinnedLookup, vetUrl } from "@/lib/net/vet";

/** What one attempt produced; recorded in webhook_attempts. */
export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** the first bytes of the response body (receivers often explain failures there). */
  responseExcerpt: string | null;
  error: string | null;
}

/** Options of `postWebhook`. */
export interface PostOptions {
  timeoutMs: number;
  /** TEST ONLY (VOUCH_UNSAFE_ALLOW_PRIVATE_URLS): allow loopback/private receivers. */
  allowPrivate: boolean;
}

const EXCERPT_BYTES = 512;

/** Vet a receiver URL: the address to connect to, or why nothing may be sent there. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<{ error: string } | { address: string; family: 4 | 6 }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: "not a valid URL" };
  }
  return vetUrl(url, { allowPrivate });
}

/** POST `body` to `url` with `headers`; the outcome, never an exception. */
export async function postWebhook(raw: string, body: string, headers: Record<string, string>, opts: PostOptions): Promise<AttemptOutcome> {
  const started = performance.now();
  const done = (o: Omit<AttemptOutcome, "latencyMs">): AttemptOutcome => ({ ...o, latencyMs: Math.round(performance.now() - started) });
  const vetted = await checkWebhookUrl(raw, opts.allowPrivate);
  if ("error" in vetted) return done({ ok: false, statusCode: null, responseExcerpt: null, error: `refused: ${vetted.error}` });
  const url = new URL(raw);
  return new Promise<AttemptOutcome>((resolve) => {
    const mod = url.protocol === "https:" ? https : http;
    const req = mod.request(
      url,
      {
        method: "POST",
        signal: AbortSignal.timeout(opts.timeoutMs),
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(vetted),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(c);
          size += c.length;
        });
        const finish = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8");
          const ok = status >= 200 && status < 300;
          const redirect = status >= 300 && status < 400;
          resolve(
            done({
              ok,
              statusCode: status,
              responseExcerpt: excerpt || null,
              error: ok ? null : redirect ? "redirects are not followed" : `HTTP ${status}`,
            }),
          );
        };
        res.on("end", finish);
        res.on("error", finish);
      },
    );
    req.on("error", (err) => {
      const timedOut = err.name === "AbortError" || err.name === "TimeoutError";
      resolve(done({ ok: false, statusCode: null, responseExcerpt: null, error: timedOut ? `timed out after ${opts.timeoutMs} ms` : err.message }));
    });
    req.end(body);
  });
}
