/** Small geometry helpers for OCR output on the 0–1000 grid. */
import type { Box, Point, Quad } from "../types";

export { unionBox } from "../geometry";

/** Corners tl, tr, br, bl of an axis-aligned box. */
export function boxToQuad(b: Box): Quad {
  return [
    { x: b.x0, y: b.y0 },
    { x: b.x1, y: b.y0 },
    { x: b.x1, y: b.y1 },
    { x: b.x0, y: b.y1 },
  ];
}

/** Axis-aligned hull of points. */
export function hullBox(points: Point[]): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Rotate a point by `rad` (clockwise on screen, y down) about (cx, cy). */
export function rotatePoint(p: Point, rad: number, cx: number, cy: number): Point {
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const dx = p.x - cx;
  const dy = p.y - cy;
  return { x: cx + dx * cos - dy * sin, y: cy + dx * sin + dy * cos };
}
