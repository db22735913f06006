import type { Box, OcrPage } from "../types";

/**
 * Comparison-only text normalization shared by the value and the page, plus the flat,
 * space-free character sequence of a page with a map from every character back to the
 * symbol (and word) it came from. Nothing here changes a value that is returned.
 */

// Dashes and quotes that OCR and text layers emit in many code points; NFKC keeps them apart.
const FOLD: Record<string, string> = {
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\uFE63": "-",
  "\u2018": "'",
  "\u2019": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u00B4": "'",
};

const SPACE = /\s/u;

/** Normalize one source character for comparison: NFKC, full-width→half-width, lower case, no spaces. */
export function foldChar(ch: string): string {
  let out = "";
  for (const c of ch.normalize("NFKC").toLowerCase()) {
    if (SPACE.test(c) || c === "\u200B" || c === "\uFEFF") continue;
    out += FOLD[c] ?? c;
  }
  return out;
}

/** Normalize a whole string for comparison (the value side of the alignment). */
export function foldText(text: string): string {
  let out = "";
  for (const c of text) out += foldChar(c);
  return out;
}

/** One character of a page's comparison sequence. */
export interface SeqChar {
  ch: string;
  /** index into PageSeq.boxes (one entry per OCR symbol). */
  sym: number;
  /** index into page.words. */
  word: number;
  /** first / last comparison char of its word (word-boundary preference). */
  wordStart: boolean;
  wordEnd: boolean;
}

/** A page flattened to comparison characters in reading order. */
export interface PageSeq {
  page: OcrPage;
  chars: SeqChar[];
  /** the comparison string, chars joined (same length as chars). */
  text: string;
  /** per symbol: its box on the 0–1000 grid and its line's angle in degrees. */
  boxes: Box[];
  /** per symbol: its text (glyph class decides how its ink box maps to the text run). */
  symText: string[];
  angles: number[];
  /** per symbol: index of its word. */
  symWord: number[];
  /** per word: index range [first, last] into chars, or null when it has no comparable char. */
  wordChars: Array<[number, number] | null>;
  wordIndex: Map<string, number>;
}

const cache = new WeakMap<OcrPage, PageSeq>();

/** Boxes for a word's characters: its own symbols, or an even split of the word box. */
function symbolBoxes(text: string, box: Box, symbols: { text: string; box: Box }[]) {
  if (symbols.length > 0) return symbols.map((s) => ({ text: s.text, box: s.box }));
  const chars = [...text];
  const w = (box.x1 - box.x0) / Math.max(1, chars.length);
  return chars.map((c, i) => ({ text: c, box: { x0: box.x0 + i * w, y0: box.y0, x1: box.x0 + (i + 1) * w, y1: box.y1 } }));
}

/** Build (once per page object) the comparison sequence of a page. */
export function pageSeq(page: OcrPage): PageSeq {
  const hit = cache.get(page);
  if (hit) return hit;
  const angleOfLine = new Map<string, number>();
  for (const l of page.lines) angleOfLine.set(l.id, l.angle);
  const seq: PageSeq = {
    page,
    chars: [],
    text: "",
    boxes: [],
    symText: [],
    angles: [],
    symWord: [],
    wordChars: [],
    wordIndex: new Map(),
  };
  const parts: string[] = [];
  page.words.forEach((w, wi) => {
    seq.wordIndex.set(w.id, wi);
    const angle = angleOfLine.get(w.lineId) ?? 0;
    const first = seq.chars.length;
    for (const s of symbolBoxes(w.text, w.box, w.symbols)) {
      const sym = seq.boxes.length;
      seq.boxes.push(s.box);
      seq.symText.push(s.text);
      seq.angles.push(angle);
      seq.symWord.push(wi);
      for (const c of foldChar(s.text)) {
        seq.chars.push({ ch: c, sym, word: wi, wordStart: false, wordEnd: false });
        parts.push(c);
      }
    }
    const last = seq.chars.length - 1;
    if (last >= first) {
      seq.chars[first]!.wordStart = true;
      seq.chars[last]!.wordEnd = true;
      seq.wordChars.push([first, last]);
    } else seq.wordChars.push(null);
  });
  seq.text = parts.join("");
  cache.set(page, seq);
  return seq;
}
