/**
 * AWS Signature Version 4 for S3-compatible stores (AWS, MinIO, R2, …), header-based,
 * single-chunk payloads. Pure functions over node:crypto so the documented AWS example
 * vectors can test them byte for byte.
 */
import { createHash, createHmac } from "node:crypto";

/** Hex sha256 of a string or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Uint8Array, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** The payload hash of an empty body. */
export const EMPTY_SHA256 = sha256Hex("");

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
export function uriEncode(s: string, keepSlash = false): string {
  const out = encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? out.replace(/%2F/g, "/") : out;
}

/** kSigning = HMAC chain over date, region, service and "aws4_request". */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, "aws4_request");
}

/** "20130524T000000Z" for a Date. */
export function amzDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export interface SignInput {
  method: string;
  /** full URL; its path must already be URI-encoded (S3: each key segment encoded once). */
  url: string;
  /** headers to sign; host is added from the URL when missing. */
  headers: Record<string, string>;
  /** hex sha256 of the body (or EMPTY_SHA256). */
  payloadHash: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  date: Date;
}

/** Canonical query string: every name and value encoded, sorted by name then value. */
function canonicalQuery(url: URL): string {
  const pairs: Array<[string, string]> = [];
  // URLSearchParams decodes '+' as space, which S3 would not: split the raw string instead.
  const raw = url.search.startsWith("?") ? url.search.slice(1) : url.search;
  for (const part of raw.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1));
    pairs.push([uriEncode(k), uriEncode(v)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

/** The canonical request, string to sign and signature (exposed for tests). */
export function signatureParts(input: SignInput) {
  const url = new URL(input.url);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) headers[k.toLowerCase()] = v.trim().replace(/\s+/g, " ");
  headers.host ??= url.host;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    input.method.toUpperCase(),
    url.pathname || "/",
    canonicalQuery(url),
    `${names.map((n) => `${n}:${headers[n]}`).join("\n")}\n`,
    signedHeaders,
    input.payloadHash,
  ].join("\n");
  const stamp = amzDate(input.date);
  const day = stamp.slice(0, 8);
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, sha256Hex(canonicalRequest)].join("\n");
  const signature = createHmac("sha256", signingKey(input.secretAccessKey, day, input.region, input.service))
    .update(stringToSign, "utf8")
    .digest("hex");
  const authorization = `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { canonicalRequest, stringToSign, signature, authorization, signedHeaders };
}

/** Headers to send: the input headers plus x-amz-date, x-amz-content-sha256 and Authorization. */
export function signRequest(input: Omit<SignInput, "headers"> & { headers?: Record<string, string> }): Record<string, string> {
  const headers: Record<string, string> = {
    ...input.headers,
    "x-amz-date": amzDate(input.date),
    "x-amz-content-sha256": input.payloadHash,
  };
  const { authorization } = signatureParts({ ...input, headers });
  return { ...headers, authorization };
}
