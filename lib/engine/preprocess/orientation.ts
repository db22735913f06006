/**
 * Cheap text-direction test from projection profiles, so that only pages whose lines run
 * vertically pay for OCR passes at 90° and 270°. Horizontal text lines make the row
 * profile alternate strongly between ink rows and blank leading; columns average out.
 */
import type { Grey } from "./raster";

/** Alternation of ink per row and per column (0–1 each); higher = lines run that way. */
export function profileContrast(img: Grey, threshold = 128): { rows: number; cols: number } {
  const { data, width, height } = img;
  const rows = new Float64Array(height);
  const cols = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((data[y * width + x] ?? 255) < threshold) {
        rows[y] = (rows[y] ?? 0) + 1;
        cols[x] = (cols[x] ?? 0) + 1;
      }
    }
  }
  return { rows: alternation(rows), cols: alternation(cols) };
}

/** Share of profile entries that are blank while the profile has ink: leading between lines. */
function alternation(p: Float64Array): number {
  let max = 0;
  for (const v of p) max = Math.max(max, v);
  if (max === 0) return 0;
  // Only the span between the first and last inked entry counts (margins are blank anyway).
  let first = 0;
  while (first < p.length && (p[first] ?? 0) === 0) first++;
  let last = p.length - 1;
  while (last > first && (p[last] ?? 0) === 0) last--;
  let blank = 0;
  let transitions = 0;
  for (let i = first; i <= last; i++) {
    const low = (p[i] ?? 0) <= max * 0.02;
    if (low) blank++;
    if (i > first && low !== (p[i - 1] ?? 0) <= max * 0.02) transitions++;
  }
  const span = last - first + 1;
  return span > 0 ? (blank / span) * Math.min(1, transitions / 8) : 0;
}

/** "vertical" when the page's text lines run top to bottom (the page is sideways). */
export function textDirection(img: Grey): "horizontal" | "vertical" {
  const { rows, cols } = profileContrast(img);
  return cols > rows * 1.5 && cols > 0.05 ? "vertical" : "horizontal";
}
