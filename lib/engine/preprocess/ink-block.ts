/**
 * The printed block on a white page: a till receipt scanned or pasted small on an A4-shaped page is a narrow tall
 * block of ink in the middle of white paper, the page itself not tall. The paper finders (document.ts, paper.ts) look
 * for bright paper against a darker background and see only the white page here; this looks at the ink instead.
 */
import type { Grey } from "./raster";
import type { Rect } from "./segment";

export interface InkBlockOptions {
  /** grey level under which a pixel is ink (default 160: print, not the paper's grain or a light shadow). */
  threshold?: number;
  /** ink pixels from which a row or column is inked: a speck of dust is not (default 2). */
  minInk?: number;
  /** widest blank gap, as a share of the side, inside one block's columns (default 0.04) and rows (default 0.08). */
  colGap?: number;
  rowGap?: number;
}

/** A printed block and the share of the page's ink inside it. */
export interface InkRect extends Rect {
  share: number;
}

/** Runs of inked indices, gaps up to `gap` bridged: [start, end] inclusive with their ink. */
function runs(profile: Uint32Array, minInk: number, gap: number): { a: number; b: number; ink: number }[] {
  const out: { a: number; b: number; ink: number }[] = [];
  let cur: { a: number; b: number; ink: number } | null = null;
  for (let i = 0; i < profile.length; i++) {
    const v = profile[i] ?? 0;
    if (v < minInk) continue;
    if (cur && i - cur.b - 1 <= gap) {
      cur.b = i;
      cur.ink += v;
    } else {
      cur = { a: i, b: i, ink: v };
      out.push(cur);
    }
  }
  return out;
}

const inkiest = <T extends { ink: number }>(rs: T[]): T | null => rs.reduce<T | null>((m, r) => (!m || r.ink > m.ink ? r : m), null);

/**
 * Bounding box (image pixels, exclusive ends) of the main printed block: the inkiest run of inked columns (a scanner's
 * dark edge or a punched hole beside it is another run), then the inkiest run of inked rows within those columns, then
 * the columns again within those rows. Null on a blank page.
 */
export function inkBlock(img: Grey, opts: InkBlockOptions = {}): InkRect | null {
  const thr = opts.threshold ?? 160;
  const minInk = opts.minInk ?? 2;
  const { width: w, height: h, data } = img;
  const cols = (y0: number, y1: number, x0: number, x1: number) => {
    const p = new Uint32Array(w);
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if ((data[y * w + x] ?? 255) < thr) p[x]!++;
    return p;
  };
  const rows = (x0: number, x1: number) => {
    const p = new Uint32Array(h);
    for (let y = 0; y < h; y++) for (let x = x0; x < x1; x++) if ((data[y * w + x] ?? 255) < thr) p[y]!++;
    return p;
  };
  const colGap = Math.round((opts.colGap ?? 0.04) * w);
  const rowGap = Math.round((opts.rowGap ?? 0.08) * h);
  const colRuns = runs(cols(0, h, 0, w), minInk, colGap);
  const c = inkiest(colRuns);
  if (!c) return null;
  const r = inkiest(runs(rows(c.a, c.b + 1), minInk, rowGap));
  if (!r) return null;
  const c2 = inkiest(runs(cols(r.a, r.b + 1, c.a, c.b + 1), minInk, colGap)) ?? c;
  let all = 0;
  for (const v of data) if (v < thr) all++;
  // A scanner's dark edge is no other print on the page: a thin run of columns or rows at the border.
  const edge = (rs: { a: number; b: number; ink: number }[], side: number, gap: number) =>
    rs.filter((q) => q !== c && (q.a === 0 || q.b === side - 1) && q.b - q.a < gap).reduce((s, q) => s + q.ink, 0);
  all = Math.max(c2.ink, all - edge(colRuns, w, colGap) - edge(runs(rows(0, w), minInk, rowGap), h, colGap));
  return { x0: c2.a, y0: r.a, x1: c2.b + 1, y1: r.b + 1, share: all ? c2.ink / all : 0 };
}
