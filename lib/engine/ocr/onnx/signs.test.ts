import { describe, expect, it } from "vitest";
import type { Quad } from "../../types";
import { strip } from "../__fixtures__/strip";
import { lineInk } from "./ink";
import type { ReadLine } from "./page";
import type { CtcChar } from "./rec";
import { inkBlobs, signReadAsLetter, unreadSignByNumber } from "./signs";

const W = 400;
const quad: Quad = [
  { x: 0, y: 0 },
  { x: W, y: 0 },
  { x: W, y: 48 },
  { x: 0, y: 48 },
];
/** Glyphs as [col0, col1] blobs 24 rows high (a "." 6 rows), read as `text` with its peak on the glyph (null: not read). */
function line(glyphs: [number, number, string | null][]): ReadLine {
  const rects: [number, number, number, number][] = glyphs.map(([c0, c1, t]) => [c0, c1, t === "." ? 30 : 12, 36]);
  const chars: CtcChar[] = glyphs
    .filter(([, , t]) => t !== null)
    .map(([c0, c1, t]) => ({ text: t!, conf: 0.95, u0: c0 / W, u1: c1 / W, peak: (c0 + c1) / 2 / W }));
  return { quad, height: 48, chars, ink: lineInk(strip(W, rects), W) };
}
/** "TOTAL" at 10–110, then a sign at 150–168 and "85.90" from 174 (gaps of 6 columns between glyphs). */
const total = (sign: string | null, amount = "85.90") => {
  const glyphs: [number, number, string | null][] = [...(["T", "O", "T", "A", "L"] as const)].map((t, i) => [10 + i * 20, 26 + i * 20, t]);
  glyphs.push([150, 168, sign]);
  let x = 174;
  for (const t of amount) {
    glyphs.push([x, x + (t === "." ? 6 : 16), t]);
    x += t === "." ? 12 : 22;
  }
  return line(glyphs);
};

describe("a currency sign the recogniser's dictionary lacks", () => {
  it("is a glyph no character explains that starts a word right before an amount", () => {
    expect(unreadSignByNumber(total(null))).toBe(true);
    // Read as something (a "£" read "f"): the reading has a character there.
    expect(unreadSignByNumber(total("f"))).toBe(false);
    // Not before an amount: "£ 12" is a quantity, a code, a phone number.
    expect(unreadSignByNumber(total(null, "12"))).toBe(false);
  });

  it("is not a piece of a glyph beside read ink (a broken letter, a '/' whose peak fell on its neighbour)", () => {
    // 28/12 with the "/" unread and touching the "2" before it (gap 2 columns).
    const date = line([
      [10, 26, "2"],
      [32, 48, "8"],
      [50, 60, null],
      [66, 82, "1"],
      [88, 104, "2"],
      [110, 116, "."],
      [122, 138, "5"],
      [144, 160, "0"],
    ]);
    expect(unreadSignByNumber(date)).toBe(false);
  });

  it("assigns each character to the blob its peak falls on", () => {
    const found = inkBlobs(total(null))!;
    expect(found.bandHeight).toBe(24);
    expect(found.blobs.map((b) => b.chars.length)).toEqual([1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]);
  });

  it("is a pound sign read as the letter f right before an amount", () => {
    expect(signReadAsLetter(total("f"))).toBe(true);
    const spaced = line([
      [10, 26, "f"],
      [40, 56, " "],
      [60, 76, "8"],
      [82, 98, "5"],
      [104, 110, "."],
      [116, 132, "9"],
      [138, 154, "0"],
    ]);
    expect(signReadAsLetter(spaced)).toBe(true);
    // A word that starts with f, a lone f before a quantity: no sign.
    expect(signReadAsLetter(total("f", "12"))).toBe(false);
    expect(
      signReadAsLetter(
        line([
          [10, 26, "o"],
          [32, 48, "f"],
          [54, 70, "1"],
          [76, 82, "."],
          [88, 104, "5"],
          [110, 126, "0"],
        ]),
      ),
    ).toBe(false);
  });
});
