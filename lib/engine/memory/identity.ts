import type { OcrPage } from "../types";
import { linesOf } from "./page";
import { fold } from "./types";

/**
 * A supplier's letterhead as a fingerprint: the folded text of the first lines of its first page
 * (name, legal form, address, phone, tax number). It recognises the supplier again when the
 * engine misreads or misses its name: OCR misreads cost a few character trigrams, not the match.
 */
const HEAD_LINES = 8;

/** The folded text of the first page's first lines (top to bottom), one entry per line with letters or digits. */
export function letterhead(pages: readonly OcrPage[]): string[] {
  const page = pages[0];
  if (!page) return [];
  const lines = linesOf(page)
    .map((ws) => ({ y: Math.min(...ws.map((w) => w.box.y0)), text: fold(ws.map((w) => w.text).join(" ")) }))
    .filter((l) => l.text.length >= 3)
    .sort((a, b) => a.y - b.y);
  return lines.slice(0, HEAD_LINES).map((l) => l.text);
}

function trigrams(lines: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) for (let i = 0; i + 3 <= l.length; i++) out.add(l.slice(i, i + 3));
  return out;
}

/** Dice coefficient of the two letterheads' character trigrams (1 = the same text, 0 = nothing in common). */
export function letterheadSimilarity(a: readonly string[], b: readonly string[]): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let both = 0;
  for (const t of ta) if (tb.has(t)) both++;
  return (2 * both) / (ta.size + tb.size);
}
