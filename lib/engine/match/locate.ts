import type { RawValue } from "../extract/types";
import type { Box, OcrPage } from "../types";
import { codes, findOccurrences, type Occurrence } from "./align";
import { midY, unionBox } from "./geometry";
import { foldText, type PageSeq, pageSeq } from "./text";

/**
 * Locating one line of a value on one page: every approximate occurrence is scored by
 * edit cost, word-boundary fit and geometric priors (validated word-id hint, row band,
 * column band, "just below the previous line"), and the best one wins.
 */

/** Geometric preferences for choosing among occurrences (all on the 0–1000 grid). */
export interface Priors {
  /** symbol indices of the validated hint words. */
  hintSyms?: Set<number>;
  /** the value's row: a y range. */
  rowBand?: [number, number];
  /** the value's column: an x range. */
  colBand?: [number, number];
  /** expected position of the line's top-left (multi-line values: below the previous line). */
  below?: { x: number; y: number; lineHeight: number };
  /** places other cells of the same row already took (a row printing "2.00 @ 2.00"). */
  avoid?: Box[];
}

/** One scored occurrence of a value line. */
export interface Located {
  page: number;
  /** symbol indices (PageSeq.boxes) of exactly matched characters. */
  syms: number[];
  box: Box;
  matched: number;
  /** value characters plus page characters skipped inside the occurrence. */
  length: number;
  /** cost + boundary penalty, without geometry: equal values mean "looks the same". */
  textScore: number;
  score: number;
  /** how much of the occurrence lies on the hint words (0–1). */
  hintOverlap: number;
  /** how many other occurrences scored equally on text alone. */
  rivals: number;
}

const BOUNDARY = 0.35;

function geoPenalty(box: Box, syms: number[], pr: Priors): { pen: number; overlap: number } {
  let pen = 0;
  let overlap = 0;
  if (pr.hintSyms && pr.hintSyms.size > 0) {
    let inside = 0;
    for (const s of syms) if (pr.hintSyms.has(s)) inside++;
    overlap = syms.length > 0 ? inside / syms.length : 0;
    pen += (1 - overlap) * 1.5;
  }
  if (pr.rowBand) {
    const y = midY(box);
    const [a, b] = pr.rowBand;
    const dist = y < a ? a - y : y > b ? y - b : 0;
    if (dist > 0) pen += 0.8 + Math.min(1, dist / 50);
  }
  if (pr.colBand) {
    const [a, b] = pr.colBand;
    const dist = box.x1 < a ? a - box.x1 : box.x0 > b ? box.x0 - b : 0;
    if (dist > 0) pen += 0.5 + Math.min(0.5, dist / 200);
  }
  if (pr.below) {
    const dy = box.y0 - pr.below.y;
    const dx = Math.abs(box.x0 - pr.below.x);
    const lh = Math.max(4, pr.below.lineHeight);
    // The next printed line starts within a few line heights below and roughly aligned.
    if (dy < -lh * 0.5 || dy > lh * 4) pen += 1.2;
    else pen += Math.min(0.6, (Math.max(0, dy - lh * 1.5) / lh) * 0.3);
    pen += Math.min(0.8, dx / 150);
  }
  if (pr.avoid?.some((b) => overlapShare(box, b) > 0.5)) pen += 2;
  return { pen, overlap };
}

/** Share of the smaller box that two boxes have in common. */
export function overlapShare(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  const area = (x: Box) => Math.max(1e-9, (x.x1 - x.x0) * (x.y1 - x.y0));
  return (w * h) / Math.min(area(a), area(b));
}

/** All scored occurrences of one value line on one page, best first. */
export function locateLine(text: string, pageIdx: number, page: OcrPage, pr: Priors, limit = 400): Located[] {
  const p = codes(foldText(text));
  if (p.length === 0) return [];
  const seq = pageSeq(page);
  const t = seqCodes(seq);
  // Seeded fast path: values copied from the page occur verbatim (after folding), and then
  // the exact occurrences are all the candidates worth scoring; the DP runs only for the rest.
  const occ = exactOccurrences(foldText(text), seq, limit) ?? findOccurrences(p, t, Math.floor(p.length * 0.5), limit);
  const out: Located[] = [];
  for (const o of occ) {
    if (o.matched.length === 0) continue;
    const syms = [...new Set(o.matched.map((i) => seq.chars[i]!.sym))];
    const box = unionBox(syms.map((s) => seq.boxes[s]!))!;
    const first = seq.chars[o.start]!;
    const lastC = seq.chars[o.end]!;
    // Unmatched value chars at the edges count as edits already; here only the fit to words.
    const textScore = o.cost + (first.wordStart ? 0 : BOUNDARY) + (lastC.wordEnd ? 0 : BOUNDARY);
    const g = geoPenalty(box, syms, pr);
    out.push({
      page: pageIdx,
      syms,
      box,
      matched: o.matched.length,
      length: p.length + o.inserted,
      textScore,
      score: textScore + g.pen,
      hintOverlap: g.overlap,
      rivals: 0,
    });
  }
  out.sort((a, b) => a.score - b.score || a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  const best = out[0];
  if (best) best.rivals = out.filter((o) => o !== best && Math.abs(o.textScore - best.textScore) < 1e-9).length;
  return out;
}

/** Every exact occurrence of a folded value, or undefined when there is none (or astral text). */
function exactOccurrences(folded: string, seq: PageSeq, limit: number): Occurrence[] | undefined {
  if (seq.text.length !== seq.chars.length || folded.length === 0) return undefined;
  const out: Occurrence[] = [];
  for (let at = seq.text.indexOf(folded); at >= 0 && out.length < limit; at = seq.text.indexOf(folded, at + 1)) {
    const matched = Array.from({ length: folded.length }, (_, k) => at + k);
    out.push({ start: at, end: at + folded.length - 1, cost: 0, matched, inserted: 0 });
  }
  return out.length > 0 ? out : undefined;
}

const codeCache = new WeakMap<PageSeq, Int32Array>();
function seqCodes(seq: PageSeq): Int32Array {
  let c = codeCache.get(seq);
  if (!c) {
    c = Int32Array.from(seq.chars.map((ch) => ch.ch.codePointAt(0)!));
    codeCache.set(seq, c);
  }
  return c;
}

/**
 * Symbol indices of the extractor's word ids, or undefined when the ids do not hold
 * together: unknown ids, words spread over more lines than the value has, or a
 * horizontal scatter no printed value has (a model naming ids from different rows).
 */
export function validateHint(raw: RawValue, page: OcrPage, rowBand?: [number, number]): Set<number> | undefined {
  const ids = raw.wordIds;
  if (!ids || ids.length === 0) return undefined;
  const seq = pageSeq(page);
  const words = ids.map((id) => seq.wordIndex.get(id));
  if (words.some((w) => w === undefined)) return undefined;
  const ws = words.map((w) => page.words[w!]!);
  const lines = new Set(ws.map((w) => w.lineId));
  const valueLines = raw.text.split("\n").length;
  if (lines.size > valueLines + 1) return undefined;
  const box = unionBox(ws.map((w) => w.box))!;
  const h = Math.max(...ws.map((w) => w.box.y1 - w.box.y0));
  if (box.y1 - box.y0 > h * (valueLines + 1.5) + 2) return undefined;
  if (rowBand) {
    const y = midY(box);
    const pad = Math.max(5, (rowBand[1] - rowBand[0]) * 0.5);
    if (y < rowBand[0] - pad || y > rowBand[1] + pad) return undefined;
  }
  const syms = new Set<number>();
  seq.symWord.forEach((w, s) => {
    if (words.includes(w)) syms.add(s);
  });
  return syms;
}
