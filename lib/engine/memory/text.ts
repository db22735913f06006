import type { Box, OcrPage, OcrWord } from "../types";
import { cy, linesOf, share, spanBox } from "./page";
import { fold } from "./types";

/** Where a remembered text is printed again: the words of its best approximate occurrence. */
export interface TextHit {
  page: number;
  words: OcrWord[];
  box: Box;
  /** 1 − edit distance / length of the remembered text (folded). */
  similarity: number;
}

/**
 * The least similarity at which a remembered text counts as printed again, by its folded length:
 * OCR misreads a letter or two of a long name or address from one scan to the next, while a
 * short text that differs by one letter may be another word altogether.
 */
export function minSimilarity(length: number): number {
  if (length < 6) return 1;
  if (length < 12) return 0.9;
  return 0.8;
}

/**
 * Best approximate occurrence of `want` (folded) inside `chars` (folded, one entry per character):
 * the whole of `want` against any substring (free start and end), unit edit costs.
 */
function semiGlobal(want: string, chars: string[]): { dist: number; start: number; end: number } {
  const m = want.length;
  const n = chars.length;
  let prev = new Array<number>(n + 1).fill(0);
  let prevStart = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    const curStart = new Array<number>(n + 1);
    cur[0] = i;
    curStart[0] = 0;
    const c = want[i - 1];
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + (chars[j - 1] === c ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      if (sub <= del && sub <= ins) {
        cur[j] = sub;
        curStart[j] = prevStart[j - 1]!;
      } else if (del <= ins) {
        cur[j] = del;
        curStart[j] = prevStart[j]!;
      } else {
        cur[j] = ins;
        curStart[j] = curStart[j - 1]!;
      }
    }
    prev = cur;
    prevStart = curStart;
  }
  let end = 0;
  for (let j = 1; j <= n; j++) if (prev[j]! < prev[end]!) end = j;
  return { dist: prev[end]!, start: prevStart[end]!, end };
}

/**
 * The longest run of consecutive edits in the best alignment of `want` inside chars[start, end):
 * OCR misreads a letter here and there, while another branch's address or another product's name
 * differs in a whole run of letters.
 */
export function longestEditRun(want: string, chars: string[]): number {
  const m = want.length;
  const n = chars.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (j === 0 ? i : i === 0 ? j : 0)));
  for (let i = 1; i <= m; i++)
    for (let j = 1; j <= n; j++) d[i]![j] = Math.min(d[i - 1]![j - 1]! + (chars[j - 1] === want[i - 1] ? 0 : 1), d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
  let i = m;
  let j = n;
  let run = 0;
  let longest = 0;
  while (i > 0 || j > 0) {
    const here = d[i]![j]!;
    let edit: boolean;
    if (i > 0 && j > 0 && here === d[i - 1]![j - 1]! + (chars[j - 1] === want[i - 1] ? 0 : 1)) {
      edit = chars[j - 1] !== want[i - 1];
      i--;
      j--;
    } else if (i > 0 && here === d[i - 1]![j]! + 1) {
      edit = true;
      i--;
    } else {
      edit = true;
      j--;
    }
    run = edit ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** A run of this many consecutive edits is a different text, not misread letters. */
const MAX_EDIT_RUN = 4;

/**
 * Every place a remembered text (a supplier's name, its address, an id) is printed again on the
 * pages, over up to `lines` consecutive lines, at `minSimilarity` or better and without a run of
 * MAX_EDIT_RUN edits, best first. OCR misreads cost a letter each; case, spacing and punctuation
 * cost nothing (folded text).
 * `near` (page shares) breaks ties between equally good places in favour of the remembered one.
 */
export function findText(
  pages: OcrPage[],
  text: string,
  lines: number,
  near?: { x0: number; cy: number },
  /** a lower similarity floor and no edit-run limit (a heavy misread), for a caller that checks the place itself. */
  relaxed?: { floor: number },
): TextHit[] {
  const want = fold(text);
  const floor = relaxed?.floor ?? minSimilarity(want.length);
  const hits: Array<TextHit & { d: number }> = [];
  for (const page of pages) {
    const all = linesOf(page);
    for (let i = 0; i < all.length; i++) {
      for (let k = 1; k <= lines && i + k <= all.length; k++) {
        const block = all.slice(i, i + k);
        const chars: string[] = [];
        const owner: OcrWord[] = [];
        for (const line of block)
          for (const w of line)
            for (const ch of fold(w.text)) {
              chars.push(ch);
              owner.push(w);
            }
        // A block far longer than the text holds it as well as a shorter one; only blocks that can start with it count.
        if (chars.length < want.length * floor) continue;
        const { dist, start, end } = semiGlobal(want, chars);
        const similarity = 1 - dist / want.length;
        if (similarity < floor || end <= start) continue;
        if (!relaxed && dist >= MAX_EDIT_RUN && longestEditRun(want, chars.slice(start, end)) >= MAX_EDIT_RUN) continue;
        // The occurrence must use every line of the block (else a smaller block holds it).
        const words = [...new Set(owner.slice(start, end))];
        if (!block.every((line) => line.some((w) => words.includes(w)))) continue;
        const box = spanBox(words);
        const d = near ? Math.abs(share(cy(box)) - near.cy) + Math.abs(share(box.x0) - near.x0) : 0;
        hits.push({ page: page.index, words, box, similarity, d });
      }
    }
  }
  return hits.sort((a, b) => b.similarity - a.similarity || a.d - b.d).map(({ d: _, ...h }) => h);
}

/** Compared as printed: NFKC, upper case (case is the casing convention's), whitespace runs as one space. */
const squeeze = (t: string) => t.normalize("NFKC").toUpperCase().replace(/\s+/gu, " ").trim();
const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The reviewer's text is the page's words as printed, in case aside: words one space apart, and where the page breaks
 * the line the reviewer may type a comma, a semicolon or a dot before the space (an address typed on one line).
 */
export function spelledAsPrinted(text: string, words: readonly OcrWord[]): boolean {
  const lines: string[][] = [];
  let last: string | undefined;
  for (const w of words) {
    if (w.lineId !== last) lines.push([]);
    last = w.lineId;
    lines[lines.length - 1]!.push(literal(squeeze(w.text)));
  }
  const pattern = lines.map((l) => l.join(" ")).join("[,;.]? ?");
  return new RegExp(`^${pattern}$`, "u").test(squeeze(text));
}

const skeleton = (t: string) => t.normalize("NFKC").replace(/[\p{L}\p{N}]+/gu, "x");

/**
 * The reviewer's spacing and punctuation are the page's, its letters and digits aside (a misread letter, "AEDN" for
 * "AEON", says nothing about whether the reviewer typed the dots and spaces the page printed).
 */
export function punctuatedAsPrinted(text: string, words: readonly OcrWord[]): boolean {
  return spelledAsPrinted(
    skeleton(text),
    words.map((w) => ({ ...w, text: skeleton(w.text) })),
  );
}
