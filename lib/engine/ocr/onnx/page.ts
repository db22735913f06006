/**
 * Recognized lines → the engine's OcrPage (words, symbols, lines, confidences on the
 * 0–1000 grid), so layout, matcher and extractors read the ONNX reader like tesseract.
 */
import type { Box, OcrLine, OcrPage, OcrSymbol, OcrWord, Point, Quad } from "../../types";
import { type CtcChar, onQuad } from "./rec";

/** One detected and read line: its quad in image pixels and its characters. */
export interface ReadLine {
  quad: Quad;
  height: number;
  chars: CtcChar[];
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
  const sub = (q: Quad, u0: number, u1: number): Quad => [onQuad(q, u0, 0), onQuad(q, u1, 0), onQuad(q, u1, 1), onQuad(q, u0, 1)].map(g) as Quad;
  // Rows: detected pieces of one printed row (a label left, its amount right) become one
  // line, as tesseract's lines are, ordered left to right.
  const items = read
    .filter((l) => l.chars.some((c) => c.text.trim()))
    .map((l) => {
      const b = boxOf(l.quad);
      return { l, b, cy: (b.y0 + b.y1) / 2 };
    })
    .sort((a, b) => a.cy - b.cy);
  const rows: (typeof items)[] = [];
  for (const it of items) {
    const row = rows[rows.length - 1];
    const last = row?.[row.length - 1];
    const overlap = last ? Math.min(last.b.y1, it.b.y1) - Math.max(last.b.y0, it.b.y0) : 0;
    if (row && last && overlap > 0.5 * Math.min(last.b.y1 - last.b.y0, it.b.y1 - it.b.y0)) row.push(it);
    else rows.push([it]);
  }
  const words: OcrWord[] = [];
  const lines: OcrLine[] = [];
  const angles: number[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.b.x0 - b.b.x0);
    const lineId = `l${lines.length}`;
    const wordIds: string[] = [];
    for (const { l } of row) {
      const [tl, tr] = l.quad;
      angles.push((Math.atan2(tr.y - tl.y, tr.x - tl.x) * 180) / Math.PI);
      // Words: split at spaces and at gaps wider than the line's height (a column gap the
      // recogniser read without a space).
      let cur: CtcChar[] = [];
      const flush = () => {
        if (cur.length === 0) return;
        const u0 = cur[0]!.u0;
        const u1 = cur[cur.length - 1]!.u1;
        const quad = sub(l.quad, u0, u1);
        const symbols: OcrSymbol[] = cur.map((c) => ({ text: c.text, box: boxOf(sub(l.quad, c.u0, c.u1)), conf: c.conf }));
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
    const a = row.map(({ l }) => Math.atan2(l.quad[1].y - l.quad[0].y, l.quad[1].x - l.quad[0].x));
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
