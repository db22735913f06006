/**
 * A till receipt lying on a scanner's lid: a 300-dpi A4 flatbed scan (2552×3508) whose receipt covers a third of the
 * sheet, the rest grey lid. Read whole, the sheet goes to the ONNX reader at a quarter of its resolution and keeps its
 * reading (no ä ö ü ß €); the receipt cut out is a tall page like a cropped till receipt (ocr/till-receipt.ts).
 *
 * The receipt is the brightest solid region: cell means of a thumbnail, split at the paper levels findDocument tries
 * (Otsu, then Otsu inside the bright class, twice), and the first split whose largest bright component is a narrow,
 * tall, solid block. A black logo band at the receipt's top or foot is not bright: the block grows along its columns
 * through every row that does not look like the lid.
 */
import { documentAt } from "./document";
import { blockMeans, otsu } from "./paper";
import type { Grey } from "./raster";
import type { Rect } from "./segment";

/**
 * Least height / width of the receipt's bright block, and its largest share of the sheet's width. receipts_de's eight
 * receipts on a lid: 2.48–3.85 tall, 0.35–0.36 of the width; the lid joined to a receipt at the first split 0.53–0.68
 * wide (lidl, marktkauf, toom), 2.04–2.63 tall.
 */
export const SHEET_RECEIPT_TALL = 1.8;
export const SHEET_RECEIPT_NARROW = 0.5;
/**
 * Least share of its bounding box the bright block fills. The same eight at the split that finds them: 0.83–0.99; the
 * next split up, where the print breaks the paper apart, 0.50–0.73.
 */
export const SHEET_RECEIPT_SOLID = 0.78;

export interface SheetReceiptOptions {
  /** cells along the long side of the grid (default 100: a receipt a third of an A4 sheet wide is ~25 cells). */
  cells?: number;
}

/** The receipt's box on `img` (a thumbnail of the sheet; its pixels), or null when no tall bright block stands out. */
export function receiptOnSheet(img: Grey, opts: SheetReceiptOptions = {}): Rect | null {
  const blocks = blockMeans(img, opts.cells ?? 100);
  if (!blocks) return null;
  const { grid, gw, gh, cell } = blocks;
  let thr = otsu({ data: grid, width: gw, height: gh });
  for (let k = 0; k < 3; k++) {
    const b = documentAt(grid, gw, gh, thr, {});
    if (b) {
      const [bw, bh] = [b.x1 - b.x0 + 1, b.y1 - b.y0 + 1];
      if (bh / bw >= SHEET_RECEIPT_TALL && bw / gw <= SHEET_RECEIPT_NARROW && b.count >= SHEET_RECEIPT_SOLID * bw * bh) {
        const [y0, y1] = grownRows(grid, gw, gh, b);
        return {
          x0: Math.max(0, (b.x0 - 1) * cell),
          y0: Math.max(0, (y0 - 1) * cell),
          x1: Math.min(img.width, (b.x1 + 2) * cell),
          y1: Math.min(img.height, (y1 + 2) * cell),
        };
      }
    }
    const above = grid.filter((v) => v > thr);
    if (above.length < 10) break;
    thr = otsu({ data: above, width: above.length, height: 1 });
  }
  return null;
}

/** The block's rows grown up and down through rows of its columns that are not lid (a dark logo band, a torn edge). */
function grownRows(grid: Uint8Array, gw: number, gh: number, b: { x0: number; y0: number; x1: number; y1: number }): [number, number] {
  const inside: number[] = [];
  const outside: number[] = [];
  for (let gy = 0; gy < gh; gy++)
    for (let gx = 0; gx < gw; gx++) (gx >= b.x0 && gx <= b.x1 && gy >= b.y0 && gy <= b.y1 ? inside : outside).push(grid[gy * gw + gx] ?? 0);
  const median = (a: number[]) => a.sort((p, q) => p - q)[Math.floor(a.length / 2)] ?? 0;
  const [paper, lid] = [median(inside), median(outside)];
  // A row of the block's columns is lid when its mean is nearer the lid's level than the paper's and it is smooth: a
  // logo band's mean can sit at the lid's level (saturn's black band with white letters 150 against a lid of 164, cells
  // 75–205: steps of 40+ between neighbours), the lid's own light falls off smoothly (kaufland 166 → 138, steps ≤ 8).
  const gap = Math.abs(paper - lid) / 2;
  const notLid = (gy: number) => {
    let [s, step] = [0, 0];
    for (let gx = b.x0; gx <= b.x1; gx++) {
      const v = grid[gy * gw + gx] ?? 0;
      s += v;
      if (gx > b.x0) step = Math.max(step, Math.abs(v - (grid[gy * gw + gx - 1] ?? 0)));
    }
    return Math.abs(s / (b.x1 - b.x0 + 1) - lid) > gap || step > gap;
  };
  let [y0, y1] = [b.y0, b.y1];
  while (y0 > 0 && notLid(y0 - 1)) y0--;
  while (y1 < gh - 1 && notLid(y1 + 1)) y1++;
  return [y0, y1];
}
