/**
 * The public API over HTTP against the real production server: happy paths per template
 * on real images, aliases, the flat shape, every error status this endpoint can produce,
 * rate limits, usage, and the SSRF guard (with a loopback trap that must see no request).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@/e2e/support/databases";
import { deliveryTruth, fixture, invoicePath, receiptPath, renderDeliveryNote } from "./test-support/fixtures";
import { type ApiTestServer, startApiServer, waitReady } from "./test-support/server";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = Record<string, any>;
type CallInit = Omit<RequestInit, "body"> & { key?: string | null; body?: unknown };

const MAX_IMAGE_BYTES = 400_000;
const MAX_BODY_BYTES = 1_000_000;

/** Every box on the 0–1000 grid, integer, ordered. */
function expectBox(v: Json, near?: { x: number; y: number }, tol = 40) {
  expect(v.bbox).not.toBeNull();
  const { xmin, ymin, xmax, ymax } = v.bbox;
  for (const n of [xmin, ymin, xmax, ymax]) {
    expect(Number.isInteger(n)).toBe(true);
    expect(n).toBeGreaterThanOrEqual(0);
    expect(n).toBeLessThanOrEqual(1000);
  }
  expect(xmax).toBeGreaterThan(xmin);
  expect(ymax).toBeGreaterThan(ymin);
  expect(v.vertices).toHaveLength(4);
  expect(v.match_ratio).toBeGreaterThanOrEqual(0.85);
  expect(["vision_symbol_match", "token_id", "token_id_hybrid", "shared_value"]).toContain(v.bbox_source);
  if (near) {
    expect(Math.abs(xmin - near.x)).toBeLessThanOrEqual(tol);
    expect(Math.abs(ymin - near.y)).toBeLessThanOrEqual(tol);
  }
}

function expectEnvelope(body: Json, res: Response, code: string, status: number) {
  expect(res.status).toBe(status);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  expect(body.error.requestId).toMatch(/^req_/);
  expect(body.error.retryable).toBe(status === 429 || status >= 500);
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

describe.each(testDatabaseKinds())("public API on %s", (kind) => {
  let s: ApiTestServer;
  let trap: http.Server;
  let trapHits = 0;
  let trapPort = 0;
  let key: string; // happy paths
  let receiptB64: string;

  const call = async (path: string, init: CallInit = {}) => {
    const headers = new Headers(init.headers);
    const k = init.key === undefined ? key : init.key;
    if (k) headers.set("authorization", `Bearer ${k}`);
    let body: BodyInit | undefined;
    if (init.body === undefined || typeof init.body === "string" || init.body instanceof FormData) body = init.body;
    else {
      body = JSON.stringify(init.body);
      headers.set("content-type", "application/json");
    }
    const res = await fetch(`${s.url}${path}`, { ...init, headers, body });
    const text = await res.text();
    let json: Json = {};
    try {
      json = JSON.parse(text);
    } catch {}
    return { res, json, text };
  };

  beforeAll(async () => {
    trap = http.createServer((_req, res) => {
      trapHits++;
      res.end("trapped");
    });
    await new Promise<void>((r) => trap.listen(0, "::", () => r()));
    trapPort = (trap.address() as AddressInfo).port;
    s = await startApiServer(kind, {
      keys: 6,
      env: { MAX_IMAGE_BYTES: String(MAX_IMAGE_BYTES), MAX_BODY_BYTES: String(MAX_BODY_BYTES), MAX_IMAGE_PIXELS: "20000000" },
    });
    key = s.keys[0] as string;
    receiptB64 = fixture(receiptPath).toString("base64");
    await waitReady(s.url);
  });
  afterAll(async () => {
    await s?.stop();
    trap?.close();
  });

  it("GET /health needs no key and reports the database and the engine ready", async () => {
    const { res, json } = await call("/health", { key: null });
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ status: "ok", live: true, ready: true, checks: { database: { status: "ok" }, engine: { status: "ok" } } });
    expect(res.headers.get("x-request-id")).toMatch(/^req_[0-9A-Za-z]{16}$/);
  });

  it("echoes a client's X-Request-Id, on success and on errors", async () => {
    const ok = await call("/health", { key: null, headers: { "x-request-id": "trace-42" } });
    expect(ok.res.headers.get("x-request-id")).toBe("trace-42");
    const bad = await call("/amount", { key: null, headers: { "x-request-id": "trace-43" } });
    expect(bad.res.headers.get("x-request-id")).toBe("trace-43");
    expect(bad.json.error.requestId).toBe("trace-43");
  });

  it("answers CORS preflights and exposes the request id", async () => {
    const res = await fetch(`${s.url}/ocr/fields`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(res.headers.get("access-control-expose-headers")).toMatch(/X-Request-Id/);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    const get = await call("/amount", { headers: { origin: "https://app.example" } });
    expect(get.res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("401 for a missing or malformed Authorization header, 403 for unknown or revoked keys", async () => {
    const missing = await call("/ocr/fields", { method: "POST", key: null, body: { image: receiptB64, templateId: "receipt" } });
    expectEnvelope(missing.json, missing.res, "unauthorized", 401);
    const basic = await call("/amount", { key: null, headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expectEnvelope(basic.json, basic.res, "unauthorized", 401);
    const foreign = await call("/amount", { key: "spocr_xxxxxxxxxxxxxxxx" });
    expectEnvelope(foreign.json, foreign.res, "unauthorized", 401);
    const unknown = await call("/amount", { key: `vch_${"A".repeat(40)}` });
    expectEnvelope(unknown.json, unknown.res, "forbidden", 403);
    const revoked = await call("/amount", { key: s.revoked });
    expectEnvelope(revoked.json, revoked.res, "forbidden", 403);
    expect(revoked.json.error.message).toMatch(/revoked/);
  });

  it("receipt template on a real receipt: verbatim values, normalized numbers, boxes where the truth is", async () => {
    const { res, json } = await call("/ocr/fields", { method: "POST", body: { image: receiptB64, imageType: "base64", templateId: "receipt" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("deprecation")).toBeNull();
    expect(json.status).toBe("success");
    const d = json.data;
    expect(d.vendor.value).toBe("Green Leaf Food Hall");
    expectBox(d.vendor, { x: 235, y: 38 });
    expect(d.total.value).toBe("£17.38");
    expect(d.total.normalized).toBe(17.38);
    expectBox(d.total, { x: 789, y: 692 });
    // every template field is present; a missing one is explicit
    for (const [name, v] of Object.entries(d as Record<string, Json>)) {
      if (name === "line_items") continue;
      if (v.value === null) expect(v).toMatchObject({ bbox: null, vertices: null, match_ratio: 0 });
    }
    expect(Array.isArray(d.line_items.value)).toBe(true);
    expect(d.line_items.value.length).toBeGreaterThan(0);
    const row = d.line_items.value[0].field_bboxes;
    expect(Object.keys(row)).toEqual(expect.arrayContaining(["description", "quantity", "unit_price", "amount"]));
    expect(Array.isArray(json.issues)).toBe(true);
  });

  it("invoice template on an A4 invoice, sent as multipart/form-data like curl -F", async () => {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(fixture(invoicePath))], { type: "image/png" }), "invoice.png");
    form.set("templateId", "invoice");
    const { res, json } = await call("/ocr/fields", { method: "POST", body: form });
    expect(res.status).toBe(200);
    const d = json.data;
    expect(d.invoice_number.value).toBe("INV067200");
    expectBox(d.invoice_number, { x: 853, y: 89 }, 15);
    expect(d.total.value).toBe("EUR 3,617.52");
    expect(d.total.normalized).toBe(3617.52);
    expectBox(d.total, { x: 816, y: 539 }, 15);
    expect(d.issue_date.value).toBe("15/10/2024");
    expect(d.issue_date.normalized).toBe("2024-10-15");
    expect(d.vendor.value).toBe("Copperline Design Studio Ltd");
  });

  it("delivery template on a delivery note, with line items as rows of located cells", async () => {
    const png = await renderDeliveryNote();
    const { res, json } = await call("/ocr/fields", {
      method: "POST",
      body: { image: `data:image/png;base64,${png.toString("base64")}`, templateId: "delivery" },
    });
    expect(res.status).toBe(200);
    const d = json.data;
    expect(d.delivery_no.value).toBe(deliveryTruth.delivery_no);
    // drawn at x=900, y≈400 px of 1241×1755 → (725, 215) on the grid
    expectBox(d.delivery_no, { x: 725, y: 215 }, 15);
    expect(d.delivery_date.value).toBe(deliveryTruth.delivery_date);
    expect(d.vendor.value).toBe(deliveryTruth.vendor);
    const rows = d.line_items.value as Json[];
    expect(rows.map((r) => r.field_bboxes.description.value)).toEqual(["Steel shelf bracket", "Wall anchor set", "Cable tray 2m"]);
    expect(rows.map((r) => r.field_bboxes.quantity.normalized)).toEqual([40, 12, 8]);
    for (const r of rows) expectBox(r.field_bboxes.description);
    expect(d.line_items.match_ratio).toBeGreaterThanOrEqual(0.85);
    expect(d.line_items.bbox).not.toBeNull();
  });

  it("accepts the snake_case aliases and flags them with Deprecation: true", async () => {
    const { res, json } = await call("/ocr/fields", {
      method: "POST",
      body: { image: receiptB64, image_type: "base64", template_id: "receipt" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("deprecation")).toBe("true");
    expect(json.data.total.value).toBe("£17.38");
    const failed = await call("/ocr/fields", { method: "POST", body: { image: receiptB64, template_id: "passport" } });
    expect(failed.res.status).toBe(400);
    expect(failed.res.headers.get("deprecation")).toBe("true");
  });

  it("serves the API docs page without signing in: endpoints, templates' fields, curl", async () => {
    const res = await fetch(`${s.url}/docs`, { redirect: "manual" });
    expect(res.status).toBe(200);
    const html = (await res.text()).replaceAll("<!-- -->", "");
    for (const text of ["POST /ocr/fields", "GET /amount", "invoice_number", "delivery_no", "receipt_no", "curl", "rate_limited", "OcrFieldsResponse"]) {
      expect(html).toContain(text);
    }
  });

  it('serves the older flat shape for "shape": "flat" and ?shape=flat; custom fields win over templateId', async () => {
    const fields = [
      { name: "total", type: "number", description: "grand total" },
      {
        name: "items",
        type: "array",
        children: [
          { name: "description", type: "string" },
          { name: "amount", type: "number" },
        ],
      },
    ];
    const { res, json } = await call("/ocr/fields?shape=flat", { method: "POST", body: { image: receiptB64, templateId: "invoice", fields } });
    expect(res.status).toBe(200);
    const d = json.data;
    expect(Object.keys(d).sort()).toEqual(["field_bboxes", "items", "total"]);
    expect(d.total).toBe("£17.38");
    expect(d.field_bboxes.total.match_ratio).toBeGreaterThanOrEqual(0.85);
    expect(d.field_bboxes.total.normalized).toBe(17.38);
    expectBox({ ...d.field_bboxes.total, vertices: d.field_bboxes.total.vertices });
    expect(Array.isArray(d.items)).toBe(true);
    expect(typeof d.items[0].description).toBe("string");
    expect(d.field_bboxes.items[0].description.bbox).not.toBeNull();
    const body = await call("/ocr/fields", { method: "POST", body: { image: receiptB64, templateId: "receipt", shape: "flat" } });
    expect(body.json.data.total).toBe("£17.38");
    expect(body.json.data.field_bboxes.total.bbox).not.toBeNull();
  });

  it("400 invalid_request: malformed JSON, validation naming the paths, unknown template, nothing to extract", async () => {
    const malformed = await call("/ocr/fields", { method: "POST", body: "{ not json", headers: { "content-type": "application/json" } });
    expectEnvelope(malformed.json, malformed.res, "invalid_request", 400);
    expect(malformed.json.error.message).toMatch(/Malformed JSON/);
    const invalid = await call("/ocr/fields", {
      method: "POST",
      body: {
        image: receiptB64,
        fields: [
          { name: "x", type: "money" },
          { name: "rows", type: "array" },
        ],
      },
    });
    expectEnvelope(invalid.json, invalid.res, "invalid_request", 400);
    const paths = (invalid.json.details.issues as Json[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["fields.0.type", "fields.1.children"]));
    const template = await call("/ocr/fields", { method: "POST", body: { image: receiptB64, templateId: "passport" } });
    expectEnvelope(template.json, template.res, "invalid_request", 400);
    expect(template.json.details.issues[0].path).toBe("templateId");
    const nothing = await call("/ocr/fields", { method: "POST", body: { image: receiptB64 } });
    expectEnvelope(nothing.json, nothing.res, "invalid_request", 400);
    const notB64 = await call("/ocr/fields", { method: "POST", body: { image: "not base64 at all!", templateId: "receipt" } });
    expectEnvelope(notB64.json, notB64.res, "invalid_request", 400);
  });

  it("404 not_found in the envelope for unknown API paths", async () => {
    const r = await call("/ocr/nothing-here", { method: "POST", body: {} });
    expectEnvelope(r.json, r.res, "not_found", 404);
    const g = await call("/ocr/fields");
    expectEnvelope(g.json, g.res, "not_found", 404);
  });

  it("413 payload_too_large for a body or an image over the limits, with the limit in the message", async () => {
    const body = await call("/ocr/fields", { method: "POST", body: { image: "A".repeat(MAX_BODY_BYTES + 10), templateId: "receipt" } });
    expectEnvelope(body.json, body.res, "payload_too_large", 413);
    expect(body.json.error.message).toMatch(String(MAX_BODY_BYTES));
    const big = Buffer.alloc(MAX_IMAGE_BYTES + 1000, 7).toString("base64");
    const image = await call("/ocr/fields", { method: "POST", body: { image: big, templateId: "receipt" } });
    expectEnvelope(image.json, image.res, "payload_too_large", 413);
    expect(image.json.error.message).toMatch(String(MAX_IMAGE_BYTES));
  });

  it("415 unsupported_media_type for bytes that are no supported image (PDF named as such)", async () => {
    const text = await call("/ocr/fields", { method: "POST", body: { image: Buffer.from("hello, world").toString("base64"), templateId: "receipt" } });
    expectEnvelope(text.json, text.res, "unsupported_media_type", 415);
    const pdf = await call("/ocr/fields", { method: "POST", body: { image: Buffer.from("%PDF-1.7\n%…").toString("base64"), templateId: "receipt" } });
    expectEnvelope(pdf.json, pdf.res, "unsupported_media_type", 415);
    expect(pdf.json.error.message).toMatch(/PDF/);
  });

  it("422 unprocessable_image for a corrupt image and for a pixel bomb", async () => {
    const png = fixture(receiptPath);
    const corrupt = Buffer.concat([png.subarray(0, 40), Buffer.alloc(2000, 0x55)]);
    const broken = await call("/ocr/fields", { method: "POST", body: { image: corrupt.toString("base64"), templateId: "receipt" } });
    expectEnvelope(broken.json, broken.res, "unprocessable_image", 422);
    // 5000×5000 = 25 MP, over this server's MAX_IMAGE_PIXELS of 20 MP, yet tiny as a file
    const bomb = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: "#ffffff" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(MAX_IMAGE_BYTES);
    const r = await call("/ocr/fields", { method: "POST", body: { image: bomb.toString("base64"), templateId: "receipt" } });
    expectEnvelope(r.json, r.res, "unprocessable_image", 422);
    expect(r.json.error.message).toMatch(/MP/);
  });

  it("refuses image URLs to loopback, private, link-local and metadata addresses with 400, sending nothing", async () => {
    const before = trapHits;
    const urls = [
      `http://127.0.0.1:${trapPort}/x.png`,
      `http://localhost:${trapPort}/x.png`,
      `http://[::1]:${trapPort}/x.png`,
      `http://[::ffff:127.0.0.1]:${trapPort}/x.png`,
      `http://0x7f000001:${trapPort}/x.png`,
      `http://10.0.0.1:${trapPort}/x.png`,
      `http://192.168.1.1:${trapPort}/x.png`,
      "http://169.254.169.254/latest/meta-data/",
      "http://100.100.100.200/latest/meta-data/",
      "http://[fd00:ec2::254]/latest/meta-data/",
      `ftp://127.0.0.1:${trapPort}/x.png`,
    ];
    for (const image of urls) {
      const { res, json } = await call("/ocr/fields", { method: "POST", body: { image, imageType: "url", templateId: "receipt" } });
      expectEnvelope(json, res, "invalid_request", 400);
      expect(json.details.path).toBe("image");
    }
    expect(trapHits).toBe(before);
  });

  it("records usage for successful calls only; GET /amount reports this period's pages", async () => {
    const k = s.keys[1] as string;
    const before = (await call("/amount", { key: k })).json;
    await call("/ocr/fields", { method: "POST", key: k, body: { image: "aGVsbG8=", templateId: "receipt" } }); // 415: not charged
    const ok = await call("/ocr/fields", { method: "POST", key: k, body: { image: receiptB64, templateId: "receipt" } });
    expect(ok.res.status).toBe(200);
    const { res, json } = await call("/amount", { key: k });
    expect(res.status).toBe(200);
    expect(json.pages).toBe(before.pages + 1);
    expect(json.quota).toBeNull();
    expect(new Date(json.period.start).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("429 rate_limited on the 61st call in a minute, with details.retryAfterSec and Retry-After", async () => {
    const k = s.keys[2] as string;
    // stay inside one fixed window: wait if the minute is about to turn
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 15_000) await new Promise((r) => setTimeout(r, left + 200));
    for (let i = 1; i <= 60; i++) {
      const r = await call("/amount", { key: k });
      expect(r.res.status, `call ${i}`).toBe(200);
    }
    const { res, json } = await call("/amount", { key: k });
    expectEnvelope(json, res, "rate_limited", 429);
    expect(json.details.retryAfterSec).toBeGreaterThanOrEqual(1);
    expect(json.details.retryAfterSec).toBeLessThanOrEqual(60);
    expect(res.headers.get("retry-after")).toBe(String(json.details.retryAfterSec));
    // another key of the same user is not affected by this key's limit
    expect((await call("/amount", { key: s.keys[3] as string })).res.status).toBe(200);
  });
});
