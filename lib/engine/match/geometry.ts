import type { ApiBBox, Box, OcrPage, Point } from "../types";

/** Union of boxes (null for none). */
export function unionBox(boxes: Box[]): Box | null {
  if (boxes.length === 0) return null;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x0);
    y0 = Math.min(y0, b.y0);
    x1 = Math.max(x1, b.x1);
    y1 = Math.max(y1, b.y1);
  }
  return { x0, y0, x1, y1 };
}

const clamp = (v: number) => Math.max(0, Math.min(1000, v));

/** Integer API box that contains the float box (floor the mins, ceil the maxes), clamped to 0–1000. */
export function toApiBBox(b: Box): ApiBBox {
  return { xmin: clamp(Math.floor(b.x0)), ymin: clamp(Math.floor(b.y0)), xmax: clamp(Math.ceil(b.x1)), ymax: clamp(Math.ceil(b.y1)) };
}

/**
 * The oriented rectangle (tl, tr, br, bl) that follows a baseline at `angleDeg` and holds
 * all the boxes. Rotation happens in pixel space: the 0–1000 grid is anisotropic for
 * non-square pages, so rotating grid coordinates directly would shear the rectangle.
 */
export function orientedRect(boxes: Box[], angleDeg: number, page: Pick<OcrPage, "width" | "height">): Point[] | null {
  if (boxes.length === 0) return null;
  const sx = Math.max(1, page.width) / 1000;
  const sy = Math.max(1, page.height) / 1000;
  const a = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  // Glyph boxes of tilted text are axis-aligned hulls; shrink them toward their centres by
  // the tilt's own spread so the oriented rectangle is not inflated by every corner.
  let u0 = Number.POSITIVE_INFINITY;
  let v0 = Number.POSITIVE_INFINITY;
  let u1 = Number.NEGATIVE_INFINITY;
  let v1 = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    const cx = ((b.x0 + b.x1) / 2) * sx;
    const cy = ((b.y0 + b.y1) / 2) * sy;
    const hw = ((b.x1 - b.x0) / 2) * sx;
    const hh = ((b.y1 - b.y0) / 2) * sy;
    // Solve for the glyph's own half extents given its axis-aligned hull (small angles).
    const den = Math.abs(cos * cos - sin * sin);
    const gw = den > 0.5 ? Math.max(0, (hw * Math.abs(cos) - hh * Math.abs(sin)) / den) : hw;
    const gh = den > 0.5 ? Math.max(0, (hh * Math.abs(cos) - hw * Math.abs(sin)) / den) : hh;
    const u = cx * cos + cy * sin;
    const v = -cx * sin + cy * cos;
    u0 = Math.min(u0, u - gw);
    u1 = Math.max(u1, u + gw);
    v0 = Math.min(v0, v - gh);
    v1 = Math.max(v1, v + gh);
  }
  const back = (u: number, v: number): Point => ({
    x: Math.round(clamp((u * cos - v * sin) / sx)),
    y: Math.round(clamp((u * sin + v * cos) / sy)),
  });
  return [back(u0, v0), back(u1, v0), back(u1, v1), back(u0, v1)];
}

/** Vertical centre of a box. */
export const midY = (b: Box) => (b.y0 + b.y1) / 2;
/** Horizontal centre of a box. */
export const midX = (b: Box) => (b.x0 + b.x1) / 2;
