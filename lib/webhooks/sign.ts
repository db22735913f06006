/**
 * Webhook signatures: HMAC-SHA256 over `${timestamp}.${rawBody}` with the space's secret,
 * sent as `X-Vouch-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is signed so a
 * captured delivery cannot be replayed later (receivers reject old timestamps).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The header a delivery's signature travels in. */
export const SIGNATURE_HEADER = "X-Vouch-Signature";

/** A new random signing secret (`whsec_` + 32 random bytes, base64url). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** Hex HMAC-SHA256 of `${timestamp}.${body}`. */
export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The X-Vouch-Signature value for a body sent at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

/** Check a received signature header against the raw body; false when stale or wrong. */
export function verifySignature(header: string | null | undefined, secret: string, body: string, opts: { toleranceSec?: number; now?: number } = {}): boolean {
  if (!header) return false;
  const parts = header.split(",").map((p) => p.trim().split("=", 2) as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSec ?? 300)) return false;
  const expected = Buffer.from(computeSignature(secret, t, body), "hex");
  return parts.some(([k, v]) => {
    if (k !== "v1" || !v) return false;
    const got = Buffer.from(v, "hex");
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
