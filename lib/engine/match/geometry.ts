import { unionBox as union } from "../geometry";
import type { ApiBBox, Box } from "../types";

/** Union of boxes (null for none). */
export function unionBox(boxes: Box[]): Box | null {
  return boxes.length === 0 ? null : union(boxes);
}

const clamp = (v: number) => Math.max(0, Math.min(1000, v));

/** Integer API box that contains the float box (floor the mins, ceil the maxes), clamped to 0–1000. */
export function toApiBBox(b: Box): ApiBBox {
  return { xmin: clamp(Math.floor(b.x0)), ymin: clamp(Math.floor(b.y0)), xmax: clamp(Math.ceil(b.x1)), ymax: clamp(Math.ceil(b.y1)) };
}

/** Vertical centre of a box. */
export const midY = (b: Box) => (b.y0 + b.y1) / 2;
