import { describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import { lineItemsSpec } from "../__fixtures__/specs";
import type { CheckIssue, FieldResult, FieldSpec, FieldValue, OcrPage, OcrSymbol, OcrWord } from "../types";
import { validate } from "../validate";
import { boxToQuad } from "./geometry";
import type { Reading } from "./reread";
import { confirmByChecks, proposals } from "./confirm";
import { altDisagreements, chooseRegions, disagreementIssues, mergeReadings, wellFormedNumber } from "./second-pass";

// A frozen page: one table row, a total read as "8OZ", an unsure tax, a sure subtotal.
const W: [string, number, number, number, number][] = [
  // text, x0, y, conf, line
  ["Widget", 100, 100, 0.96, 0],
  ["225", 500, 100, 0.94, 0],
  ["171.99", 600, 100, 0.96, 0],
  ["3,869.78", 760, 100, 0.96, 0],
  ["Total", 100, 200, 0.96, 1],
  ["8OZ", 760, 200, 0.95, 1],
  ["Tax", 100, 300, 0.96, 2],
  ["12.00", 760, 300, 0.6, 2],
  ["Subtotal", 100, 400, 0.96, 3],
  ["100.00", 760, 400, 0.97, 3],
];

function symbols(text: string, x0: number, y: number, conf: number): OcrSymbol[] {
  return [...text].map((c, i) => ({ text: c, box: { x0: x0 + i * 10, y0: y, x1: x0 + i * 10 + 8, y1: y + 20 }, conf }));
}

function word(id: string, text: string, x0: number, y: number, conf: number, line: number): OcrWord {
  const box = { x0, y0: y, x1: x0 + text.length * 10, y1: y + 20 };
  return { id, text, box, quad: boxToQuad(box), conf, symbols: symbols(text, x0, y, conf), lineId: `l${line}` };
}

function fixture(): OcrPage {
  const words = W.map(([t, x, y, c, l], i) => word(`w${i}`, t, x, y, c, l));
  const lines = [0, 1, 2, 3].map((l) => {
    const ws = words.filter((w) => w.lineId === `l${l}`);
    return { id: `l${l}`, wordIds: ws.map((w) => w.id), box: { x0: 100, y0: ws[0]!.box.y0, x1: 900, y1: ws[0]!.box.y1 }, angle: 0 };
  });
  return ocrPage({ words, lines });
}

const fields: FieldSpec[] = [lineItemsSpec(), { name: "total", type: "number" }, { name: "tax", type: "number" }, { name: "subtotal", type: "number" }];

/** A located value on the words with the given ids. */
function at(page: OcrPage, ids: string[]): FieldValue {
  const ws = page.words.filter((w) => ids.includes(w.id));
  const b = {
    x0: Math.min(...ws.map((w) => w.box.x0)),
    y0: Math.min(...ws.map((w) => w.box.y0)),
    x1: Math.max(...ws.map((w) => w.box.x1)),
    y1: Math.max(...ws.map((w) => w.box.y1)),
  };
  return {
    value: ws.map((w) => w.text).join(" "),
    bbox: { xmin: Math.floor(b.x0), ymin: Math.floor(b.y0), xmax: Math.ceil(b.x1), ymax: Math.ceil(b.y1) },
    vertices: null,
    match_ratio: 1,
    bbox_source: "vision_symbol_match",
    page: 0,
  };
}

function data(page: OcrPage): Record<string, FieldResult> {
  return {
    line_items: {
      value: [{ field_bboxes: { description: at(page, ["w0"]), quantity: at(page, ["w1"]), unit_price: at(page, ["w2"]), amount: at(page, ["w3"]) } }],
    },
    total: at(page, ["w5"]),
    tax: at(page, ["w7"]),
    subtotal: at(page, ["w9"]),
  };
}

const lineIssue: CheckIssue = {
  code: "line_amount",
  severity: "error",
  message: "quantity 225 × unit price 171.99 ≠ amount 3,869.78",
  fields: ["line_items.0.quantity", "line_items.0.unit_price", "line_items.0.amount"],
};

/** A second reading of `text` laid over the region's box. */
function reading(text: string, x0: number, y: number, conf = 0.99): Reading {
  return { words: text.split(" ").map((t, i) => word(`r${i}`, t, x0 + i * 60, y, conf, 0)), conf };
}

const texts = (p: OcrPage) => p.lines.map((l) => l.wordIds.map((id) => p.words.find((w) => w.id === id)!.text).join(" "));

describe("wellFormedNumber", () => {
  it("accepts printed amounts and rejects misreads", () => {
    for (const t of ["1,234.56", "1 234,56 €", "1.234,56", "$39,317.48", "¥309,390", "22.5", "20 %", "EUR 7.24", "4216621"])
      expect(wellFormedNumber(t), t).toBe(true);
    for (const t of ["8OZ", "9, 100", "¥ 281,900", "1,23,4", "3.869.78", "11461,42€)"]) expect(wellFormedNumber(t), t).toBe(false);
  });
});

describe("chooseRegions", () => {
  it("picks the cells of a failed check, malformed and unsure numbers, checked first", () => {
    const page = fixture();
    const regions = chooseRegions([page], fields, { data: data(page), issues: [lineIssue] });
    expect(regions.map((r) => r.wordIds.join(","))).toEqual(["w1", "w2", "w3", "w5", "w7"]);
    expect(regions.slice(0, 3).every((r) => r.checked && r.charset === "number")).toBe(true);
    expect(regions[3]).toMatchObject({ paths: ["total"], checked: false });
    expect(regions[0]!.box).toEqual(page.words[1]!.box);
  });

  it("reads again what a failed check read without naming it (Σ lines reads the rows that add up)", () => {
    const page = fixture();
    const sum: CheckIssue = {
      code: "subtotal_sum",
      severity: "error",
      message: "Σ line amounts ≠ subtotal",
      fields: ["subtotal"],
      reads: ["line_items.0.amount"],
    };
    const regions = chooseRegions([page], fields, { data: data(page), issues: [sum] });
    expect(regions.filter((r) => r.checked).map((r) => r.paths[0])).toEqual(["line_items.0.amount", "subtotal"]);
  });

  it("skips text-layer pages", () => {
    const page = { ...fixture(), source: "textlayer" as const };
    expect(chooseRegions([page], fields, { data: data(page), issues: [lineIssue] })).toEqual([]);
  });
});

describe("mergeReadings", () => {
  const page = fixture();
  const regions = chooseRegions([page], fields, { data: data(page), issues: [lineIssue] });
  const readings = [
    reading("22.5", 500, 100),
    reading("171.99", 600, 100),
    reading("3,869.78", 760, 100),
    reading("802", 760, 200),
    reading("12.00", 760, 300),
  ];

  it("mends a malformed number, reports one well-formed value against another, keeps the page coherent", () => {
    const m = mergeReadings(page, regions, readings);
    expect(texts(m.page)).toEqual(["Widget 225 171.99 3,869.78", "Total 802", "Tax 12.00", "Subtotal 100.00"]);
    expect(m.disagreed.map((d) => [d.first, d.second, d.adopted])).toEqual([
      ["225", "22.5", false],
      ["8OZ", "802", true],
    ]);
    expect(m.page.words.map((w) => w.id)).toEqual(m.page.words.map((_, i) => `w${i}`));
    expect(m.page.lines.flatMap((l) => l.wordIds)).toEqual(m.page.words.map((w) => w.id));
    const total = m.page.words.find((w) => w.text === "802")!;
    expect(total.lineId).toBe("l1");
    expect(total.symbols.map((s) => s.text).join("")).toBe("802");
    expect(m.adopted).toEqual([[total.id]]);
  });

  it("takes a well-formed replacement only when the caller accepts it", () => {
    const m = mergeReadings(page, regions, readings, { accept: new Set([0]) });
    expect(texts(m.page)[0]).toBe("Widget 22.5 171.99 3,869.78");
    expect(m.disagreed[0]).toMatchObject({ first: "225", second: "22.5", adopted: true, ids: ["w1"] });
  });

  it("never takes a reading that lost a printed amount's cents, whatever confirms it", () => {
    const lost = [...readings.slice(0, 4), reading("1200", 760, 300)];
    const m = mergeReadings(page, regions, lost, { accept: new Set([4]) });
    expect(texts(m.page)[2]).toBe("Tax 12.00");
    expect(m.disagreed.find((d) => d.region === 4)).toMatchObject({ first: "12.00", second: "1200", adopted: false });
    // a reading that keeps the cents is taken when accepted
    const kept = mergeReadings(page, regions, [...readings.slice(0, 4), reading("12.50", 760, 300)], { accept: new Set([4]) });
    expect(texts(kept.page)[2]).toBe("Tax 12.50");
  });

  it("takes spaces the upscaled line shows without calling it a disagreement", () => {
    const p = fixture();
    p.words[9] = word("w9", "1000.00", 760, 400, 0.97, 3);
    const region = { page: 0, wordIds: ["w9"], box: p.words[9]!.box, charset: "number" as const, paths: ["subtotal"], checked: false };
    const m = mergeReadings(p, [region], [reading("1 000.00", 760, 400)]);
    expect(texts(m.page)[3]).toBe("Subtotal 1 000.00");
    expect(m.page.words.map((w) => w.id)).toEqual(m.page.words.map((_, i) => `w${i}`));
    expect(m.disagreed).toEqual([]);
    // Fewer spaces is no improvement for a well-formed number.
    expect(mergeReadings(m.page, [{ ...region, wordIds: ["w9", "w10"] }], [reading("1000.00", 760, 400)]).adopted).toEqual([]);
  });
});

describe("separators", () => {
  it("reads again a dot-grouped amount on a page that groups with spaces, and takes the space", () => {
    const p = fixture();
    p.words[3] = word("w3", "1.792,00", 760, 100, 0.96, 0);
    p.words[7] = word("w7", "2 583,66", 760, 300, 0.96, 2);
    p.words[9] = word("w9", "3 159,90", 760, 400, 0.97, 3);
    const d = data(p);
    const regions = chooseRegions([p], fields, { data: d, issues: [] });
    expect(regions.map((r) => r.paths[0])).toContain("line_items.0.amount");
    const k = regions.findIndex((r) => r.paths[0] === "line_items.0.amount");
    const readings = regions.map((_, i) => (i === k ? reading("1 792,00", 760, 100) : null));
    const m = mergeReadings(p, regions, readings);
    expect(texts(m.page)[0]).toBe("Widget 225 171.99 1 792,00");
    expect(m.disagreed).toEqual([]);
  });
});

describe("proposals and confirmByChecks", () => {
  it("accepts the reading that makes qty × price = amount, not one that changes nothing", () => {
    const page = fixture();
    const d = data(page);
    const regions = chooseRegions([page], fields, { data: d, issues: [lineIssue] });
    const readings = [reading("22.5", 500, 100), reading("171.99", 600, 100), reading("3,869.79", 760, 100), null, null];
    const props = proposals(page, regions, readings);
    expect(props.map((p) => [p.path, p.first, p.second])).toEqual([
      ["line_items.0.quantity", "225", "22.5"],
      ["line_items.0.amount", "3,869.78", "3,869.79"],
    ]);
    const check = (x: Record<string, FieldResult>) => validate(fields, x);
    expect(check(d).some((i) => i.code === "line_amount")).toBe(true);
    expect(confirmByChecks(d, props, check)).toEqual([props[0]]);
    // The caller's data is not touched.
    expect((d.line_items as { value: { field_bboxes: Record<string, FieldValue> }[] }).value[0]!.field_bboxes.quantity!.value).toBe("225");
    // A third reading that sides with the first vetoes the second.
    expect(proposals(page, regions, readings, [reading("225", 500, 100)]).map((p) => p.path)).toEqual(["line_items.0.amount"]);
  });
});

describe("disagreementIssues", () => {
  it("sends values on disagreeing words to review", () => {
    const page = fixture();
    const regions = chooseRegions([page], fields, { data: data(page), issues: [lineIssue] });
    const m = mergeReadings(page, regions, [reading("22.5", 500, 100), null, null, null, null]);
    const issues = disagreementIssues([m.page], fields, data(m.page), new Map([[0, m.disagreed]]));
    expect(issues).toEqual([
      { code: "ocr_disagreement", severity: "warning", message: 'two OCR readings disagree: "225" and "22.5"', fields: ["line_items.0.quantity"] },
    ]);
  });

  it("sends values on words the fused reader's two readers read differently to review", () => {
    const page = fixture();
    const fused = { ...page, words: page.words.map((w) => (w.text === "225" ? { ...w, alt: "22S" } : w)) };
    expect(altDisagreements([page]).size).toBe(0);
    const issues = disagreementIssues([fused], fields, data(fused), altDisagreements([fused]));
    expect(issues).toEqual([
      { code: "ocr_disagreement", severity: "warning", message: 'two OCR readings disagree: "225" and "22S"', fields: ["line_items.0.quantity"] },
    ]);
  });
});
