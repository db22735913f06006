import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import { lineItemsSpec } from "../__fixtures__/specs";
import type { Extractor, RawValue } from "../extract/types";
import { createEngine, type OcrAdapter } from "../index";
import { type FieldSpec, type FieldValue, isArrayValue, type OcrPage, type OcrWord } from "../types";
import { boxToQuad } from "./geometry";
import type { Reading, RereadRegion } from "./reread";

// The engine loop of the targeted second pass, with a scripted OCR: the first reading of
// a line item's quantity lost its decimal point (225 for 22.5) and the total reads "8OZ".

function word(id: string, text: string, x0: number, y: number, line: string, conf = 0.95): OcrWord {
  const box = { x0, y0: y, x1: x0 + text.length * 10, y1: y + 20 };
  const symbols = [...text].map((c, i) => ({ text: c, box: { x0: x0 + i * 10, y0: y, x1: x0 + i * 10 + 8, y1: y + 20 }, conf }));
  return { id, text, box, quad: boxToQuad(box), conf, symbols, lineId: line };
}

function firstPage(): OcrPage {
  const words = [
    word("w0", "Widget", 100, 100, "l0"),
    word("w1", "225", 500, 100, "l0"),
    word("w2", "171.99", 600, 100, "l0"),
    word("w3", "3,869.78", 760, 100, "l0"),
    word("w4", "Total", 100, 200, "l1"),
    word("w5", "8OZ", 760, 200, "l1"),
  ];
  const line = (id: string, ids: string[], y: number) => ({ id, wordIds: ids, box: { x0: 100, y0: y, x1: 900, y1: y + 20 }, angle: 0 });
  return ocrPage({ words, lines: [line("l0", ["w0", "w1", "w2", "w3"], 100), line("l1", ["w4", "w5"], 200)] });
}

/** Second readings by the region's left edge (what the upscaled single line says). */
const SECOND: Record<number, string> = { 500: "22.5", 600: "171.99", 760: "3,869.78" };

function scriptedOcr(calls: RereadRegion[][]): OcrAdapter {
  return {
    recognize: async () => firstPage(),
    reread: async (_img, _page, regions) => {
      calls.push(regions);
      return regions.map((r): Reading | null => {
        const text = r.box.y0 >= 200 ? "802" : SECOND[Math.round(r.box.x0)];
        if (!text) return null;
        return { words: [word("r0", text, r.box.x0, r.box.y0, "l0", 0.99)], conf: 0.99 };
      });
    },
  };
}

/** An extractor that reads cells by position, as any extractor reads the page it is given. */
const positional: Extractor = {
  name: "rules",
  async extract(pages) {
    const p = pages[0]!;
    const at = (x: number, y: number): RawValue | null => {
      const w = p.words.find((w) => Math.abs(w.box.x0 - x) < 1 && Math.abs(w.box.y0 - y) < 1);
      return w ? { text: w.text, page: 0, wordIds: [w.id] } : null;
    };
    return {
      fields: {
        total: at(760, 200),
        line_items: [{ cells: { description: at(100, 100), quantity: at(500, 100), unit_price: at(600, 100), amount: at(760, 100) } }],
      },
    };
  },
};

const fields: FieldSpec[] = [{ name: "total", type: "number" }, lineItemsSpec()];

const blank = async () =>
  new Uint8Array(
    await sharp({ create: { width: 1000, height: 1000, channels: 3, background: "#fff" } })
      .png()
      .toBuffer(),
  );

describe("the second pass in the engine", () => {
  it("re-reads the cells of the failed check and the malformed total, and keeps what the checks confirm", async () => {
    const calls: RereadRegion[][] = [];
    const engine = createEngine({ ocr: scriptedOcr(calls), extractor: positional });
    const res = await engine.processDocument({ fields, pages: [{ image: await blank() }] });
    await engine.close();
    // The malformed total (a failed number-shape check) and the three cells of the failed
    // qty × price = amount check were read again, as numbers.
    expect(calls[0]!.map((r) => [Math.round(r.box.x0), Math.round(r.box.y0), r.charset])).toEqual([
      [760, 200, "number"],
      [500, 100, "number"],
      [600, 100, "number"],
      [760, 100, "number"],
    ]);
    const row = (res.data.line_items as { value: { field_bboxes: Record<string, FieldValue> }[] }).value[0]!.field_bboxes;
    expect(row.quantity!.value).toBe("22.5");
    expect((res.data.total as FieldValue).value).toBe("802");
    expect(res.issues.some((i) => i.code === "line_amount")).toBe(false);
    // The arithmetic confirmed 22.5; "8OZ" → "802" has no check behind it: review.
    expect(res.issues.filter((i) => i.code === "ocr_disagreement").map((i) => i.fields)).toEqual([["total"]]);
    // The returned page model is the merged one, ids in reading order.
    expect(res.ocrPages[0]!.words.map((w) => w.text)).toEqual(["Widget", "22.5", "171.99", "3,869.78", "Total", "802"]);
    expect(res.ocrPages[0]!.words.map((w) => w.id)).toEqual(["w0", "w1", "w2", "w3", "w4", "w5"]);
  });

  it("is off with secondPass: false", async () => {
    const calls: RereadRegion[][] = [];
    const engine = createEngine({ ocr: scriptedOcr(calls), extractor: positional, secondPass: false });
    const res = await engine.processDocument({ fields, pages: [{ image: await blank() }] });
    await engine.close();
    expect(calls).toEqual([]);
    const items = res.data.line_items!;
    expect(isArrayValue(items) && items.value[0]!.field_bboxes.quantity!.value).toBe("225");
  });
});
