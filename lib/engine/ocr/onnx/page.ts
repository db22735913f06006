/**
 * Recognized lines → the engine's OcrPage (words, symbols, lines, confidences on the
 * 0–1000 grid), so layout, matcher and extractors read the ONNX reader like tesseract.
 */
import type { Box, OcrLine, OcrPage, OcrSymbol, OcrWord, Point, Quad } from "../../types";
import { inkSpan, type LineInk } from "./ink";
import { type CtcChar, onQuad } from "./rec";

/** One detected and read line: its quad in image pixels, its characters and (when asked for) its strip's ink. */
export interface ReadLine {
  quad: Quad;
  height: number;
  chars: CtcChar[];
  /** words' and symbols' boxes are tightened to this ink (ink.ts); the line's full height without it. */
  ink?: LineInk | null;
}

const boxOf = (pts: Point[]): Box => ({
  x0: Math.min(...pts.map((p) => p.x)),
  y0: Math.min(...pts.map((p) => p.y)),
  x1: Math.max(...pts.map((p) => p.x)),
  y1: Math.max(...pts.map((p) => p.y)),
});

/** Build the page; `width`×`height` is the image the quads are in. */
export function pageFromLines(read: ReadLine[], meta: { index: number; width: number; height: number; language: string }): OcrPage {
  const g = (p: Point): Point => ({ x: (p.x / meta.width) * 1000, y: (p.y / meta.height) * 1000 });
  const sub = (q: Quad, s: { u0: number; u1: number; v0: number; v1: number }): Quad =>
    [onQuad(q, s.u0, s.v0), onQuad(q, s.u1, s.v0), onQuad(q, s.u1, s.v1), onQuad(q, s.u0, s.v1)].map(g) as Quad;
  // Rows: detected pieces of one printed row (a label left, its amount right) become one
  // line, as tesseract's lines are, ordered along the row (see `rowsOf`).
  const rows = rowsOf(read.filter((l) => l.chars.some((c) => c.text.trim())));
  const words: OcrWord[] = [];
  const lines: OcrLine[] = [];
  const angles: number[] = [];
  for (const row of rows) {
    const lineId = `l${lines.length}`;
    const wordIds: string[] = [];
    for (const l of row) {
      const [tl, tr] = l.quad;
      angles.push((Math.atan2(tr.y - tl.y, tr.x - tl.x) * 180) / Math.PI);
      // Words: split at spaces and at gaps wider than the line's height (a column gap the
      // recogniser read without a space).
      let cur: CtcChar[] = [];
      const flush = () => {
        if (cur.length === 0) return;
        const u0 = cur[0]!.u0;
        const u1 = cur[cur.length - 1]!.u1;
        const quad = sub(l.quad, inkSpan(l.ink, u0, u1));
        const symbols: OcrSymbol[] = cur.map((c) => ({ text: c.text, box: boxOf(sub(l.quad, inkSpan(l.ink, c.u0, c.u1))), conf: c.conf }));
        const conf = cur.reduce((a, c) => a + c.conf, 0) / cur.length;
        const id = `w${words.length}`;
        words.push({ id, text: cur.map((c) => c.text).join(""), box: boxOf(quad), quad, conf, symbols, lineId });
        wordIds.push(id);
        cur = [];
      };
      const len = Math.hypot(tr.x - tl.x, tr.y - tl.y) || 1;
      for (const c of l.chars) {
        if (!c.text.trim()) {
          flush();
          continue;
        }
        const prev = cur[cur.length - 1];
        if (prev && (c.u0 - prev.u1) * len > l.height) flush();
        cur.push(c);
      }
      flush();
    }
    if (wordIds.length === 0) continue;
    const box = boxOf(
      wordIds.flatMap((id) => {
        const w = words[Number(id.slice(1))]!;
        return [
          { x: w.box.x0, y: w.box.y0 },
          { x: w.box.x1, y: w.box.y1 },
        ];
      }),
    );
    const a = row.map((l) => Math.atan2(l.quad[1].y - l.quad[0].y, l.quad[1].x - l.quad[0].x));
    lines.push({ id: lineId, wordIds, box, angle: ((a.reduce((s, x) => s + x, 0) / a.length) * 180) / Math.PI });
  }
  angles.sort((x, y) => x - y);
  return {
    index: meta.index,
    width: meta.width,
    height: meta.height,
    rotation: 0,
    skew: angles[Math.floor(angles.length / 2)] ?? 0,
    language: meta.language,
    source: "other",
    words,
    lines,
  };
}

/** A piece's centreline: centre, unit direction along the text, and height (image px). */
function axis(l: ReadLine) {
  const [tl, tr, br, bl] = l.quad;
  const a = { x: (tl.x + bl.x) / 2, y: (tl.y + bl.y) / 2 };
  const b = { x: (tr.x + br.x) / 2, y: (tr.y + br.y) / 2 };
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  return { cx: (a.x + b.x) / 2, cy: (a.y + b.y) / 2, ux: (b.x - a.x) / len, uy: (b.y - a.y) / len, len, h: Math.max(1, l.height) };
}

/**
 * Pieces grouped into printed rows. On a tilted photo a long line's upright bounding box
 * spans several rows, so rows are judged along each piece's own baseline: two pieces share
 * a row when their centres lie within a third of a line height across the longer one's
 * direction. Rows come out top to bottom across the page's mean direction, pieces along it.
 */
export function rowsOf(read: ReadLine[]): ReadLine[][] {
  const ax = read.map(axis);
  // The page's direction: the length-weighted mean of the pieces' directions. A short
  // piece ("1", "€") has no reliable direction of its own and takes the page's.
  let pux = 0;
  let puy = 0;
  for (const a of ax) {
    const w = a.len / a.h;
    pux += a.ux * w;
    puy += a.uy * w;
  }
  const pn = Math.hypot(pux, puy) || 1;
  pux /= pn;
  puy /= pn;
  for (const a of ax) {
    if (a.len < 4 * a.h) {
      a.ux = pux;
      a.uy = puy;
    }
  }
  const [ux, uy] = [pux, puy];
  const along = (i: number) => ax[i]!.cx * ux + ax[i]!.cy * uy;
  const acrossOf = (i: number) => -ax[i]!.cx * uy + ax[i]!.cy * ux;
  // Pairs close enough to share a row, the closest first.
  const pairs: { i: number; j: number; across: number }[] = [];
  for (let i = 0; i < read.length; i++) {
    const a = ax[i]!;
    for (let j = i + 1; j < read.length; j++) {
      const b = ax[j]!;
      // Across the longer piece's direction: the offset between the two centres.
      const { ux: dx, uy: dy } = a.len >= b.len ? a : b;
      const across = Math.abs(-(b.cx - a.cx) * dy + (b.cy - a.cy) * dx);
      if (across < 0.35 * Math.min(a.h, b.h) && Math.abs(a.h - b.h) < 0.6 * Math.max(a.h, b.h)) pairs.push({ i, j, across });
    }
  }
  pairs.sort((p, q) => p.across - q.across);
  // A printed row never holds two pieces side by side over the same span: two groups whose pieces overlap along the
  // page by more than half the shorter one are two rows, however a third piece chains them. On a tilted photo a
  // piece's direction carried across the page (a label's to an amount 400 px away) is off by a degree or so, enough to
  // reach the row above and the row below; an address's two lines then came out as one, word by word interleaved.
  const members = read.map((_, i) => [i]);
  const parent = [...read.keys()];
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const beside = (p: number, q: number) => {
    const [a, b] = [ax[p]!, ax[q]!];
    const overlap = Math.min(along(p) + a.len / 2, along(q) + b.len / 2) - Math.max(along(p) - a.len / 2, along(q) - b.len / 2);
    return overlap > 0.5 * Math.min(a.len, b.len);
  };
  for (const { i, j } of pairs) {
    const [ri, rj] = [find(i), find(j)];
    if (ri === rj || members[ri]!.some((p) => members[rj]!.some((q) => beside(p, q)))) continue;
    parent[rj] = ri;
    members[ri]!.push(...members[rj]!);
    members[rj] = [];
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < read.length; i++) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.values()]
    .map((g) => ({ g: g.sort((x, y) => along(x) - along(y)), v: g.reduce((s, i) => s + acrossOf(i), 0) / g.length }))
    .sort((x, y) => x.v - y.v)
    .map(({ g }) => g.map((i) => read[i]!));
}
