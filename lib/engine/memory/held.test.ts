import { describe, expect, it } from "vitest";
import type { Box, OcrPage, OcrWord } from "../types";
import { learnField, remember } from "./learn";
import { recall } from "./recall";

/** A page of one-line texts: [text, x0, y0] per word, one line per y0 (the grid's 0–1000 boxes, 12 high). */
function page(words: Array<[string, number, number]>): OcrPage {
  const ws: OcrWord[] = words.map(([text, x0, y0], i) => {
    const box: Box = { x0, y0, x1: x0 + 14 * text.length, y1: y0 + 12 };
    const quad = [
      { x: box.x0, y: box.y0 },
      { x: box.x1, y: box.y0 },
      { x: box.x1, y: box.y1 },
      { x: box.x0, y: box.y1 },
    ] as OcrWord["quad"];
    return { id: `w${i}`, text, box, quad, conf: 0.9, symbols: [], lineId: `l${y0}` };
  });
  const lines = [...new Set(ws.map((w) => w.lineId))].map((id) => {
    const own = ws.filter((w) => w.lineId === id);
    const box = { x0: Math.min(...own.map((w) => w.box.x0)), y0: own[0]!.box.y0, x1: Math.max(...own.map((w) => w.box.x1)), y1: own[0]!.box.y1 };
    return { id, wordIds: own.map((w) => w.id), box, angle: 0 };
  });
  return { index: 0, width: 1000, height: 1000, rotation: 0, skew: 0, language: "eng", source: "tesseract", words: ws, lines };
}

// The reviewers gave the shop's brand ("saturn", a receipt's brand label) where the page prints it beside "Shop:".
const reviewed = page([
  ["Shop:", 100, 100],
  ["SATURN", 200, 100],
  ["SATURN", 100, 300],
  ["ELECTRO", 200, 300],
  ["GMBH", 320, 300],
]);
// The next receipt: the brand's logo read as "SN" beside "Shop:", the company line printed and read in full.
const next = page([
  ["Shop:", 100, 100],
  ["SN", 200, 100],
  ["SATURN", 100, 300],
  ["ELECTRO", 200, 300],
  ["GMBH", 320, 300],
]);

describe("a constant text the engine's reading already holds", () => {
  it("is not replaced by other words found at its remembered place", () => {
    const memory = remember({ entries: [] }, learnField([reviewed], "vendor", "saturn", 0, "doc-1")!);
    expect(memory.entries[0]!.label).toBe("shop");
    const raw = { fields: { vendor: { text: "SATURN ELECTRO GMBH", page: 0, wordIds: ["w2", "w3", "w4"], confidence: 0.8 } } };
    const { raw: out } = recall([next], new Map([["vendor", "string"]]), memory, raw);
    expect((out.fields.vendor as { text: string }).text).toBe("SATURN ELECTRO GMBH");
  });
});
