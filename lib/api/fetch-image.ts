/**
 * Fetch an image URL on a caller's behalf without becoming an SSRF proxy:
 * - resolve the host ourselves and refuse it when ANY address is non-public
 *   (see ip-policy.ts), before a single packet is sent;
 * - connect to exactly the address we checked (a pinned `lookup`), so a DNS answer
 *   that changes between check and connect (rebinding) cannot redirect us;
 * - follow at most `maxRedirects` redirects by hand, re-checking every hop;
 * - overall timeout, a byte cap enforced while streaming, and a content-type check.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { ApiError } from "./errors";
import { isBlockedAddress } from "./ip-policy";

/** One DNS answer. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Limits and test seams of `fetchImage`. */
export interface FetchImageOptions {
  maxBytes: number;
  /** TEST ONLY (VOUCH_UNSAFE_ALLOW_PRIVATE_URLS): skip the address check. */
  allowPrivate?: boolean;
  timeoutMs?: number;
  maxRedirects?: number;
  /** replaceable for tests; the system resolver by default. */
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
  /** replaceable for tests; `isBlockedAddress` by default. */
  isBlocked?: (ip: string) => boolean;
}

/** What a successful fetch returns. */
export interface FetchedImage {
  bytes: Buffer;
  contentType: string;
  finalUrl: string;
}

// Servers often label images generically; the bytes are sniffed afterwards anyway.
const ACCEPTED_TYPES = /^(image\/[\w.+-]+|application\/octet-stream|binary\/octet-stream)$/i;

async function systemResolve(host: string): Promise<ResolvedAddress[]> {
  const all = await dns.promises.lookup(host, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

const refuse = (message: string, details: Record<string, unknown> = {}) =>
  new ApiError("invalid_request", message, { path: "image", ...details });

/** Resolve and vet a URL's host; returns the address to connect to. */
async function vet(url: URL, opts: FetchImageOptions): Promise<ResolvedAddress> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw refuse(`Only http and https image URLs are fetched (got ${url.protocol}).`);
  }
  if (url.username || url.password) throw refuse("Image URLs with credentials are not fetched.");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addrs: ResolvedAddress[];
  if (net.isIP(host)) addrs = [{ address: host, family: net.isIPv6(host) ? 6 : 4 }];
  else {
    try {
      addrs = await (opts.resolve ?? systemResolve)(host);
    } catch {
      throw refuse(`The image host ${host} could not be resolved.`);
    }
  }
  if (addrs.length === 0) throw refuse(`The image host ${host} has no address.`);
  const blocked = opts.isBlocked ?? isBlockedAddress;
  if (!opts.allowPrivate) {
    const bad = addrs.find((a) => blocked(a.address));
    if (bad) {
      throw refuse(
        `The image URL points to a private, loopback, link-local or otherwise non-public address (${host} → ${bad.address}); it is not fetched.`,
      );
    }
  }
  return addrs[0] as ResolvedAddress;
}

/** A `lookup` for http(s).request that answers with the vetted address only (defeats DNS rebinding). */
export function pinnedLookup(pinned: ResolvedAddress): typeof dns.lookup {
  return ((_host: string, o: dns.LookupOptions, cb: (...args: unknown[]) => void) => {
    if (o?.all) cb(null, [{ address: pinned.address, family: pinned.family }]);
    else cb(null, pinned.address, pinned.family);
  }) as unknown as typeof dns.lookup;
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  body?: Buffer;
}

/** One request to a vetted, pinned address. Reads the body only for 2xx. */
function requestOnce(url: URL, pinned: ResolvedAddress, opts: FetchImageOptions, signal: AbortSignal): Promise<Hop> {
  return new Promise<Hop>((resolve, reject) => {
    const mod = url.protocol === "https:" ? https : http;
    const req = mod.request(
      url,
      {
        method: "GET",
        signal,
        headers: { "user-agent": "Vouch-ImageFetcher/1", accept: "image/*" },
        lookup: pinnedLookup(pinned),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          res.resume();
          resolve({ status, headers: res.headers });
          return;
        }
        const type = String(res.headers["content-type"] ?? "").split(";")[0]?.trim() ?? "";
        if (type && !ACCEPTED_TYPES.test(type)) {
          res.destroy();
          reject(
            new ApiError("unsupported_media_type", `The image URL returned ${type}, not an image (JPEG, PNG, GIF, BMP, TIFF, WebP).`),
          );
          return;
        }
        const declared = Number(res.headers["content-length"] ?? Number.NaN);
        if (Number.isFinite(declared) && declared > opts.maxBytes) {
          res.destroy();
          reject(tooLarge(opts.maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > opts.maxBytes) {
            res.destroy();
            reject(tooLarge(opts.maxBytes));
            return;
          }
          chunks.push(c);
        });
        res.on("end", () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function tooLarge(max: number): ApiError {
  return new ApiError("payload_too_large", `The image at the URL is larger than the limit of ${max} bytes.`, {
    path: "image",
    limitBytes: max,
  });
}

/** Fetch an image URL safely (see the file header); throws ApiError with a contract code. */
export async function fetchImage(rawUrl: string, opts: FetchImageOptions): Promise<FetchedImage> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw refuse("The image URL is not a valid URL.");
  }
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const maxRedirects = opts.maxRedirects ?? 3;
  const signal = AbortSignal.timeout(timeoutMs);
  for (let hop = 0; ; hop++) {
    const pinned = await vet(url, opts);
    let res: Hop;
    try {
      res = await requestOnce(url, pinned, opts, signal);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      if (signal.aborted) throw refuse(`Fetching the image URL timed out after ${timeoutMs} ms.`);
      throw refuse(`The image URL could not be fetched: ${(err as Error).message}`);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.location) {
      if (hop >= maxRedirects) throw refuse(`The image URL redirected more than ${maxRedirects} times.`);
      try {
        url = new URL(res.headers.location, url);
      } catch {
        throw refuse("The image URL redirected to an invalid location.");
      }
      continue;
    }
    if (res.status < 200 || res.status >= 300 || !res.body) {
      throw refuse(`The image URL answered HTTP ${res.status}.`, { upstreamStatus: res.status });
    }
    return {
      bytes: res.body,
      contentType: String(res.headers["content-type"] ?? ""),
      finalUrl: url.toString(),
    };
  }
}
