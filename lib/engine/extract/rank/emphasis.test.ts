import { describe, expect, it } from "vitest";
import { analyzePage } from "../../layout/rows";
import { makePage } from "../../layout/testing";
import type { OcrPage } from "../../types";
import { digitHeight, emphasisOf } from "./emphasis";
import { totalCandidates } from "./total";

// A frozen till receipt in no lexicon language: items, a double-height total, the payment lines.
const row = (y: number, label: string, amount: string, h = 12) => ({ y, h, runs: [[label, 60] as [string, number], [amount, 600] as [string, number]] });

/** The page with each word's glyphs boxed as the reader gives them: `glyph[text]` high at the word's top (default 10). */
function withGlyphs(page: OcrPage, glyph: Record<string, number> = {}): OcrPage {
  const words = page.words.map((w) => ({
    ...w,
    symbols: [...w.text].map((c, i) => ({
      text: c,
      box: { x0: w.box.x0 + 8 * i, y0: w.box.y0, x1: w.box.x0 + 8 * i + 7, y1: w.box.y0 + (glyph[w.text] ?? 10) },
      conf: 1,
    })),
  }));
  return { ...page, words };
}

describe("emphasis of a total candidate among the page's amounts", () => {
  it("marks the double-height total, and only it", () => {
    const page = makePage([
      row(200, "Xqwe", "2.49"),
      row(220, "Vbnm", "11.90"),
      row(240, "Plok", "1.19"),
      row(280, "Kopa", "15.58", 26),
      row(320, "Skaidra", "20.00"),
      row(340, "Atlikums", "4.42"),
    ]);
    const c = totalCandidates([analyzePage(page)], { labelled: {} });
    const byText = Object.fromEntries(c.map((x) => [x.text, x.features]));
    expect(byText["15.58"]?.glyph_emph).toBe(1);
    expect(byText["15.58"]?.glyph_tallest).toBe(1);
    expect(byText["15.58"]?.emph_top).toBe(1);
    expect(byText["15.58"]?.glyph_h).toBeGreaterThan(2);
    for (const t of ["2.49", "11.90", "1.19", "20.00", "4.42"]) {
      expect(byText[t]?.glyph_emph).toBe(0);
      expect(byText[t]?.glyph_tallest).toBe(0);
      expect(byText[t]?.emph_top).toBe(0);
      expect(byText[t]?.glyph_h).toBeCloseTo(1, 5);
    }
  });

  it("sees no emphasis where every amount is a little taller than the words around it", () => {
    // digits at 14 beside 12-high words: the page-wide is_tallest fires on this, the amounts' own scale does not
    const page = makePage([
      { y: 100, h: 12, runs: [["lorem ipsum dolor", 60]] },
      { y: 120, h: 12, runs: [["sit amet consectetur", 60]] },
      { y: 140, h: 12, runs: [["adipiscing elit sed", 60]] },
      { y: 160, h: 12, runs: [["do eiusmod tempor", 60]] },
      row(200, "Xqwe", "2.49", 14),
      row(220, "Vbnm", "11.90", 14),
      row(240, "Kopa", "14.39", 15),
    ]);
    const c = totalCandidates([analyzePage(page)], { labelled: {} });
    expect(c.find((x) => x.text === "14.39")?.features.is_tallest).toBe(1);
    expect(c.every((x) => x.features.glyph_emph === 0 && x.features.glyph_tallest === 0 && x.features.emph_top === 0)).toBe(true);
  });

  it("ignores emphasis on anything but money amounts", () => {
    // a quantity or weight printed large is no emphasised money amount, nor the tallest one
    const f = emphasisOf([1, 1, 1, 4, 2.1], [true, true, true, false, true], [0, 0, 0, 0, 0]);
    expect(f.map((x) => x.glyph_emph)).toEqual([0, 0, 0, 0, 1]);
    expect(f.map((x) => x.glyph_tallest)).toEqual([0, 0, 0, 0, 1]);
    expect(f[3]?.glyph_h).toBe(3);
    expect(emphasisOf([], [], [])).toEqual([]);
  });

  it("measures the digits' own glyphs: a word box stretched over a rule is no emphasis, double-height digits are", () => {
    // frozen from a scanned till receipt: the reader's box of "9.90" spans the dashed rule under it (30 high)
    // while its digits are body size; the total's digits are twice the page's
    const page = withGlyphs(
      makePage([
        row(100, "Tel", "03-6206 5567"),
        row(200, "Xqwe", "2.49"),
        row(220, "Vbnm", "9.90", 30),
        row(260, "Plok", "1.19"),
        row(300, "Kopa", "13.58", 24),
        row(340, "Skaidra", "20.00"),
        row(360, "Atlikums", "6.42"),
      ]),
      { "13.58": 21 },
    );
    const c = totalCandidates([analyzePage(page)], { labelled: {} });
    const byText = Object.fromEntries(c.map((x) => [x.text, x.features]));
    expect(byText["9.90"]?.height_rel).toBeGreaterThan(2); // the word box says tall
    expect(byText["9.90"]?.glyph_h).toBeCloseTo(1, 5); // its digits do not
    expect(byText["9.90"]?.glyph_emph).toBe(0);
    expect(byText["9.90"]?.emph_top).toBe(0);
    expect(byText["13.58"]?.glyph_h).toBeCloseTo(2.1, 5);
    expect(byText["13.58"]?.glyph_emph).toBe(1);
    expect(byText["13.58"]?.glyph_tallest).toBe(1);
    expect(byText["13.58"]?.emph_top).toBe(1);
    for (const t of ["2.49", "1.19", "20.00", "6.42"]) expect(byText[t]?.glyph_emph).toBe(0);
    // an amount re-read by the second pass (its glyph boxes spread evenly over the word box) is of the page's size
    const reread = {
      ...page,
      words: page.words.map((w) =>
        w.text === "2.49" ? { ...w, box: { ...w.box, y1: w.box.y0 + 20 }, symbols: w.symbols.map((s) => ({ ...s, interpolated: true })) } : w,
      ),
    };
    const again = totalCandidates([analyzePage(reread)], { labelled: {} }).find((x) => x.text === "2.49");
    expect(again?.features.glyph_h).toBe(1);
    expect(again?.features.glyph_emph).toBe(0);
  });

  it("takes an amount's height from its digits only, the median of them, and word boxes where the reader gave no glyphs", () => {
    const page = withGlyphs(makePage([{ y: 100, h: 12, runs: [["RM12.50", 60]] }]), {});
    const w = page.words[0]!;
    // the letters of "RM" and the point do not count; one misboxed digit does not move the median
    const glyphs = w.symbols.map((s, i) => ({ ...s, box: { ...s.box, y1: s.box.y0 + (s.text === "R" ? 40 : i === 3 ? 25 : 10) } }));
    expect(digitHeight([{ ...w, symbols: glyphs }])).toBe(10);
    expect(digitHeight([{ ...w, symbols: [] }])).toBe(12);
    expect(digitHeight([{ ...w, text: "Total", symbols: [] }])).toBe(0);
  });

  it("puts an amount on top of its closing block only when it is taller than every money amount around it", () => {
    // a bold total 1.2x its neighbours (short of 1.5x the page's digits), two taller amounts alike five places on, a quantity
    const rel = [1, 1, 1.2, 1, 1, 1, 1, 1.3, 1.3, 2];
    const f = emphasisOf(
      rel,
      [...rel.map(() => true).slice(1), false],
      rel.map(() => 0),
    );
    expect(f.map((x) => x.emph_top)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(f.map((x) => x.glyph_emph)).toEqual(rel.map(() => 0));
    // neighbours on another page are no rivals
    expect(emphasisOf([1, 1.2], [true, true], [0, 1]).map((x) => x.emph_top)).toEqual([0, 0]);
  });
});
