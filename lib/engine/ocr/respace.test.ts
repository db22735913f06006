import { describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import type { OcrPage, OcrSymbol, OcrWord } from "../types";
import { boxToQuad } from "./geometry";
import { respacePage, spaceBreaks } from "./respace";

/** A 1000×1000 px page (grid = pixels) with one line of words built from [char, x0, x1] symbols. */
function page(words: [string, number, number][][]): OcrPage {
  const out: OcrWord[] = words.map((syms, i) => {
    const symbols: OcrSymbol[] = syms.map(([text, x0, x1]) => ({
      text,
      box: { x0, y0: text === "," ? 110 : 100, x1, y1: text === "," ? 120 : 118 },
      conf: 0.9,
    }));
    const box = { x0: syms[0]![1], y0: 100, x1: syms.at(-1)![2], y1: 120 };
    return { id: `w${i}`, text: syms.map((s) => s[0]).join(""), box, quad: boxToQuad(box), conf: 0.9, symbols, lineId: "l0" };
  });
  const lineBox = { x0: out[0]!.box.x0, y0: 100, x1: out.at(-1)!.box.x1, y1: 120 };
  return ocrPage({ language: "fra", words: out, lines: [{ id: "l0", wordIds: out.map((w) => w.id), box: lineBox, angle: 0 }] });
}

/** Symbols of a tabular-digit string: 10 px advance per character, extra px before index k. */
function run(text: string, x: number, extra: Record<number, number> = {}): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const [i, ch] of [...text].entries()) {
    x += extra[i] ?? 0;
    out.push([ch, x + 1, x + (ch === "," || ch === "." ? 4 : 9)]);
    x += ch === "," || ch === "." ? 5 : 10;
  }
  return out;
}

const texts = (p: OcrPage) => p.words.map((w) => w.text);

describe("respacePage", () => {
  it("splits a thousands group at a narrow-space gap and a currency sign after an ink gap", () => {
    // "2 583,66 €": 3 px narrow space before the 5, 7 px space before the €.
    const p = respacePage(page([run("2583,66€", 800, { 1: 3, 7: 7 })]));
    expect(texts(p)).toEqual(["2", "583,66", "€"]);
    expect(p.words.map((w) => w.id)).toEqual(["w0", "w1", "w2"]);
    expect(p.lines[0]!.wordIds).toEqual(["w0", "w1", "w2"]);
    // Boxes and quads follow the split symbols.
    expect(p.words[1]!.box.x0).toBeCloseTo(p.words[1]!.symbols[0]!.box.x0);
    expect(p.words[2]!.quad[0].x).toBeGreaterThan(p.words[1]!.quad[1].x - 0.01);
    expect(p.words[0]!.symbols.map((s) => s.text)).toEqual(["2"]);
  });

  it("leaves evenly spaced numbers, ids and thousands commas alone", () => {
    for (const t of ["2583,66", "1,234.56", "9,100", "90031581518267"]) expect(spaceBreaks(page([run(t, 100)]), page([run(t, 100)]).words[0]!)).toEqual([]);
    // The pitch is the lower median: one wide box does not hide the gap.
    expect(texts(respacePage(page([run("1077,50", 100, { 1: 3, 6: 4 })])))).toEqual(["1", "077,50"]);
    // A wider pair that is not a 3-digit group boundary is no space (proportional "1" etc.).
    expect(texts(respacePage(page([run("25836", 100, { 1: 3 })])))).toEqual(["25836"]);
    // Letters before the digits: an id, not an amount.
    expect(texts(respacePage(page([run("INV264798", 100, { 6: 3 })])))).toEqual(["INV264798"]);
  });

  it("puts back the space after a date's comma and between a code and its amount", () => {
    expect(texts(respacePage(page([run("7,2026", 100, { 2: 7 })])))).toEqual(["7,", "2026"]);
    expect(texts(respacePage(page([run("EUR7.24", 100, { 3: 7 })])))).toEqual(["EUR", "7.24"]);
    expect(texts(respacePage(page([run("20%", 100, { 2: 7 })])))).toEqual(["20", "%"]);
    expect(texts(respacePage(page([run("20%", 100)])))).toEqual(["20%"]);
    expect(texts(respacePage(page([run("37h", 100, { 2: 7 })])))).toEqual(["37", "h"]);
    expect(texts(respacePage(page([run("€21.81", 100, { 1: 7 })])))).toEqual(["€", "21.81"]);
    expect(texts(respacePage(page([run("$21.81", 100)])))).toEqual(["$21.81"]);
  });

  it("keeps postcodes, decimal commas and loosely set faces whole", () => {
    expect(texts(respacePage(page([run("G1", 100, { 1: 5 })])))).toEqual(["G1"]);
    expect(texts(respacePage(page([run("1S9", 100, { 1: 7 })])))).toEqual(["1S9"]);
    expect(texts(respacePage(page([run("828,16", 100, { 4: 5 })])))).toEqual(["828,16"]);
    // Every gap is wide in this face: the one before % is no wider than the rest.
    expect(texts(respacePage(page([run("20%", 100, { 1: 6, 2: 6 })])))).toEqual(["20%"]);
  });

  it("returns the same page when nothing changes", () => {
    const p = page([run("12.50", 100)]);
    expect(respacePage(p)).toBe(p);
  });
});
