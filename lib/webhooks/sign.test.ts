import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { backoffMs } from "./dispatcher";
import { eventIdFor } from "./events";
import { computeSignature, newWebhookSecret, signatureHeader, verifySignature } from "./sign";

describe("webhook signatures", () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ id: "evt_1", type: "ocr.completed", data: { total: "40,000" } });

  it('is HMAC-SHA256 over "<t>.<body>" sent as t=…,v1=…', () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(header).toBe(`t=1700000000,v1=${expected}`);
    expect(computeSignature(secret, 1_700_000_000, body)).toBe(expected);
  });

  it("verifies the raw body and refuses tampering, other secrets and stale timestamps", () => {
    const now = 1_700_000_000;
    const header = signatureHeader(secret, body, now);
    expect(verifySignature(header, secret, body, { now })).toBe(true);
    expect(verifySignature(header, secret, `${body} `, { now })).toBe(false);
    expect(verifySignature(header, newWebhookSecret(), body, { now })).toBe(false);
    expect(verifySignature(header, secret, body, { now: now + 301 })).toBe(false);
    expect(verifySignature(`t=${now},v1=zz`, secret, body, { now })).toBe(false);
    expect(verifySignature(undefined, secret, body, { now })).toBe(false);
  });

  it("keeps event ids stable per (document, type)", () => {
    expect(eventIdFor("doc-1", "ocr.completed")).toBe(eventIdFor("doc-1", "ocr.completed"));
    expect(eventIdFor("doc-1", "ocr.completed")).not.toBe(eventIdFor("doc-1", "ocr.failed"));
    expect(eventIdFor("doc-1", "item.created")).toMatch(/^evt_[0-9a-f]{24}$/);
  });

  it("backs off exponentially up to the cap", () => {
    const cfg = { retryBaseMs: 30_000, retryMaxMs: 3_600_000 };
    expect([1, 2, 3, 4].map((n) => backoffMs(n, cfg))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20, cfg)).toBe(3_600_000);
  });
});
