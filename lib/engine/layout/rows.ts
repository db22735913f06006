import type { Box, OcrPage, OcrWord } from "../types";
import { cleanText } from "./text";
import { unionBox } from "../geometry";
import { afterCurrencyLead } from "../parse/amount";

/** A run of words on one row with no column-sized gap inside: a label, a value, a cell. */
export interface Segment {
  page: number;
  row: number;
  words: OcrWord[];
  text: string;
  box: Box;
  /** character range of each word inside `text`. */
  spans: { start: number; end: number }[];
}

/** Words sharing one baseline band across the whole page width, split into segments. */
export interface Row {
  page: number;
  index: number;
  box: Box;
  /** deskewed vertical centre on the grid. */
  cy: number;
  words: OcrWord[];
  segments: Segment[];
}

/** Joins left-to-right words of one line into text, with each word's character range. */
export type Joiner = (words: OcrWord[]) => { text: string; spans: { start: number; end: number }[] };

/** Rows and segments of one page plus the page's typical text height (grid-y units). */
export interface PageLayout {
  /** the page's word joiner (OCR and text layers space words differently). */
  join: Joiner;
  page: OcrPage;
  rows: Row[];
  segments: Segment[];
  lineHeight: number;
  /** grid-x units per grid-y unit of equal physical length (pages are not square). */
  aspect: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor(s.length / 2)] ?? 0) : 0;
};

/** Union of boxes (empty input gives a zero box). */
export const unionOf = unionBox;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー〒]/u;

// OCR word boxes sometimes span far beyond their glyphs ("Laptop" boxed over the whole
// cell): the ink extent of the symbols is the word's real start and end when it is known.
const inkX0 = (w: OcrWord) => (w.symbols?.length ? Math.min(...w.symbols.map((s) => s.box.x0)) : w.box.x0);
const inkX1 = (w: OcrWord) => (w.symbols?.length ? Math.max(...w.symbols.map((s) => s.box.x1)) : w.box.x1);

const CUR = /^[$€£¥₹]$/u;

/**
 * OCR keeps "€ 527.99", "29,07 €" and "1 077,50" as one word when the space is narrow; the
 * glyph boxes still show it: a gap well above the word's usual letter spacing between a
 * currency sign and a digit, or before a three-digit thousands group, is a printed space.
 */
export function spaceInsideWord(w: OcrWord, h: number, currency = true): string {
  // "23,2026": OCR glued the year to the day of a date ("June 23, 2026").
  if (/^\d{1,2},(?:19|20)\d\d$/.test(w.text)) return w.text.replace(",", ", ");
  const syms = w.symbols ?? [];
  const chars = [...w.text];
  if (syms.length < 3 || syms.length !== chars.length || syms.some((s, i) => s.text !== chars[i])) return w.text;
  const gaps = syms.slice(1).map((s, i) => s.box.x0 - (syms[i]?.box.x1 ?? s.box.x0));
  // Only an amount with decimals has thousands groups: "1068 Station Road" is a house number.
  const decimal = /\d[.,]\d{2}(?!\d)/.test(w.text);
  // The lower median: a narrow "1" leaves wide ink gaps that are no spaces.
  const lowMedian = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
  const usual = lowMedian(gaps.filter((_g, i) => /\d/.test(chars[i] ?? "") && /\d/.test(chars[i + 1] ?? ""))) || lowMedian(gaps);
  let out = chars[0] ?? "";
  for (let i = 1; i < chars.length; i++) {
    const [a, b, gap] = [chars[i - 1] ?? "", chars[i] ?? "", gaps[i - 1] ?? 0];
    const cur = currency && ((CUR.test(a) && /\d/.test(b)) || (/\d/.test(a) && (CUR.test(b) || b === "%")));
    const group = decimal && /\d/.test(a) && /^\d{3}(?:[.,]\d|$)/.test(chars.slice(i).join("")) && /^\D*\d{1,3}$/.test(chars.slice(0, i).join(""));
    if ((cur && gap >= Math.max(0.3 * h, 2 * usual)) || (group && gap >= Math.max(0.3 * h, 2.5 * usual))) out += " ";
    out += b;
  }
  return out;
}

/**
 * Join words left to right: no space across tiny gaps (ligature splits), one space otherwise.
 * `cjkGap`: OCR cuts CJK lines into words at random; below this share of the text height
 * two CJK neighbours are one word (0 for exact text layers, whose spaces are real).
 * `cjkPage`: the page is set in a CJK font, whose full-width ¥ leaves a space-wide gap before the digits.
 */
export function joinWords(words: OcrWord[], aspect: number, cjkGap = 0, cjkPage = false): { text: string; spans: { start: number; end: number }[] } {
  let text = "";
  const spans: { start: number; end: number }[] = [];
  let prev: OcrWord | undefined;
  let prevText = "";
  for (const w of words) {
    const wt = cleanText(cjkGap > 0 ? spaceInsideWord(w, (w.box.y1 - w.box.y0) * aspect, !cjkPage) : w.text);
    if (prev) {
      const h = Math.min(prev.box.y1 - prev.box.y0, w.box.y1 - w.box.y0) * aspect;
      const gap = inkX0(w) - inkX1(prev);
      // Runs split at a glyph (ligatures, radicals "⼩|計") touch: no space between them.
      const left = text.at(-1) ?? "";
      const right = wt[0] ?? "";
      // OCR splits CJK lines (and "令和 6 年") and numbers ("¥281, 900", "¥ 64,080") at random small gaps;
      // a comma before a year ("June 23, 2026") or a Latin "$ 982.44" is a printed space, cents ("49. 40", "RM20. 40") are not;
      // "A4, 80" is no number (a letter before the digits that is no currency mark).
      const cjk = cjkGap > 0 && (CJK.test(left) || CJK.test(right)) && /[\p{L}\p{N}]/u.test(left + right) && !/[A-Za-z]/.test(left + right);
      const num =
        cjkGap > 0 &&
        ((cjkPage && /\d/.test(right) && /[¥$€£]/.test(left)) ||
          (/\d[,.]$/.test(text) && (/^\d{3}(?!\d)/.test(wt) || (/^\d{2}(?!\d)/.test(wt) && /^[^\p{L}]*\d[,.]$/u.test(afterCurrencyLead(prevText))))));
      // The long-vowel bar "ー" is thin ink centred in a full-width cell: it never has a space beside it.
      const bar = cjk && ((left === "ー" && CJK.test(right)) || (right === "ー" && CJK.test(left)));
      // From CJK to a digit or bracket, and after a postcode, OCR splits little but printers space a lot ("モニター 24型", "研修 (半日)", "〒150-0001 東京都"): a smaller gap is a space there.
      // Not inside dates ("8月1日") or before a block-lot number ("神宮前4-29-12").
      const mixed =
        cjk &&
        ((CJK.test(left) && /[\d(（]/u.test(right) && !/[年月]/u.test(left) && !/^\d{1,4}-\d/.test(wt)) || (/\d{3}-\d{4}$/.test(text) && CJK.test(right)));
      // A block-lot number follows its town name directly ("栄5-12-2"), however wide the kana or kanji before it.
      const lot = cjk && CJK.test(left) && /^\d{1,4}-\d{1,4}(-\d{1,4})?(?!\d)/.test(wt);
      // Text-layer words come from pdfjs runs whose ends are exact and whose boxes span ascent to
      // descent (~1.1 em): a narrow no-break space between two runs ("2 583,66") is ~0.1 em, so
      // the text layer's threshold is half the OCR one (ink boxes, noisy ends).
      const plain = cjkGap > 0 ? 0.12 : 0.06;
      if (gap > (bar ? 4 : lot ? 4 : mixed ? Math.min(cjkGap, 0.35) : cjk ? cjkGap : num ? 1.2 : plain) * h) text += " ";
    }
    spans.push({ start: text.length, end: text.length + wt.length });
    text += wt;
    prevText = wt;
    prev = w;
  }
  return { text, spans };
}

/**
 * Two words the reader put on one line of one block, side by side, whose ink overlaps in height by
 * half the smaller word: one printed line.
 */
function onOneLine(a: OcrWord, b: OcrWord): boolean {
  if (!a.lineId || a.lineId !== b.lineId || a.blockId !== b.blockId) return false;
  if (a.box.x0 < b.box.x1 && b.box.x0 < a.box.x1) return false;
  const overlap = Math.min(a.box.y1, b.box.y1) - Math.max(a.box.y0, b.box.y0);
  return overlap >= 0.5 * Math.min(a.box.y1 - a.box.y0, b.box.y1 - b.box.y0);
}

/** Group a page's words into rows (robust to small skew) and rows into segments. */
export function analyzePage(page: OcrPage): PageLayout {
  const aspect = page.width > 0 ? page.height / page.width : 1;
  const angles = page.lines.map((l) => l.angle).filter((a) => Number.isFinite(a));
  const angle = angles.length ? median(angles) : page.skew || 0;
  const tan = Math.tan((angle * Math.PI) / 180);
  // Deskewed centre: a clockwise baseline rises in y as x grows; both axes in grid units.
  const cyOf = (w: OcrWord) => (w.box.y0 + w.box.y1) / 2 - (tan * ((w.box.x0 + w.box.x1) / 2)) / aspect;
  const heights = page.words.map((w) => w.box.y1 - w.box.y0).filter((h) => h > 0);
  const lineHeight = median(heights) || 10;
  // Text-layer boxes span the font's full height; OCR boxes hug the glyphs (about 0.7 of it).
  const ocr = page.source !== "textlayer";
  const colGap = ocr ? 1.25 : 0.85;
  // Stray kana in the OCR of a Latin page's specks do not make it a CJK page: a tenth of the words must be CJK.
  const cjkWords = page.words.filter((w) => CJK.test(w.text)).length;
  const cjkPage = cjkWords >= 5 && cjkWords >= 0.1 * page.words.length;
  const join: Joiner = (ws) => joinWords(ws, aspect, ocr ? 0.8 : 0, cjkPage);

  const sorted = page.words.filter((w) => cleanText(w.text) !== "").sort((a, b) => cyOf(a) - cyOf(b));
  const bands: { cy: number; h: number; words: OcrWord[] }[] = [];
  for (const w of sorted) {
    const cy = cyOf(w);
    // Dashes and dots are a sliver of ink: they belong to the line their centre falls in, judged at text height.
    const h = Math.max(w.box.y1 - w.box.y0, 0.8 * lineHeight);
    let best: (typeof bands)[number] | undefined;
    let sameLine: (typeof bands)[number] | undefined;
    for (let i = bands.length - 1; i >= Math.max(0, bands.length - 4); i--) {
      const b = bands[i];
      if (b && Math.abs(b.cy - cy) < 0.45 * Math.min(h, b.h) && (!best || Math.abs(b.cy - cy) < Math.abs(best.cy - cy))) best = b;
      if (b && !sameLine && ocr && w.conf >= 0.5 && b.words.some((o) => onOneLine(o, w))) sameLine = b;
    }
    // A word the reader set on the line of a band's word goes with it, though its centre is off the band's: a band
    // joining two columns at slightly different heights ("82 | rue | des Lilas" beside "Réf. commande"), a word
    // without ascenders or with a descender ("rue", "régler") sits lower than its neighbours. Not a speck the reader
    // doubts (a seal's ink read as "ay" beside a name).
    if (sameLine) best = sameLine;
    if (best) {
      best.words.push(w);
      best.cy = (best.cy * (best.words.length - 1) + cy) / best.words.length;
    } else bands.push({ cy, h, words: [w] });
  }
  bands.sort((a, b) => a.cy - b.cy);

  const rows: Row[] = [];
  const segments: Segment[] = [];
  for (const band of bands) {
    const index = rows.length;
    const words = [...band.words].sort((a, b) => a.box.x0 - b.box.x0);
    const row: Row = { page: page.index, index, box: unionOf(words.map((w) => w.box)), cy: band.cy, words, segments: [] };
    let current: OcrWord[] = [];
    const flush = () => {
      if (current.length === 0) return;
      const { text, spans } = join(current);
      const seg: Segment = { page: page.index, row: index, words: current, text, box: unionOf(current.map((w) => w.box)), spans };
      row.segments.push(seg);
      segments.push(seg);
      current = [];
    };
    for (const w of words) {
      const prev = current.at(-1);
      if (prev) {
        const h = Math.max(prev.box.y1 - prev.box.y0, w.box.y1 - w.box.y0) * aspect;
        // A gap wider than ~one em separates columns (label | value, table cells).
        if (w.box.x0 - prev.box.x1 > colGap * h) flush();
      }
      current.push(w);
    }
    flush();
    rows.push(row);
  }
  return { page, rows, segments, lineHeight, aspect, join };
}

/** Word ids covering the character range [start, end) of a segment's text. */
export function wordIdsInRange(seg: Segment, start: number, end: number): string[] {
  const ids: string[] = [];
  seg.spans.forEach((sp, i) => {
    const w = seg.words[i];
    if (w && sp.end > start && sp.start < end) ids.push(w.id);
  });
  return ids;
}

/** Horizontal overlap of two boxes as a share of the narrower one (0–1). */
export function xOverlap(a: Box, b: Box): number {
  const inter = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const narrow = Math.min(a.x1 - a.x0, b.x1 - b.x0);
  return narrow > 0 ? Math.max(0, inter) / narrow : 0;
}
