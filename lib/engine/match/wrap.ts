import type { OcrPage } from "../types";
import { type Located, locateLine, type Priors } from "./locate";
import { foldText } from "./text";

/**
 * Soft-wrapped values: a long description wraps inside its table cell, and its text has no
 * line break where the page has one. In reading order the rest of the row (quantity,
 * prices) sits between the two halves, so as one line the value only matches with a long
 * gap and a box that runs into the next columns. Here the value is split at word
 * boundaries (any character for CJK text without spaces) into pieces that are each found
 * on their own line, every piece just below the previous one and starting inside its
 * horizontal extent; the split wins only when it saves more than a whole edit per extra line.
 */

/** An extra printed line must save more than this many edits over the one-line occurrence. */
const PER_LINE = 1;
const MAX_LINES = 4;
/** Pieces of the first split that are tried (best first); deeper levels take the best only. */
const FIRST_TRIES = 3;

interface Wrapped {
  lines: Located[];
  cost: number;
}

/** Split positions: after each space, or after every character of a CJK run without spaces. */
function cuts(text: string): number[] {
  const chars = [...text];
  const out: number[] = [];
  const spaced = /\s/u.test(text);
  let pos = 0;
  for (let i = 0; i < chars.length - 1; i++) {
    pos += chars[i]!.length;
    if (spaced ? /\s/u.test(chars[i]!) : i >= 1 && i < chars.length - 2) out.push(pos);
  }
  return out;
}

/** Whether `next` sits on a following line of the same block as `prev` (0–1000 grid). */
function follows(prev: Located, next: Located): boolean {
  const lh = Math.max(2, prev.box.y1 - prev.box.y0);
  const dy = next.box.y0 - prev.box.y0;
  if (dy < lh * 0.5 || dy > lh * 2.5) return false;
  return next.box.x0 >= prev.box.x0 - lh * 2 && next.box.x0 <= prev.box.x1;
}

/** Whether a located piece covers its text well enough to anchor a line of the value. */
function solid(l: Located, text: string): boolean {
  const n = [...foldText(text)].length;
  return n > 0 && l.matched / (n + (l.length - n)) >= 0.8;
}

function split(text: string, pageIdx: number, page: OcrPage, pr: Priors, prev: Located | undefined, depth: number): Wrapped | undefined {
  const below = prev ? { x: prev.box.x0, y: prev.box.y1, lineHeight: prev.box.y1 - prev.box.y0 } : pr.below;
  const here: Priors = { ...pr, ...(below ? { below } : {}) };
  let best: Wrapped | undefined;
  for (const at of cuts(text)) {
    const head = text.slice(0, at).trim();
    const tail = text.slice(at).trim();
    if (!foldText(head) || !foldText(tail)) continue;
    const heads = locateLine(head, pageIdx, page, here)
      .filter((l) => solid(l, head) && (!prev || follows(prev, l)))
      .slice(0, depth === 0 ? FIRST_TRIES : 1);
    for (const h of heads) {
      const tails = locateLine(tail, pageIdx, page, { ...pr, below: { x: h.box.x0, y: h.box.y1, lineHeight: h.box.y1 - h.box.y0 } });
      const t = tails.find((l) => follows(h, l) && solid(l, tail));
      let rest: Wrapped | undefined = t ? { lines: [t], cost: t.score } : undefined;
      if (depth + 2 < MAX_LINES && (!t || t.textScore > 0)) {
        const deeper = split(tail, pageIdx, page, pr, h, depth + 1);
        if (deeper && (!rest || deeper.cost < rest.cost)) rest = deeper;
      }
      if (!rest) continue;
      const cand = { lines: [h, ...rest.lines], cost: h.score + rest.cost + PER_LINE };
      if (!best || cand.cost < best.cost) best = cand;
    }
  }
  return best;
}

/**
 * The value line as two or more printed lines, or undefined when no split beats `single`
 * (the best one-line occurrence) by more than an edit per extra line.
 */
export function locateWrapped(text: string, pageIdx: number, page: OcrPage, pr: Priors, single: Located | undefined): Located[] | undefined {
  // Every extra line costs PER_LINE: a one-line occurrence this good cannot be beaten.
  if (single && single.score <= PER_LINE) return undefined;
  const w = split(text, pageIdx, page, pr, undefined, 0);
  if (!w) return undefined;
  return !single || w.cost < single.score ? w.lines : undefined;
}
