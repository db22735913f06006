import { describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import { lineItemsSpec } from "../__fixtures__/specs";
import type { RawRow } from "../extract/types";
import { boxToQuad } from "../ocr/geometry";
import type { OcrPage, Quad } from "../types";
import { makePage } from "./__fixtures__/make-page";
import { matchExtraction, matchRows, matchValue } from "./index";

const raw = (text: string, extra: Partial<{ page: number; wordIds: string[]; shared: boolean }> = {}) => ({ text, page: 0, ...extra });

describe("matchValue", () => {
  it("finds an exact value across a word break and boxes its symbols", () => {
    const page = makePage([
      { text: "Invoice No: INV- 2049", x: 100, y: 50 },
      { text: "Total 1,234.50", x: 100, y: 80 },
    ]);
    const r = matchValue([page], raw("INV-2049")).value;
    expect(r.match_ratio).toBe(1);
    expect(r.bbox_source).toBe("vision_symbol_match");
    // "INV-" starts at column 12 (x = 100 + 12·6), "2049" ends at column 21.
    expect(r.bbox).toEqual({ xmin: 172, ymin: 50, xmax: 226, ymax: 60 });
    expect(r.page).toBe(0);
    expect(r.vertices).toEqual([
      { x: 172, y: 50 },
      { x: 226, y: 50 },
      { x: 226, y: 60 },
      { x: 172, y: 60 },
    ]);
  });

  it("matches full-width digits and case differences to their half-width value", () => {
    const page = makePage([{ text: "合計 ￥１２，３４５ TOTAL", x: 100, y: 100 }]);
    const r = matchValue([page], raw("¥12,345")).value;
    expect(r.match_ratio).toBe(1);
    expect(r.bbox?.xmin).toBe(100 + 3 * 6);
    const t = matchValue([page], raw("total")).value;
    expect(t.match_ratio).toBe(1);
  });

  it("reports partial matches as low_confidence with the matched share", () => {
    const page = makePage([{ text: "StraBe 12", x: 100, y: 100 }]);
    const r = matchValue([page], raw("Straße 12")).value;
    expect(r.match_ratio).toBeCloseTo(7 / 8, 3);
    // 7 of 8 ≥ 0.85 → still a confident match; one more miss drops it below.
    const r2 = matchValue([page], raw("Strässe 12")).value;
    expect(r2.match_ratio).toBeLessThan(0.85);
    expect(r2.bbox_source).toBe("low_confidence");
    expect(r2.bbox).not.toBeNull();
  });

  it("returns no box for a value with nothing to anchor to", () => {
    const page = makePage([{ text: "Hello world", x: 100, y: 100 }]);
    const r = matchValue([page], raw("98765")).value;
    expect(r.bbox).toBeNull();
    expect(r.vertices).toBeNull();
    expect(r.bbox_source).toBe("low_confidence");
    expect(r.match_ratio).toBeLessThan(0.4);
    expect(r.value).toBe("98765");
  });

  it("matches a multi-line address line by line, skipping an interleaved column", () => {
    const page = makePage([
      { text: "Rosenweg 59 Rechnung Nr. 7", x: 100, y: 100 },
      { text: "70173 Stuttgart Datum 21.11.2026", x: 100, y: 115 },
    ]);
    const r = matchValue([page], raw("Rosenweg 59\n70173 Stuttgart")).value;
    expect(r.match_ratio).toBe(1);
    expect(r.bbox).toEqual({ xmin: 100, ymin: 100, xmax: 100 + 15 * 6, ymax: 125 });
  });

  it("boxes a soft-wrapped value over its lines, not into the row's other columns", () => {
    // Reading order puts the row's quantity and price between the two halves of the description.
    const page = makePage([
      { text: "Toner Cartridge, Black - for the", x: 100, y: 100 },
      { text: "3 135.50", x: 400, y: 100 },
      { text: "regional office", x: 100, y: 113 },
      { text: "Desk Lamp", x: 100, y: 140 },
    ]);
    const r = matchValue([page], raw("Toner Cartridge, Black - for the regional office")).value;
    expect(r.match_ratio).toBe(1);
    expect(r.bbox).toEqual({ xmin: 100, ymin: 100, xmax: 100 + 32 * 6, ymax: 123 });
    // A value on one line is not split even when a second copy of its tail sits below.
    const one = matchValue([page], raw("Desk Lamp")).value;
    expect(one.bbox).toEqual({ xmin: 100, ymin: 140, xmax: 154, ymax: 150 });
  });

  it("prefers whole words: the quantity 1 is not taken from inside 2021", () => {
    const page = makePage([
      { text: "Date 2021", x: 100, y: 50 },
      { text: "Widget 1 9.99", x: 100, y: 100 },
    ]);
    const r = matchValue([page], raw("1")).value;
    expect(r.bbox?.ymin).toBe(100);
  });

  it("uses validated word ids to pick among equal occurrences", () => {
    const page = makePage([
      { text: "A 1 5.00", x: 100, y: 100 },
      { text: "B 1 6.00", x: 100, y: 120 },
    ]);
    // w4 is the "1" on the second line.
    const r = matchValue([page], raw("1", { wordIds: ["w4"] })).value;
    expect(r.bbox?.ymin).toBe(120);
    expect(r.bbox_source).toBe("token_id");
    // ids from two different rows for a one-line value are not trusted.
    const bad = matchValue([page], raw("1", { wordIds: ["w1", "w4", "w0"] })).value;
    expect(bad.bbox_source).toBe("vision_symbol_match");
    // unknown ids are ignored
    expect(matchValue([page], raw("1", { wordIds: ["w99"] })).value.match_ratio).toBe(1);
  });

  it("follows a tilted baseline with oriented vertices", () => {
    const page = makePage([{ text: "TOTAL 42.00", x: 100, y: 100, angle: 5 }]);
    const r = matchValue([page], raw("42.00")).value;
    expect(r.match_ratio).toBe(1);
    const v = r.vertices!;
    // top edge rises left→right by tan(5°) of its length; bottom-left is below top-left.
    const slope = (v[1]!.y - v[0]!.y) / (v[1]!.x - v[0]!.x);
    expect(slope).toBeCloseTo(Math.tan((5 * Math.PI) / 180), 1);
    expect(v[3]!.y).toBeGreaterThan(v[0]!.y);
    expect(r.bbox!.ymax - r.bbox!.ymin).toBeGreaterThan(10);
  });

  it("finds a value on another page than the extractor said", () => {
    const p0 = makePage([{ text: "Page one", x: 100, y: 100 }], undefined, 0);
    const p1 = makePage([{ text: "Total 77.10", x: 100, y: 100 }], undefined, 1);
    const r = matchValue([p0, p1], raw("77.10")).value;
    expect(r.page).toBe(1);
    expect(r.match_ratio).toBe(1);
  });

  it("marks merged cells as shared_value", () => {
    const page = makePage([{ text: "Section A", x: 100, y: 100 }]);
    expect(matchValue([page], raw("Section A", { shared: true })).value.bbox_source).toBe("shared_value");
  });
});

describe("matchRows", () => {
  it("puts repeated quantities into their own row and column", () => {
    const page = makePage([
      { text: "Item Qty Price Amount", x: 100, y: 80 },
      { text: "Coffee beans 1 12.00 12.00", x: 100, y: 100 },
      { text: "Paper filters 1 3.50 3.50", x: 100, y: 120 },
      { text: "Grinder 1 80.00 80.00", x: 100, y: 140 },
    ]);
    const spec = lineItemsSpec(["description", "quantity", "amount"]);
    const rows: RawRow[] = [
      { cells: { description: raw("Coffee beans"), quantity: raw("1"), amount: raw("12.00") } },
      { cells: { description: raw("Paper filters"), quantity: raw("1"), amount: raw("3.50") } },
      { cells: { description: raw("Grinder"), quantity: raw("1"), amount: raw("80.00") } },
    ];
    const out = matchRows([page], spec, rows);
    const ys = out.value.map((r) => r.field_bboxes.quantity!.bbox!.ymin);
    expect(ys).toEqual([100, 120, 140]);
    for (const r of out.value) expect(r.field_bboxes.quantity!.match_ratio).toBe(1);
  });

  it("gives two cells of one row with the same text their own places ('2.00 @ 2.00')", () => {
    const page = makePage([
      { text: "GREEK YOGURT 4.00", x: 100, y: 100 },
      { text: "2.00 @ 2.00", x: 120, y: 115 },
    ]);
    const spec = lineItemsSpec();
    const rows: RawRow[] = [{ cells: { description: raw("GREEK YOGURT"), quantity: raw("2.00"), unit_price: raw("2.00"), amount: raw("4.00") } }];
    const cells = matchRows([page], spec, rows).value[0]!.field_bboxes;
    expect(cells.quantity!.bbox!.xmin).toBe(120);
    expect(cells.unit_price!.bbox!.xmin).toBe(120 + 7 * 6);
    expect(cells.unit_price!.match_ratio).toBe(1);
  });

  it("reports absent fields the contract's way", () => {
    const page = makePage([{ text: "x", x: 1, y: 1 }]);
    const out = matchExtraction([page], [{ name: "total", type: "number" }], { fields: { total: null } });
    expect(out.data.total).toEqual({ value: null, bbox: null, vertices: null, match_ratio: 0, bbox_source: null, page: null });
    expect(out.info.total).toBeUndefined();
  });

  it("hands what it knows about each value (OCR confidence, ambiguity) back as data, by path", () => {
    const page = { ...makePage([{ text: "TOTAL 12.50", x: 100, y: 100 }]), source: "tesseract" as const };
    page.words.forEach((w) => {
      w.conf = w.text === "12.50" ? 0.42 : 0.97;
    });
    const out = matchExtraction([page], [{ name: "total", type: "number" }], { fields: { total: { text: "12.50", page: 0 } } });
    expect(out.info.total).toMatchObject({ ocrConf: 0.42, ambiguous: false, located: true });
  });
});

describe("verbatim values", () => {
  it("restores the printed characters of a folded extractor value", () => {
    const page = makePage([{ text: "合計 ￥１,５００ TOTAL", x: 100, y: 100 }]);
    expect(matchValue([page], raw("¥1,500")).value.value).toBe("￥１,５００");
    expect(matchValue([page], raw("total")).value.value).toBe("TOTAL");
  });
  it("keeps the extractor's text when the match is not perfect", () => {
    const page = makePage([{ text: "StraBe 12", x: 100, y: 100 }]);
    expect(matchValue([page], raw("Straße 12")).value.value).toBe("Straße 12");
  });
});

describe("OCR ink boxes → text-run boxes", () => {
  // Ink boxes as Tesseract gives them: a cap-height 10 glyph row, baseline at y = 110.
  const ink = (text: string, x: number, w: number, top = 100) => ({ text, box: { x0: x, y0: top, x1: x + w, y1: 110 }, conf: 0.9 });
  const inkPage = (symbols: ReturnType<typeof ink>[][]): OcrPage => {
    const words = symbols.map((syms, i) => {
      const box = { x0: syms[0]!.box.x0, y0: 100, x1: syms.at(-1)!.box.x1, y1: 110 };
      return { id: `w${i}`, text: syms.map((s) => s.text).join(""), box, quad: boxToQuad(box) as Quad, conf: 0.9, symbols: syms, lineId: "l0" };
    });
    const lines = [{ id: "l0", wordIds: words.map((w) => w.id), box: { x0: 0, y0: 100, x1: 1000, y1: 110 }, angle: 0 }];
    return ocrPage({ words, lines });
  };

  it("spans 1.15 cap heights above the baseline to 0.4 below, whatever the letters", () => {
    const page = inkPage([
      [ink("a", 100, 6, 102.8), ink("c", 106, 6, 102.8), ink("e", 112, 6, 102.8)],
      [ink("T", 200, 7), ink("o", 207, 6, 102.8)],
    ]);
    const ace = matchValue([page], raw("ace")).value.bbox!;
    const to = matchValue([page], raw("To")).value.bbox!;
    // x-height 7.2 → cap 10: 110 - 11.5 … 110 + 4; both words share one run height.
    expect([ace.ymin, ace.ymax]).toEqual([98, 114]);
    expect([to.ymin, to.ymax]).toEqual([98, 114]);
    // Letters get a tenth of a cap height of side bearing: 100 - 1 … 118 + 1.
    expect([ace.xmin, ace.xmax]).toEqual([99, 119]);
  });

  it("takes every height as a cap height when small letters come out as tall as capitals (loose symbol boxes)", () => {
    const page = inkPage([[ink("N", 100, 7), ink("o", 107, 6), ink("n", 113, 6), ink("e", 119, 6)]]);
    const none = matchValue([page], raw("None")).value.bbox!;
    // cap 10 from every glyph, not 10 / 0.72 from the small ones: 110 - 11.5 … 110 + 4.
    expect([none.ymin, none.ymax]).toEqual([98, 114]);
  });

  it("boxes a digit by its advance around the ink, so a thin '1' is as wide as a '4'", () => {
    const page = inkPage([[ink("1", 300, 2)], [ink("4", 400, 7)]]);
    const one = matchValue([page], raw("1")).value.bbox!;
    const four = matchValue([page], raw("4")).value.bbox!;
    // advance 0.78 cap = 7.8 around the centres 403.5 and 301 (+ 0.05 cap: a "1" sits left in its advance)
    expect([one.xmin, one.xmax]).toEqual([297, 306]);
    expect([four.xmin, four.xmax]).toEqual([399, 408]);
  });
});
