/**
 * The glyphs stage: characters the reader names by a letter twin, told apart by where their ink sits.
 * The multiplication sign between measures ("120 × 90 cm", "1200×900", "2L ×6本") comes out of
 * Tesseract as "x" or "X", and a page may print a real letter there too ("2 x 3", "D02 X285"), so
 * the text cannot decide. The ink can: × is centred on the maths axis, its box's foot stands clear
 * of the baseline; x and X stand on it. The measure's own digits on both sides give the baseline
 * and the scale, so the test is local (robust to a slight slope across the line).
 *
 * Runs on every OCR'd page after recognition (read/index.ts), so cached readings get it too.
 * Pure: OcrPage in, OcrPage out; only symbol and word texts change (ids, boxes and word count stay,
 * so the second pass's cache keys do not move). A repaired symbol keeps what the reader read in
 * `read`: the risk stage never lets a value holding one pass unreviewed (risk/index.ts), as a
 * 1–2 px lift on a 150 dpi scan is evidence, not proof.
 */
import type { OcrPage, OcrSymbol, OcrWord } from "../types";

/**
 * Lift of the glyph's foot above the digits' baseline, as a share of the digits' height, from which
 * an "x" between measures is a ×. Fitted on the synthetic-dev clean scans' x/X glyphs (letters in words,
 * postcodes, and × read as x/X; dev-001-0000…0049 vs 0050…0100): the highest letter's lift is 0.076,
 * the ×'s lie between −0.1 and 0.2 (half of them above 0.085).
 */
export const TIMES_RAISE = 0.085;
/** Above this lift the glyph floats like an index or a stray mark: not a × on the maths axis. */
const TIMES_RAISE_MAX = 0.45;
/** Its top must stay within the digits' height (a broken box reaching above the line decides nothing). */
const TIMES_TOP_MAX = 1.1;
/** Lines sloped more than this (degrees) leave the baseline too uncertain for a one-pixel test. */
const MAX_ANGLE = 1.5;

const DIGIT = /^\p{Nd}$/u;
const LATIN = /^[A-Za-z]$/;
const X = /^[xX]$/;

interface Sym {
  s: OcrSymbol;
  word: number;
  index: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Up to `n` digits next to position `i` going `dir`, after skipping a unit's letters ("2L", "500ml") on the left. */
function digitsBeside(syms: Sym[], i: number, dir: 1 | -1, n = 3): Sym[] {
  let j = i + dir;
  if (dir === -1) {
    let letters = 0;
    while (j >= 0 && LATIN.test(syms[j]!.s.text) && !X.test(syms[j]!.s.text) && letters < 2) {
      j--;
      letters++;
    }
  }
  const out: Sym[] = [];
  while (j >= 0 && j < syms.length && DIGIT.test(syms[j]!.s.text) && out.length < n) {
    out.push(syms[j]!);
    j += dir;
  }
  return out;
}

/** Indices (into `syms`) of the x/X glyphs that are multiplication signs. */
export function timesSigns(syms: Sym[]): number[] {
  const out: number[] = [];
  for (let i = 1; i + 1 < syms.length; i++) {
    const x = syms[i]!.s;
    if (!X.test(x.text) || x.interpolated) continue;
    // A measure on both sides: digits (maybe with a unit) before, a digit right after.
    if (!DIGIT.test(syms[i + 1]!.s.text)) continue;
    const before = digitsBeside(syms, i, -1);
    const after = digitsBeside(syms, i, 1);
    if (before.length === 0 || after.length === 0) continue;
    const digits = [...before, ...after].filter((d) => !d.s.interpolated).map((d) => d.s.box);
    if (digits.length < 2) continue;
    const base = median(digits.map((b) => b.y1));
    const h = median(digits.map((b) => b.y1 - b.y0));
    if (h <= 0) continue;
    const lift = (base - x.box.y1) / h;
    const top = (base - x.box.y0) / h;
    if (lift >= TIMES_RAISE && lift <= TIMES_RAISE_MAX && top <= TIMES_TOP_MAX) out.push(i);
  }
  return out;
}

/** The page with its glyphs repaired from their geometry (an unchanged page comes back as is). */
export function repairGlyphs(page: OcrPage): OcrPage {
  if (page.source === "textlayer" || page.rotation !== 0) return page;
  const byId = new Map(page.words.map((w) => [w.id, w]));
  const fixed = new Map<string, Map<number, string>>();
  for (const line of page.lines) {
    if (Math.abs(line.angle) > MAX_ANGLE) continue;
    const words = line.wordIds.map((id) => byId.get(id)).filter((w): w is OcrWord => w !== undefined);
    const syms: Sym[] = [];
    for (const [k, w] of words.entries()) {
      // Every symbol must be accounted for, or a changed symbol could not be put back into the word's text.
      if (w.symbols.map((s) => s.text).join("") !== w.text) {
        syms.push({ s: { text: " ", box: w.box, conf: 0, interpolated: true }, word: -1, index: -1 });
        continue;
      }
      for (const [index, s] of w.symbols.entries()) syms.push({ s, word: k, index });
    }
    for (const i of timesSigns(syms)) {
      const { word, index } = syms[i]!;
      const id = words[word]!.id;
      fixed.set(id, (fixed.get(id) ?? new Map()).set(index, "×"));
    }
  }
  if (fixed.size === 0) return page;
  return {
    ...page,
    words: page.words.map((w) => {
      const at = fixed.get(w.id);
      if (!at) return w;
      const symbols = w.symbols.map((s, i) => {
        const to = at.get(i);
        return to === undefined ? s : { ...s, text: to, read: s.text };
      });
      return { ...w, symbols, text: symbols.map((s) => s.text).join("") };
    }),
  };
}
