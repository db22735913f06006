import type { Box, OcrPage, OcrWord } from "../types";

/**
 * Whether a text value took all of its print: words right beside it that no value claims. A cell or a
 * name cut short leaves the rest of its print unclaimed next to it — the wrapped second line of a
 * description under the cell, the end of a name on the same line. A value with nothing unclaimed
 * around it was cut where the print ends. Geometry only: the same on every layout and language.
 */

export interface ExtentSignals {
  /** an unclaimed word starts within a line height under the value, overlapping its columns. */
  orphanBelow: boolean;
  /** an unclaimed word on one of the value's lines closer to its start or end than a letter height (a word space, not a
   * label's gap; a word ending in ":" is a label). */
  orphanBeside: boolean;
  /** the tallest of the value's words over the shortest: print of another size joined to it (a watermark, a detail line). */
  sizeRatio: number;
  /** a word at least twice as tall crosses the value's box: a watermark or a stamp over it, whose letters may join it. */
  underLarge: boolean;
}

const centre = (b: Box) => [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2] as const;
const inside = (w: OcrWord, b: Box) => {
  const [cx, cy] = centre(w.box);
  return cx >= b.x0 && cx <= b.x1 && cy >= b.y0 && cy <= b.y1;
};
// a label, a colon or a currency sign beside a value is print that no value claims by design
const SIGN = /^[\p{P}\p{S}]+$/u;

/** The words of a page no located value claims (`claimed`: every value's box); a word only punctuation is never one. */
export function unclaimedWords(page: OcrPage, claimed: Box[]): OcrWord[] {
  return page.words.filter((w) => w.text.trim() && !SIGN.test(w.text.trim()) && !claimed.some((b) => inside(w, b)));
}

/** The signals of a value located at `box` on `page`; `free` is unclaimedWords of the page. */
export function extentSignals(page: OcrPage, box: Box, free: OcrWord[]): ExtentSignals {
  const mine = page.words.filter((w) => w.text.trim() && inside(w, box));
  if (mine.length === 0) return { orphanBelow: false, orphanBeside: false, sizeRatio: 1, underLarge: false };
  const heights = mine.map((w) => w.box.y1 - w.box.y0).sort((a, b) => a - b);
  const sizeRatio = heights[0]! > 0 ? heights[heights.length - 1]! / heights[0]! : 1;
  const h = heights[Math.floor(heights.length / 2)]!;
  const orphanBelow = free.some((w) => w.box.y0 >= box.y1 - h / 2 && w.box.y0 <= box.y1 + h && w.box.x0 < box.x1 && w.box.x1 > box.x0);
  const lines = new Set(mine.map((w) => w.lineId));
  const orphanBeside = free.some(
    (w) =>
      lines.has(w.lineId) &&
      ((w.box.x0 >= box.x1 - h / 4 && w.box.x0 - box.x1 <= h) || (w.box.x1 <= box.x0 + h / 4 && box.x0 - w.box.x1 <= h && !/[:：]$/u.test(w.text.trim()))),
  );
  const underLarge = page.words.some((w) => w.box.y1 - w.box.y0 >= 2 * h && w.box.x0 < box.x1 && w.box.x1 > box.x0 && w.box.y0 < box.y1 && w.box.y1 > box.y0);
  return { orphanBelow, orphanBeside, sizeRatio, underLarge };
}
