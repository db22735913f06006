/**
 * Fetch an image URL on a caller's behalf without becoming an SSRF proxy:
 * - every hop vetted by `vetUrl` (vet.ts) before a packet is sent, and connected to
 *   exactly the vetted address (pinned `lookup`: no DNS rebinding);
 * - at most `maxRedirects` redirects, followed by hand;
 * - overall timeout, a byte cap enforced while streaming, and a content-type check.
 * Failures are `FetchError`s carrying the contract code the HTTP layer answers with.
 */
import http from "node:http";
import https from "node:https";
import { pinnedLookup, type ResolvedAddress, type VetOptions, vetUrl } from "./vet";

/** Why a fetch failed, with the contract error code the API maps it to. */
export class FetchError extends Error {
  constructor(
    readonly code: "invalid_request" | "unsupported_media_type" | "payload_too_large",
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "FetchError";
  }
}

/** Limits and test seams of `fetchImage`. */
export interface FetchImageOptions extends VetOptions {
  maxBytes: number;
  timeoutMs?: number;
  maxRedirects?: number;
}

/** What a successful fetch returns. */
export interface FetchedImage {
  bytes: Buffer;
  contentType: string;
  finalUrl: string;
}

// Servers often label images generically; the bytes are sniffed afterwards anyway.
const ACCEPTED_TYPES = /^(image\/[\w.+-]+|application\/octet-stream|binary\/octet-stream)$/i;

const refuse = (message: string, details: Record<string, unknown> = {}) => new FetchError("invalid_request", message, { path: "image", ...details });

/** Vet one hop; returns the address to connect to. */
async function vet(url: URL, opts: FetchImageOptions): Promise<ResolvedAddress> {
  const v = await vetUrl(url, opts);
  if ("error" in v) throw refuse(`The image URL is not fetched: ${v.error}.`);
  return v;
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
        const type =
          String(res.headers["content-type"] ?? "")
            .split(";")[0]
            ?.trim() ?? "";
        if (type && !ACCEPTED_TYPES.test(type)) {
          res.destroy();
          reject(new FetchError("unsupported_media_type", `The image URL returned ${type}, not an image (JPEG, PNG, GIF, BMP, TIFF, WebP).`));
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

function tooLarge(max: number): FetchError {
  return new FetchError("payload_too_large", `The image at the URL is larger than the limit of ${max} bytes.`, {
    path: "image",
    limitBytes: max,
  });
}

/** Fetch an image URL safely (see the file header); throws FetchError. */
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
      if (err instanceof FetchError) throw err;
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
