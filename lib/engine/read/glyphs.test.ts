import { describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import type { OcrLine, OcrPage, OcrWord } from "../types";
import lines from "./__fixtures__/glyph-lines.json";
import { repairGlyphs } from "./glyphs";

/**
 * Frozen Tesseract lines (cached readings of synthetic-dev clean scans, 150 dpi): a × read as "x"
 * between measures (dev-001-0000 "120 x 90 cm", dev-001-0031 "1200x900", dev-001-0073 "2L x6本"),
 * one whose box shows no lift (dev-001-0013), a × before a word on a receipt (dev-001-0019), and
 * real letters (dev-001-0038's postcode "D02 X285", dev-001-0017's "Tax").
 */
type Fixture = { width: number; height: number; language: string; line: OcrLine; words: OcrWord[] };
const fixtures = lines as unknown as Record<string, Fixture>;

function pageOf(name: string, patch: Partial<OcrPage> = {}): OcrPage {
  const f = fixtures[name]!;
  return ocrPage({ width: f.width, height: f.height, language: f.language, words: f.words, lines: [f.line], ...patch });
}

const text = (p: OcrPage) => p.words.map((w) => w.text).join(" ");

describe("repairGlyphs", () => {
  it("reads a × whose foot stands clear of the digits' baseline, between spaced measures", () => {
    const p = repairGlyphs(pageOf("times-spaced"));
    expect(text(p)).toContain("120 × 90 cm");
    const sign = p.words.find((w) => w.text === "×")!;
    expect(sign.symbols[0]).toMatchObject({ text: "×", read: "x" });
  });

  it("repairs the sign inside a word, after a unit, keeping ids and boxes", () => {
    const before = pageOf("times-glued");
    const after = repairGlyphs(before);
    expect(text(after)).toContain("1200×900");
    expect(after.words.map((w) => w.id)).toEqual(before.words.map((w) => w.id));
    expect(after.words.map((w) => w.box)).toEqual(before.words.map((w) => w.box));
    expect(text(repairGlyphs(pageOf("times-unit")))).toContain("2L ×6");
  });

  it("leaves letters on the baseline alone: a postcode's X, a word's x", () => {
    for (const name of ["letter-postcode", "letter-word"]) {
      const p = pageOf(name);
      expect(repairGlyphs(p)).toBe(p);
    }
  });

  it("does not guess where the box shows no lift, nor without a measure on both sides", () => {
    for (const name of ["times-flat", "times-receipt"]) {
      const p = pageOf(name);
      expect(repairGlyphs(p)).toBe(p);
    }
  });

  it("trusts neither text layers nor rotated or sloped readings", () => {
    for (const patch of [{ source: "textlayer" as const }, { rotation: 90 as const }]) {
      const p = pageOf("times-spaced", patch);
      expect(repairGlyphs(p)).toBe(p);
    }
    const f = fixtures["times-spaced"]!;
    const sloped = pageOf("times-spaced", { lines: [{ ...f.line, angle: 3 }] });
    expect(repairGlyphs(sloped)).toBe(sloped);
  });

  it("skips a word whose symbols do not spell its text (the change could not be put back)", () => {
    const p = pageOf("times-spaced");
    const words = p.words.map((w) => (w.text === "x" ? { ...w, text: "x." } : w));
    const q = { ...p, words };
    expect(repairGlyphs(q)).toBe(q);
  });
});
