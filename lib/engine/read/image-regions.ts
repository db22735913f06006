/**
 * Where a page read from its text layer holds printed text the layer lacks: text inside an embedded image (a
 * letterhead or a footer pasted in as a picture), or drawn as outlines. Pure pixels: the page image in grey, the
 * boxes the text layer covers → the rectangles whose ink is laid out like lines of letters (data in, data out).
 *
 * Ink is every dark pixel outside the text layer's boxes. Its connected components are kept as glyphs when they are
 * letter-sized and letter-shaped (rules, frames, filled panels and specks are not); glyphs side by side at one
 * height make a line; lines of at least a few glyphs, stacked close, make a region. A barcode's bars are glyph-sized
 * but far taller than wide: a line of them is no text. A logo's mark is a lone shape: no line.
 */
import { unionBox } from "../geometry";
import type { Grey } from "../preprocess/raster";

/** A pixel rectangle, x1/y1 exclusive. */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Grey level under which a pixel is ink: black and the usual coloured print (red, blue links) fall below it. */
const DARK = 160;
/** More components than this: a photo or a halftone, not a page of print (the page keeps its text layer alone). */
const MAX_COMPONENTS = 60_000;
/** Fewest glyphs a line holds to count as text ("IBAN", "Tel."). */
const MIN_GLYPHS = 3;

interface Comp {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  n: number;
}

/**
 * Mark the covered rectangles (the text layer's words, grown a little: fonts' ink spills past their metrics), and
 * everything outside `within` when it is given (the images the PDF paints).
 */
function coveredMask(w: number, h: number, covered: PixelRect[], within?: PixelRect[]): Uint8Array {
  const m = new Uint8Array(w * h);
  if (within) {
    m.fill(1);
    for (const r of within) {
      const [x0, x1] = [Math.max(0, Math.floor(r.x0) - 1), Math.min(w, Math.ceil(r.x1) + 1)];
      const [y0, y1] = [Math.max(0, Math.floor(r.y0) - 1), Math.min(h, Math.ceil(r.y1) + 1)];
      for (let y = y0; y < y1; y++) if (x1 > x0) m.fill(0, y * w + x0, y * w + x1);
    }
  }
  for (const r of covered) {
    const pad = Math.max(2, Math.round((r.y1 - r.y0) * 0.3));
    const [x0, x1] = [Math.max(0, Math.floor(r.x0 - pad)), Math.min(w, Math.ceil(r.x1 + pad))];
    const [y0, y1] = [Math.max(0, Math.floor(r.y0 - pad)), Math.min(h, Math.ceil(r.y1 + pad))];
    for (let y = y0; y < y1; y++) m.fill(1, y * w + x0, y * w + x1);
  }
  return m;
}

/** 8-connected components of the uncovered ink; null when there are too many to be print. */
function components(img: Grey, covered: Uint8Array): Comp[] | null {
  const { width: w, height: h, data } = img;
  const seen = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  const out: Comp[] = [];
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || covered[start] || (data[start] ?? 255) >= DARK) continue;
    const c: Comp = { x0: w, y0: h, x1: 0, y1: 0, n: 0 };
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % w;
      const y = (p - x) / w;
      c.n++;
      if (x < c.x0) c.x0 = x;
      if (x >= c.x1) c.x1 = x + 1;
      if (y < c.y0) c.y0 = y;
      if (y >= c.y1) c.y1 = y + 1;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const q = yy * w + xx;
          if (seen[q] || covered[q] || (data[q] ?? 255) >= DARK) continue;
          seen[q] = 1;
          stack[top++] = q;
        }
      }
    }
    out.push(c);
    if (out.length > MAX_COMPONENTS) return null;
  }
  return out;
}

/** A component shaped like a letter at the page's scale: not a speck, a rule, a frame or a filled panel. */
function glyphLike(c: Comp, pageWidth: number): boolean {
  const [w, h] = [c.x1 - c.x0, c.y1 - c.y0];
  // On an A4 page 1 240 px wide: letters 5–75 px tall (≈ 3–36 pt at 150 dpi).
  if (h < 0.004 * pageWidth || h > 0.06 * pageWidth) return false;
  if (w > 15 * h) return false;
  const fill = c.n / (w * h);
  return fill >= 0.08 && fill <= 0.92;
}

/** Glyphs side by side at one height → lines (union-find over neighbours a word gap apart). */
function lines(glyphs: Comp[]): Comp[][] {
  const order = glyphs.map((_, i) => i).sort((a, b) => glyphs[a]!.x0 - glyphs[b]!.x0);
  const parent = glyphs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let a = 0; a < order.length; a++) {
    const g = glyphs[order[a]!]!;
    const gh = g.y1 - g.y0;
    for (let b = a + 1; b < order.length; b++) {
      const k = glyphs[order[b]!]!;
      const kh = k.y1 - k.y0;
      if (k.x0 > g.x1 + 1.2 * Math.max(gh, kh)) break;
      const overlap = Math.min(g.y1, k.y1) - Math.max(g.y0, k.y0);
      if (overlap < 0.5 * Math.min(gh, kh) || Math.max(gh, kh) > 2.5 * Math.min(gh, kh)) continue;
      parent[find(order[a]!)] = find(order[b]!);
    }
  }
  const groups = new Map<number, Comp[]>();
  glyphs.forEach((g, i) => {
    const r = find(i);
    const list = groups.get(r) ?? [];
    list.push(g);
    groups.set(r, list);
  });
  return [...groups.values()];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A line of text: enough glyphs, wider than tall, and letters not bars (a barcode's bars are many heights tall). */
function textLine(line: Comp[]): boolean {
  if (line.length < MIN_GLYPHS) return false;
  const h = median(line.map((g) => g.y1 - g.y0));
  const w = Math.max(...line.map((g) => g.x1)) - Math.min(...line.map((g) => g.x0));
  if (w < 2 * h) return false;
  return median(line.map((g) => (g.y1 - g.y0) / Math.max(1, g.x1 - g.x0))) <= 4;
}

/** Merge line boxes that touch once grown by a line's height: a block of lines is read at once. */
function blocks(boxes: PixelRect[], w: number, h: number): PixelRect[] {
  let out = boxes.map((b) => {
    const p = Math.round(0.6 * (b.y1 - b.y0));
    return { x0: Math.max(0, b.x0 - p), y0: Math.max(0, b.y0 - p), x1: Math.min(w, b.x1 + p), y1: Math.min(h, b.y1 + p) };
  });
  for (let merged = true; merged; ) {
    merged = false;
    const next: PixelRect[] = [];
    for (const b of out) {
      const hit = next.find((o) => b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
      if (hit) {
        Object.assign(hit, { x0: Math.min(hit.x0, b.x0), y0: Math.min(hit.y0, b.y0), x1: Math.max(hit.x1, b.x1), y1: Math.max(hit.y1, b.y1) });
        merged = true;
      } else next.push({ ...b });
    }
    out = next;
  }
  return out.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/**
 * The rectangles of a page image holding lines of printed letters outside the text layer's `covered` boxes (and
 * inside `within`, when given). `pageWidth`: the whole page's when `img` is a part of it (letters are sized by it).
 */
export function uncoveredTextRegions(img: Grey, covered: PixelRect[], within?: PixelRect[], pageWidth = img.width): PixelRect[] {
  const comps = components(img, coveredMask(img.width, img.height, covered, within));
  if (!comps) return [];
  const glyphs = comps.filter((c) => glyphLike(c, pageWidth));
  const textLines = lines(glyphs).filter(textLine).map(unionBox);
  return blocks(textLines, img.width, img.height);
}
