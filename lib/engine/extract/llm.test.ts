import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import type { FieldSpec, OcrWord } from "../types";
import { createLlmExtractor, parseJsonReply } from "./llm";

function word(id: string, text: string, x: number, y: number): OcrWord {
  const box = { x0: x, y0: y, x1: x + 10 * text.length, y1: y + 12 };
  return {
    id,
    text,
    box,
    quad: [
      { x: box.x0, y: box.y0 },
      { x: box.x1, y: box.y0 },
      { x: box.x1, y: box.y1 },
      { x: box.x0, y: box.y1 },
    ],
    conf: 1,
    symbols: [],
    lineId: `l${y}`,
  };
}

const page = ocrPage({
  source: "textlayer",
  words: [word("w0", "Total", 100, 100), word("w1", "$12.50", 300, 100), word("w2", "Coffee", 100, 50), word("w3", "12.50", 300, 50)],
  lines: [
    { id: "l50", wordIds: ["w2", "w3"], box: { x0: 100, y0: 50, x1: 400, y1: 62 }, angle: 0 },
    { id: "l100", wordIds: ["w0", "w1"], box: { x0: 100, y0: 100, x1: 400, y1: 112 }, angle: 0 },
  ],
});
const fields: FieldSpec[] = [
  { name: "total", type: "number" },
  { name: "vendor", type: "string" },
  {
    name: "line_items",
    type: "array",
    children: [
      { name: "description", type: "string" },
      { name: "amount", type: "number" },
    ],
  },
];

let server: http.Server;
let baseUrl = "";
let lastBody: { model?: string; messages?: { content: string }[] } = {};
let lastAuth: string | undefined;
let reply = "";
let status = 200;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", () => {
      lastBody = JSON.parse(data);
      lastAuth = req.headers.authorization;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: reply } }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("createLlmExtractor", () => {
  it("sends words with ids and fields, and maps the JSON answer", async () => {
    status = 200;
    reply =
      'Here you go:\n```json\n{"fields":{"total":{"value":"$12.50","page":0,"ids":["w1","w99"]},"vendor":{"value":null},"line_items":{"rows":[{"description":{"value":"Coffee","ids":["w2"]},"amount":{"value":"12.50","ids":["w3"]}}]}}}\n```';
    const ex = createLlmExtractor({ baseUrl, apiKey: "k", model: "m" });
    const out = await ex.extract([page], fields);
    expect(ex.name).toBe("llm");
    expect(lastAuth).toBe("Bearer k");
    expect(lastBody.model).toBe("m");
    expect(lastBody.messages?.[1]?.content).toContain("0:w1=$12.50");
    expect(out.fields.total).toEqual({ text: "$12.50", page: 0, wordIds: ["w1"] });
    expect(out.fields.vendor).toBeNull();
    expect(out.fields.line_items).toEqual([
      { cells: { description: { text: "Coffee", page: 0, wordIds: ["w2"] }, amount: { text: "12.50", page: 0, wordIds: ["w3"] } } },
    ]);
  });

  it("turns garbage into empty fields instead of throwing", async () => {
    status = 200;
    reply = "I cannot help with that.";
    const out = await createLlmExtractor({ baseUrl, model: "m" }).extract([page], fields);
    expect(out.fields).toEqual({ total: null, vendor: null, line_items: [] });
  });

  it("throws on an HTTP error so the caller can fall back", async () => {
    status = 500;
    await expect(createLlmExtractor({ baseUrl, model: "m" }).extract([page], fields)).rejects.toThrow(/500/);
  });
});

describe("parseJsonReply", () => {
  it("finds the first balanced object, braces inside strings included", () => {
    expect(parseJsonReply('x {"a":"}{","b":{"c":1}} y')).toEqual({ a: "}{", b: { c: 1 } });
    expect(parseJsonReply("no json")).toBeUndefined();
  });
});
