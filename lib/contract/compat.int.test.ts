/**
 * Compatibility with the outside world, against the real server:
 * - the seeds' own Python and curl examples run unchanged except for the base URL, the key
 *   and where the example images live (e2e/fixtures/api/seed-examples);
 * - GET /openapi.json validates as OpenAPI 3.1, and TypeScript types generated from it
 *   type-check against live responses.
 * This server allows loopback image URLs (VOUCH_UNSAFE_ALLOW_PRIVATE_URLS=1): the seeds'
 * `https://example.com/…` images are served by a local fixture server.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { compile } from "json-schema-to-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@/e2e/support/databases";
import { fixture, invoicePath, receiptPath, renderDeliveryNote } from "@/lib/http/test-support/fixtures";
import { type ApiTestServer, startApiServer, waitReady } from "@/lib/http/test-support/server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EXAMPLES = path.join(ROOT, "e2e/fixtures/api/seed-examples");
const SEED_BASE = "https://api.space-ocr.com";
const SEED_KEY = "spocr_xxxxxxxxxxxxxxxx";

describe.each(testDatabaseKinds())("compatibility on %s", (kind) => {
  let s: ApiTestServer;
  let images: http.Server;
  let imagesUrl = "";
  let work = "";
  let delivery: Buffer;

  beforeAll(async () => {
    delivery = await renderDeliveryNote();
    const files: Record<string, Buffer> = {
      "/docs/delivery-0831.jpg": delivery,
      "/invoices/inv-4471.jpg": fixture(invoicePath),
      "/invoice.jpg": fixture(invoicePath),
    };
    images = http.createServer((req, res) => {
      const body = files[req.url ?? ""];
      if (!body) res.writeHead(404).end();
      else res.writeHead(200, { "content-type": "image/jpeg" }).end(body);
    });
    await new Promise<void>((r) => images.listen(0, "127.0.0.1", () => r()));
    imagesUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    s = await startApiServer(kind, { keys: 2, env: { VOUCH_UNSAFE_ALLOW_PRIVATE_URLS: "1" } });
    await waitReady(s.url);
    // the Python examples open these paths relative to their working directory
    work = fs.mkdtempSync(path.join(os.tmpdir(), "vouch-seeds-"));
    fs.writeFileSync(path.join(work, "delivery.jpg"), delivery);
    fs.writeFileSync(path.join(work, "invoice.jpg"), fixture(invoicePath));
    fs.mkdirSync(path.join(work, "path/to/your"), { recursive: true });
    fs.writeFileSync(path.join(work, "path/to/your/invoice.jpg"), fixture(invoicePath));
  });
  afterAll(async () => {
    await s?.stop();
    images?.close();
  });

  /**
   * The only edits an example gets: base URL, key, image URLs. Clients of the older flat
   * shape point their endpoint at `/ocr/fields?shape=flat` — that is their base-URL change.
   */
  const adapt = (file: string, opts: { flat?: boolean } = {}) => {
    const src = fs.readFileSync(path.join(EXAMPLES, file), "utf8");
    const endpoint = `${s.url}/ocr/fields${opts.flat ? "?shape=flat" : ""}`;
    return src
      .replaceAll(`${SEED_BASE}/ocr/fields`, endpoint)
      .replaceAll(SEED_KEY, s.keys[0] as string)
      .replaceAll("https://example.com", imagesUrl);
  };
  // Asynchronous: the fixture image server lives in this process and must keep answering.
  const run = async (cmd: string, args: string[], script: string) => {
    const child = spawn(cmd, [...args, script], { cwd: work, env: { ...process.env, SPACE_OCR_API_KEY: s.keys[0] as string } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((r) => child.on("close", r));
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    return stdout;
  };
  const python = (file: string, opts: { flat?: boolean } = {}) => run("python3", ["-c"], adapt(file, opts));
  const curl = async (file: string) => JSON.parse(await run("bash", ["-c"], adapt(file)));

  it("seed 000's Python (requests, flat shape) writes the delivery CSV with a BOM", async () => {
    await python("000-delivery.py", { flat: true });
    const csv = fs.readFileSync(path.join(work, "delivery.csv"));
    expect(csv.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(csv.toString("utf8")).toMatch(/品名,数量,単価/);
  });

  it("seed 001's Python (requests, flat shape) prints the total and its match_ratio", async () => {
    const out = await python("001-invoice.py", { flat: true });
    expect(out, out).toMatch(/^EUR 3,617\.52 (1|1\.0|0\.\d+)\s*$/);
  });

  it("seed 002's Python (urllib, detailed shape) prints scalars and line items and writes line_items.csv", async () => {
    const out = await python("002-parse_line_items.py");
    expect(out).toMatch(/total: EUR 3,617\.52/);
    expect(out).toMatch(/row 0: \{/);
    expect(fs.readFileSync(path.join(work, "line_items.csv"), "utf8")).toMatch(/invoice_no,description,quantity,unit_price,amount/);
  });

  it("seed 003's Python (requests, detailed shape) prints every field with its confidence", async () => {
    const out = await python("003-parse.py");
    expect(out).toMatch(/--- Extracted Invoice Data ---/);
    expect(out).not.toMatch(/Error:/);
    expect(out).toMatch(/invoice_number: INV067200 \(Confidence: 1\.00\)/);
  });

  it("the seeds' curl examples (image URLs, templates) answer with status success", async () => {
    const d = await curl("000-curl.sh");
    expect(d.status, JSON.stringify(d)).toBe("success");
    expect(d.data.delivery_no.value).toBe("DN-20418");
    for (const f of ["001-curl.sh", "002-curl.sh"]) {
      const r = await curl(f);
      expect(r.status).toBe("success");
      expect(r.data.invoice_number.value).toBe("INV067200");
      expect(r.data.total.bbox).not.toBeNull();
    }
  });

  it("GET /openapi.json validates as OpenAPI 3.1 and lists the built-in templates", async () => {
    const res = await fetch(`${s.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown> & { "x-templates": Array<{ id: string }> };
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc);
    expect(result, JSON.stringify(result.errors)).toMatchObject({ valid: true });
    expect(doc["x-templates"].map((t) => t.id)).toEqual(["invoice", "delivery", "receipt"]);
  });

  it("a TypeScript client generated from the OpenAPI document type-checks against live responses", async () => {
    const doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as { components: { schemas: Record<string, object> } };
    const schemas = Object.fromEntries(Object.entries(doc.components.schemas).map(([id, sc]) => [id, { ...sc, title: id }]));
    const root = {
      title: "VouchApi",
      type: "object",
      additionalProperties: false,
      properties: Object.fromEntries(Object.keys(schemas).map((id) => [id, { $ref: `#/components/schemas/${id}` }])),
      components: { schemas },
    };
    // biome-ignore lint/suspicious/noExplicitAny: json-schema-to-typescript takes its own JSONSchema4 type
    const types = await compile(root as any, "VouchApi", { bannerComment: "", additionalProperties: false, declareExternallyReferenced: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vouch-client-"));
    fs.writeFileSync(path.join(dir, "api.ts"), types);

    const key = s.keys[1] as string;
    const post = async (body: unknown, query = "") =>
      (await fetch(`${s.url}/ocr/fields${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as unknown;
    const receipt = fixture(receiptPath).toString("base64");
    const live = {
      detailed: await post({ image: receipt, templateId: "receipt" }),
      flat: await post({ image: receipt, templateId: "receipt" }, "?shape=flat"),
      error: await post({ image: receipt, templateId: "nope" }),
      amount: await fetch(`${s.url}/amount`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.json()),
      health: await fetch(`${s.url}/health`).then((r) => r.json()),
    };
    // The live responses as literals typed with the generated types: tsc checks they conform.
    fs.writeFileSync(
      path.join(dir, "live.ts"),
      `import type { AmountResponse, ErrorResponse, FlatResponse, HealthResponse, OcrFieldsResponse } from "./api";
export const detailed: OcrFieldsResponse = ${JSON.stringify(live.detailed)};
export const flat: FlatResponse = ${JSON.stringify(live.flat)};
export const error: ErrorResponse = ${JSON.stringify(live.error)};
export const amount: AmountResponse = ${JSON.stringify(live.amount)};
export const health: HealthResponse = ${JSON.stringify(live.health)};
`,
    );
    // A small client written against the generated types.
    fs.writeFileSync(
      path.join(dir, "client.ts"),
      `import type { ArrayFieldValue, ErrorResponse, FieldValue, OcrFieldsRequest, OcrFieldsResponse } from "./api";
export async function ocrFields(base: string, key: string, req: OcrFieldsRequest): Promise<OcrFieldsResponse> {
  const res = await fetch(base + "/ocr/fields", {
    method: "POST",
    headers: { Authorization: "Bearer " + key, "Content-Type": "application/json" },
    body: JSON.stringify(req),
  });
  if (!res.ok) {
    const e = (await res.json()) as ErrorResponse;
    throw new Error(e.error.code + ": " + e.error.message + " (" + e.error.requestId + ")");
  }
  return (await res.json()) as OcrFieldsResponse;
}
export function total(r: OcrFieldsResponse): string | null {
  const v = r.data["total"];
  if (!v || Array.isArray(v.value)) return null;
  return (v as FieldValue).value;
}
export function rows(r: OcrFieldsResponse, name: string): Array<Record<string, string | null>> {
  const v = r.data[name] as ArrayFieldValue | undefined;
  return (v?.value ?? []).map((row) => Object.fromEntries(Object.entries(row.field_bboxes).map(([k, c]) => [k, c.value])));
}
`,
    );
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "ESNext",
          moduleResolution: "Bundler",
          strict: true,
          noEmit: true,
          lib: ["ES2022", "DOM"],
          types: [],
          skipLibCheck: true,
        },
        files: ["api.ts", "live.ts", "client.ts"],
      }),
    );
    const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
    expect(tsc.status, `${tsc.stdout}${tsc.stderr}\n--- api.ts ---\n${types}`).toBe(0);
  });
});
