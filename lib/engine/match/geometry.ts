import type { ApiBBox, Box } from "../types";

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

/** Vertical centre of a box. */
export const midY = (b: Box) => (b.y0 + b.y1) / 2;
