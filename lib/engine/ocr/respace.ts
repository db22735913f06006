/**
 * Spaces Tesseract drops, put back from the character boxes. Narrow no-break spaces in
 * "2 583,66 €", the space in "20 %" or after the comma of "November 7, 2026" are too narrow
 * for Tesseract's word splitter, so the words come out as "2583,66€" and no verbatim value
 * can match. The boxes still show the gap: digits have one advance width, so a digit pair
 * whose centres sit clearly further apart than the word's other digit pairs has a space
 * between them, and an ink gap of a third of the text height is a space anywhere.
 * Pure: OcrPage in, OcrPage out; words are split, never merged, and ids renumbered.
 */
import type { OcrPage, OcrSymbol, OcrWord, Point, Quad } from "../types";
import { unionBox } from "./geometry";

const DIGIT = /^\p{Nd}$/u;
const LATIN = /^[A-Za-z\u00C0-\u024F]$/u;
/** Marks that follow an amount after a space in many locales ("12,50 €", "20 %"). */
const AFTER = /^[€£%]$/u;

/** Centre-distance ratio above which a digit pair holds a (narrow) space. */
export const DIGIT_GAP_RATIO = 1.17;
/** Ink gap, as a share of the text height, that is a space between a number and a sign/word. */
export const INK_GAP_SHARE = 0.3;

interface Extent {
  lo: number;
  hi: number;
  across: number;
}

/** Extent of each symbol along the word's baseline direction, in pixels. */
function extents(page: OcrPage, w: OcrWord): Extent[] | null {
  const px = (p: Point) => ({ x: (p.x * page.width) / 1000, y: (p.y * page.height) / 1000 });
  const [tl, tr] = w.quad.map(px) as [Point, Point];
  const ux = tr.x - tl.x;
  const uy = tr.y - tl.y;
  const len = Math.hypot(ux, uy);
  if (len < 1) return null;
  const [dx, dy] = [ux / len, uy / len];
  return w.symbols.map((s) => {
    const corners = [px({ x: s.box.x0, y: s.box.y0 }), px({ x: s.box.x1, y: s.box.y0 }), px({ x: s.box.x1, y: s.box.y1 }), px({ x: s.box.x0, y: s.box.y1 })];
    const along = corners.map((c) => c.x * dx + c.y * dy);
    const perp = corners.map((c) => -c.x * dy + c.y * dx);
    return { lo: Math.min(...along), hi: Math.max(...along), across: Math.max(...perp) - Math.min(...perp) };
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

/** The pitch of a word's digits: the lower median, as a wide box (or the gap itself) only ever adds. */
const lowerMedian = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : 0;
};

/** Symbol indices before which a space belongs (1..n-1). */
export function spaceBreaks(page: OcrPage, w: OcrWord): number[] {
  const syms = w.symbols;
  if (syms.length < 2 || syms.some((s) => s.interpolated)) return [];
  // Every symbol must be accounted for, or indices drift from the text.
  if (syms.map((s) => s.text).join("") !== w.text) return [];
  const ex = extents(page, w);
  if (!ex) return [];
  // Overlapping character boxes: Tesseract's segmentation is unreliable there.
  const overlap = ex.map((e, i) => i > 0 && e.lo < ex[i - 1]!.hi - 0.25 * (ex[i - 1]!.hi - ex[i - 1]!.lo));
  if (overlap.filter(Boolean).length * 3 > ex.length) return [];
  const isDigit = syms.map((s) => DIGIT.test(s.text));
  const centre = ex.map((e) => (e.lo + e.hi) / 2);
  // Text height from digits and capitals (a comma's or a lowercase letter's box is smaller).
  const tall = ex.filter((_, i) => isDigit[i] || /^[A-Z€£$%]$/u.test(syms[i]!.text)).map((e) => e.across);
  const h = median(tall.length ? tall : ex.map((e) => e.across));
  const pairs: number[] = [];
  for (let i = 1; i < syms.length; i++) if (isDigit[i - 1] && isDigit[i] && !overlap[i]) pairs.push(centre[i]! - centre[i - 1]!);
  const gaps = ex.slice(1).map((e, k) => e.lo - ex[k]!.hi);
  const out: number[] = [];
  for (let i = 1; i < syms.length; i++) {
    const a = syms[i - 1]!.text;
    const b = syms[i]!.text;
    const gap = ex[i]!.lo - ex[i - 1]!.hi;
    if (overlap[i] || overlap[i - 1] || overlap[i + 1]) continue;
    if (isDigit[i - 1] && isDigit[i]) {
      if (pairs.length < 3 || !groupBoundary(syms, i)) continue;
      if (centre[i]! - centre[i - 1]! > DIGIT_GAP_RATIO * lowerMedian(pairs)) out.push(i);
      continue;
    }
    // A comma before exactly three digits groups thousands ("9,100"); before four ("7,2026") it ends a phrase.
    // A comma before 1–3 digits is a decimal or thousands mark ("9,100", "828,16"); before
    // a year or a word it ends a phrase ("7, 2026").
    const comma = a === "," && (LATIN.test(b) || (isDigit[i] && digitRun(syms, i) >= 4));
    // A number then its unit or code ("37 h", "7.24 EUR"); letters then a number only for a
    // word or code of 3+ letters ("EUR 7.24", "TVA 20"), not inside postcodes ("G1 3SL").
    // A unit ends the word ("37h"); letters then digits again are a code ("B3J 1S9").
    const unit = isDigit[i - 1] && LATIN.test(b) && i + letterRun(syms, i, 1) === syms.length;
    const word = unit || (isDigit[i] && letterRun(syms, i - 1, -1) >= 3);
    // A currency sign before its amount, spaced apart in some layouts ("€ 21.81"); never
    // the yen sign, whose full-width form leaves a wide gap without any space.
    const before = /^[€£$]$/u.test(a) && isDigit[i];
    const sign = (isDigit[i - 1] && AFTER.test(b)) || word || comma || before;
    // Against the word's own letter spacing too: loosely set faces have wide gaps everywhere.
    const others = gaps.filter((_, k) => k !== i - 1);
    if (sign && h > 0 && gap > INK_GAP_SHARE * h && gap > median(others) + 0.2 * h) out.push(i);
  }
  return out;
}

/** Number of Latin letters from symbol `i` on, in direction `dir`. */
function letterRun(syms: OcrSymbol[], i: number, dir: 1 | -1): number {
  let j = i;
  while (j >= 0 && j < syms.length && LATIN.test(syms[j]!.text)) j += dir;
  return Math.abs(j - i);
}

/** Number of digits from symbol `i` on. */
function digitRun(syms: OcrSymbol[], i: number): number {
  let j = i;
  while (j < syms.length && DIGIT.test(syms[j]!.text)) j++;
  return j - i;
}

/** True when a space before symbol `i` would start a 3-digit thousands group. */
function groupBoundary(syms: OcrSymbol[], i: number): boolean {
  const j = i + digitRun(syms, i);
  if (j - i !== 3) return false;
  // After the group: the end, a decimal mark and digits, or a currency sign.
  const next = syms[j]?.text;
  if (next !== undefined && !/^[.,€£%$¥]$/u.test(next)) return false;
  let k = i - 1;
  while (k >= 0 && DIGIT.test(syms[k]!.text)) k--;
  // Before the number: the word's start or a sign/currency mark (not "INV264798").
  if (k >= 0 && !/^[-+−(€£$¥￥]$/u.test(syms[k]!.text)) return false;
  return i - 1 - k <= 3;
}

const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });

/** Split one word before the given symbol indices; quads follow the original baseline. */
function splitWord(page: OcrPage, w: OcrWord, breaks: number[]): OcrWord[] {
  const ex = extents(page, w)!;
  const [tl, tr, br, bl] = w.quad;
  const px = (p: Point) => ({ x: (p.x * page.width) / 1000, y: (p.y * page.height) / 1000 });
  const a = px(tl);
  const b = px(tr);
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const start = (a.x * (b.x - a.x) + a.y * (b.y - a.y)) / len;
  const cuts = [0, ...breaks, w.symbols.length];
  const out: OcrWord[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const symbols = w.symbols.slice(cuts[k], cuts[k + 1]);
    const part = ex.slice(cuts[k], cuts[k + 1]);
    const t0 = Math.max(0, Math.min(1, (Math.min(...part.map((e) => e.lo)) - start) / len));
    const t1 = Math.max(t0, Math.min(1, (Math.max(...part.map((e) => e.hi)) - start) / len));
    const quad: Quad = [lerp(tl, tr, t0), lerp(tl, tr, t1), lerp(bl, br, t1), lerp(bl, br, t0)];
    out.push({
      ...w,
      text: symbols.map((s) => s.text).join(""),
      symbols,
      box: unionBox(symbols.map((s) => s.box)),
      quad,
      conf: Math.min(...symbols.map((s) => s.conf), w.conf),
    });
  }
  return out;
}

/** Rebuild a page from per-word replacements (old word id → its new words), renumbering ids. */
export function replaceWords(page: OcrPage, replace: Map<string, OcrWord[]>): OcrPage {
  if (replace.size === 0) return page;
  const newIds = new Map<string, string[]>();
  const words: OcrWord[] = [];
  for (const w of page.words) {
    const parts = replace.get(w.id) ?? [w];
    const ids: string[] = [];
    for (const p of parts) {
      const id = `w${words.length}`;
      words.push({ ...p, id, lineId: w.lineId, ...(w.blockId !== undefined ? { blockId: w.blockId } : {}) });
      ids.push(id);
    }
    newIds.set(w.id, ids);
  }
  const lines = page.lines.map((l) => ({ ...l, wordIds: l.wordIds.flatMap((id) => newIds.get(id) ?? []) }));
  return { ...page, words, lines };
}

/** The page with dropped spaces put back (words split at them). */
export function respacePage(page: OcrPage): OcrPage {
  const replace = new Map<string, OcrWord[]>();
  for (const w of page.words) {
    const breaks = spaceBreaks(page, w);
    if (breaks.length > 0) replace.set(w.id, splitWord(page, w, breaks));
  }
  return replaceWords(page, replace);
}
