/**
 * Emphasis of a total candidate's print, measured on its digits against the page's digits. Tills print
 * the total double height (German, Austrian, Swiss receipts; many others bold it taller). Digits against
 * digits keeps letters out of the scale: digits are cap height, while a word's box grows with its
 * descenders, so an amount beside lower-case text reads "taller" than the text around it without being
 * emphasised (the page-wide height_rel and is_tallest fire on that).
 *
 * The digits are measured by their own glyph boxes, not by the words' boxes: the reader's word box of an
 * amount on a faint or skewed scan often spans a neighbour's ink, a rule or a bracket and reads tall though
 * the digits are not; measured so (session 9), many wrong SROIE amounts were "tall" and the ranking learned
 * to distrust height.
 */
import type { OcrWord } from "../../types";

/**
 * The emphasis features of every amount: its digits' height over the page's digits (`glyph_h`), printed emphasised
 * (`glyph_emph`), the document's tallest amount (`glyph_tallest`) and taller than the amounts around it (`emph_top`).
 */
export const EMPHASIS_FEATURES = ["glyph_h", "glyph_emph", "glyph_tallest", "emph_top"] as const;

/** A print at least this much taller than the page's digits is emphasised (double height is ~2). */
const EMPHASISED = 1.5;
/** The tallest amount counts as set apart only when it stands this far above the page's digits. */
const SET_APART = 1.3;
/** The amounts within this many places in reading order are a candidate's neighbours (its closing block). */
const BLOCK = 4;
/** Taller than every neighbour by this much: the block's emphasised amount (bold or double height). */
const ABOVE_BLOCK = 1.15;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor(s.length / 2)] ?? 0) : 0;
};

/** The reader's own boxes of a word's digits (a re-read word's boxes are spread evenly over it: no glyph's). */
const glyphsOf = (w: OcrWord) => w.symbols.filter((s) => /\d/.test(s.text) && !s.interpolated && s.box.y1 > s.box.y0);

/** Whether the reader boxed any digit glyph of these words (a page's: whether its digits are measured by glyphs). */
export const hasGlyphs = (words: OcrWord[]) => words.some((w) => glyphsOf(w).length > 0);

/**
 * The median digit height of some words: of an amount's words, its print size (one misboxed digit does not move it);
 * of a page's words, its typical digit size (prices, dates, codes: body text). Where the reader boxed glyphs, only
 * glyphs count: a word box is taller than its digits, so a word without glyphs (re-read, rewritten) would read tall
 * beside them. Word boxes only where no word has glyphs. 0 without digits.
 */
export function digitHeight(words: OcrWord[], glyphs = hasGlyphs(words)): number {
  const heights = words.flatMap((w) =>
    glyphs ? glyphsOf(w).map((s) => s.box.y1 - s.box.y0) : [...w.text].filter((c) => /\d/.test(c)).map(() => w.box.y1 - w.box.y0),
  );
  return median(heights);
}

/**
 * Per amount, from its digit height over its page's typical digit height (`rel`): `glyph_h` (capped at 3),
 * `glyph_emph` (money printed ≥ 1.5× the page's digits), `glyph_tallest` (the tallest money amount of the
 * document, ≥ 1.3× the page's digits) and `emph_top` (money, taller by 15 % than every money amount within
 * four places before and after it on its page: the closing block's emphasised line, whatever the page's scale).
 */
export function emphasisOf(rel: number[], money: boolean[], page: number[]): Record<(typeof EMPHASIS_FEATURES)[number], number>[] {
  const tallest = Math.max(0, ...rel.filter((_, i) => money[i]));
  return rel.map((r, i) => {
    const near = rel.filter((_, j) => j !== i && money[j] && page[j] === page[i] && Math.abs(j - i) <= BLOCK);
    return {
      glyph_h: Math.min(3, r),
      glyph_emph: money[i] && r >= EMPHASISED ? 1 : 0,
      glyph_tallest: money[i] && r >= tallest - 1e-9 && tallest >= SET_APART ? 1 : 0,
      emph_top: money[i] && near.length > 0 && near.every((n) => r >= ABOVE_BLOCK * n) ? 1 : 0,
    };
  });
}
