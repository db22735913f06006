import type { Box, OcrPage, Point } from "../types";
import { toApiBBox } from "./geometry";

/**
 * From glyph ink boxes to the text-run box. OCR symbol boxes hug the ink: "RE-2027" is
 * cap height tall, "ace" only x-height. The box a reader expects (and a PDF text layer
 * gives) spans the font's ascent to descent regardless of which letters occur. So for
 * OCR pages each matched line is re-boxed in its own rotated frame: the baseline from the
 * bottoms of glyphs that sit on it, the cap height from the glyph classes, and the run
 * from ASCENT·cap above the baseline to DESCENT·cap below. Faces differ (run boxes of
 * rendered documents span 1.4–2.1 cap heights); 1.55 caps, a little above the baseline's
 * middle, keeps the most of both extremes above IoU 0.7 (fitted on rendered pages with
 * known run boxes).
 */
const ASCENT = 1.15;
const DESCENT = 0.4;
/** Half the run height of CJK text in units of the glyphs' ink width. */
const CJK_HALF = 0.65;
/** Side bearing beside the outer glyphs' ink, in cap heights. */
const SIDE = 0.1;

const CAPS = /[A-Z0-9bdfhklt!?#%&@$€£¥\\/|]/u;
const XH = /[acemnorsuvwxz]/u;
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/u;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
};

interface Frame {
  cos: number;
  sin: number;
  sx: number;
  sy: number;
}

/** A glyph in the rotated pixel frame: centre u, ink top/bottom v, half width. */
function glyph(b: Box, f: Frame) {
  const cx = ((b.x0 + b.x1) / 2) * f.sx;
  const cy = ((b.y0 + b.y1) / 2) * f.sy;
  const hw = ((b.x1 - b.x0) / 2) * f.sx;
  const hh = ((b.y1 - b.y0) / 2) * f.sy;
  const c = Math.abs(f.cos);
  const s = Math.abs(f.sin);
  const den = c * c - s * s;
  const gw = den > 0.5 ? Math.max(0, (hw * c - hh * s) / den) : hw;
  const gh = den > 0.5 ? Math.max(0, (hh * c - hw * s) / den) : hh;
  const u = cx * f.cos + cy * f.sin;
  const v = -cx * f.sin + cy * f.cos;
  return { u0: u - gw, u1: u + gw, v0: v - gh, v1: v + gh };
}

type Glyph = { box: Box; text: string };
type Placed = ReturnType<typeof glyph> & { text: string };

/**
 * Cap-height estimates and baselines of the Latin glyphs (CJK ink is judged apart). When
 * the x-height letters come out as tall as the capitals, the symbol boxes do not hug the
 * ink (blurred, low-resolution photos): then every height is taken as a cap height.
 */
function capsOf(gs: Placed[]): { caps: number[]; base: number[] } {
  const tall: number[] = [];
  const small: number[] = [];
  const base: number[] = [];
  for (const g of gs) {
    const h = g.v1 - g.v0;
    if (CJK.test(g.text)) continue;
    if (CAPS.test(g.text)) tall.push(h);
    else if (XH.test(g.text)) small.push(h);
    else continue;
    base.push(g.v1);
  }
  const loose = tall.length > 0 && small.length > 0 && median(small) > 0.9 * median(tall);
  return { caps: [...tall, ...small.map((h) => (loose ? h : h / 0.72))], base };
}

/**
 * A digit at either end of a run is boxed by its advance, not its ink: tabular figures are
 * ~0.55 em ≈ 0.78 cap wide whatever their shape, so a lone "1" (a thin stem) gets the same
 * box as a "4", which matters most for one-digit quantities.
 */
const DIGIT_ADVANCE = 0.78;
const DIGIT = /[0-9]/u;
/** A "1" is drawn left of its advance's centre (flag and stem, room on the right). */
const ONE_SHIFT = 0.05;
const centre = (g: { u0: number; u1: number; text: string }, cap: number) => (g.u0 + g.u1) / 2 + (g.text === "1" ? ONE_SHIFT * cap : 0);

/** The run rectangle of one line's glyphs in the rotated frame (u along the baseline). */
function lineRun(glyphs: Glyph[], f: Frame, ink: boolean) {
  const gs = glyphs.map((g) => ({ ...glyph(g.box, f), text: g.text }));
  const u0 = Math.min(...gs.map((g) => g.u0));
  const u1 = Math.max(...gs.map((g) => g.u1));
  const top = Math.min(...gs.map((g) => g.v0));
  const bottom = Math.max(...gs.map((g) => g.v1));
  if (!ink) return { u0, u1, v0: top, v1: bottom };
  const cjk = gs.filter((g) => CJK.test(g.text));
  if (cjk.length > 0 && cjk.length >= capsOf(gs).caps.length) {
    // Tesseract's CJK glyph heights swing widely; their widths (≈ one em) are steadier.
    const em = median(cjk.map((g) => g.u1 - g.u0));
    const mid = median(cjk.map((g) => (g.v0 + g.v1) / 2));
    return { u0, u1, v0: mid - em * CJK_HALF, v1: mid + em * CJK_HALF };
  }
  const { caps, base: bases } = capsOf(gs);
  if (caps.length === 0) return { u0, u1, v0: top, v1: bottom };
  const cap = median(caps);
  const base = median(bases);
  // Side bearings: ink is narrower than the advance; digits take their advance around the ink's centre.
  const pad = SIDE * cap;
  const first = gs.reduce((a, g) => (g.u0 < a.u0 ? g : a));
  const last = gs.reduce((a, g) => (g.u1 > a.u1 ? g : a));
  const half = (DIGIT_ADVANCE * cap) / 2;
  const left = DIGIT.test(first.text) ? Math.min(u0, centre(first, cap) - half) : u0 - pad;
  const right = DIGIT.test(last.text) ? Math.max(u1, centre(last, cap) + half) : u1 + pad;
  return { u0: left, u1: right, v0: base - ASCENT * cap, v1: base + DESCENT * cap };
}

/**
 * Box and oriented vertices of a value whose lines are given as glyph lists. `ink` says the
 * glyph boxes are OCR ink boxes (re-boxed to text runs) rather than text-layer run boxes.
 */
export function valueBoxes(
  lines: Glyph[][],
  angleDeg: number,
  page: Pick<OcrPage, "width" | "height">,
  ink: boolean,
): { bbox: ReturnType<typeof toApiBBox>; vertices: Point[]; box: Box } {
  const a = (angleDeg * Math.PI) / 180;
  const f: Frame = { cos: Math.cos(a), sin: Math.sin(a), sx: Math.max(1, page.width) / 1000, sy: Math.max(1, page.height) / 1000 };
  const runs = lines.filter((l) => l.length > 0).map((l) => lineRun(l, f, ink));
  const u0 = Math.min(...runs.map((r) => r.u0));
  const u1 = Math.max(...runs.map((r) => r.u1));
  const v0 = Math.min(...runs.map((r) => r.v0));
  const v1 = Math.max(...runs.map((r) => r.v1));
  const back = (u: number, v: number): Point => ({ x: (u * f.cos - v * f.sin) / f.sx, y: (u * f.sin + v * f.cos) / f.sy });
  const corners = [back(u0, v0), back(u1, v0), back(u1, v1), back(u0, v1)];
  const box: Box = {
    x0: Math.min(...corners.map((p) => p.x)),
    y0: Math.min(...corners.map((p) => p.y)),
    x1: Math.max(...corners.map((p) => p.x)),
    y1: Math.max(...corners.map((p) => p.y)),
  };
  const clamp = (v: number) => Math.round(Math.max(0, Math.min(1000, v)));
  return { bbox: toApiBBox(box), vertices: corners.map((p) => ({ x: clamp(p.x), y: clamp(p.y) })), box };
}
