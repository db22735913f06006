import { REC_HEIGHT } from "../onnx/rec";

/** A recogniser strip (CHW, [-1, 1], white paper) with black rectangles [col0, col1, row0, row1) inked. */
export function strip(width: number, rects: [number, number, number, number][]): Float32Array {
  const n = width * REC_HEIGHT;
  const out = new Float32Array(3 * n).fill(1);
  for (const [c0, c1, r0, r1] of rects) for (let v = r0; v < r1; v++) for (let u = c0; u < c1; u++) for (let ch = 0; ch < 3; ch++) out[ch * n + v * width + u] = -1;
  return out;
}
