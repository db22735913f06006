import { EMPTY_SHA256, sha256Hex, signRequest, uriEncode } from "./sigv4";
import { assertValidKey, type StorageAdapter } from "./types";

export interface S3Config {
  /** e.g. https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:9000 (MinIO). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** injectable for tests. */
  fetch?: typeof fetch;
}

/** An S3-compatible bucket through path-style URLs and SigV4 over fetch (no SDK). */
export function createS3Storage(cfg: S3Config): StorageAdapter {
  const doFetch = cfg.fetch ?? fetch;
  const base = cfg.endpoint.replace(/\/+$/, "");
  // Path-style addressing works on AWS and on every self-hosted S3 clone.
  const urlFor = (key: string) => `${base}/${uriEncode(cfg.bucket)}/${uriEncode(key, true)}`;

  async function send(method: string, key: string, body?: Uint8Array, extra: Record<string, string> = {}) {
    assertValidKey(key);
    const url = urlFor(key);
    const headers = signRequest({
      method,
      url,
      headers: extra,
      payloadHash: body ? sha256Hex(body) : EMPTY_SHA256,
      region: cfg.region,
      service: "s3",
      accessKeyId: cfg.accessKeyId,
      secretAccessKey: cfg.secretAccessKey,
      date: new Date(),
    });
    return doFetch(url, {
      method,
      headers,
      ...(body ? { body: copyOf(body) } : {}),
      signal: AbortSignal.timeout(cfg.timeoutMs ?? 30_000),
    });
  }

  async function fail(op: string, key: string, res: Response): Promise<never> {
    const text = (await res.text().catch(() => "")).slice(0, 300);
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    throw new Error(`S3 ${op} ${key} failed: HTTP ${res.status}${code ? ` ${code}` : ""}`);
  }

  return {
    kind: "s3",
    async put(key, bytes, opts) {
      const res = await send("PUT", key, bytes, opts?.contentType ? { "content-type": opts.contentType } : {});
      if (!res.ok) await fail("PUT", key, res);
      await res.arrayBuffer().catch(() => {});
    },
    async get(key) {
      const res = await send("GET", key);
      if (res.status === 404) {
        await res.arrayBuffer().catch(() => {});
        return null;
      }
      if (!res.ok) await fail("GET", key, res);
      return new Uint8Array(await res.arrayBuffer());
    },
    async delete(key) {
      const res = await send("DELETE", key);
      if (!res.ok && res.status !== 404) await fail("DELETE", key, res);
      await res.arrayBuffer().catch(() => {});
    },
  };
}

/** fetch wants an ArrayBuffer-backed view; a Uint8Array may sit on a SharedArrayBuffer. */
function copyOf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
}
