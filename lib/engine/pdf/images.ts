/**
 * Where a PDF page paints images, in page-image pixels: the places text can hide from the text layer
 * (read/image-text.ts reads them). Pure and browser-safe, as item.ts: the uploader and the server walk the same
 * pdfjs operator list. An image is drawn into the unit square under the current transform; forms nest transforms.
 */

/** The pdfjs operator codes this walk reads (pdfjs `OPS`). */
export interface ImageOps {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageMaskXObject: number;
  paintSolidColorImageMask: number;
  paintImageXObjectRepeat: number;
  paintImageMaskXObjectRepeat: number;
  paintImageMaskXObjectGroup: number;
  paintInlineImageXObjectGroup: number;
}

/** A rectangle in page-image pixels, origin top-left. */
export interface ImageRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Matrix = [number, number, number, number, number, number];

const times = (m: Matrix, n: readonly number[]): Matrix => [
  m[0] * (n[0] ?? 1) + m[2] * (n[1] ?? 0),
  m[1] * (n[0] ?? 1) + m[3] * (n[1] ?? 0),
  m[0] * (n[2] ?? 0) + m[2] * (n[3] ?? 1),
  m[1] * (n[2] ?? 0) + m[3] * (n[3] ?? 1),
  m[0] * (n[4] ?? 0) + m[2] * (n[5] ?? 0) + m[4],
  m[1] * (n[4] ?? 0) + m[3] * (n[5] ?? 0) + m[5],
];

/** The unit square under `m`: the pixels an image painted with that transform covers. */
function unitSquare(m: Matrix): ImageRect {
  const xs = [m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]];
  const ys = [m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]];
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  return { x: x0, y: y0, width: Math.max(...xs) - x0, height: Math.max(...ys) - y0 };
}

/**
 * The rectangles of the images a page paints (`fnArray`/`argsArray` of pdfjs `page.getOperatorList()`; `viewport`
 * its viewport transform), clipped to the `width`×`height` raster; undefined when an image is drawn in a way this walk
 * does not place (repeated and grouped images): the caller then searches the whole page.
 */
export function imageRects(
  ops: { fnArray: number[]; argsArray: unknown[] },
  OPS: ImageOps,
  viewport: readonly number[],
  width: number,
  height: number,
): ImageRect[] | undefined {
  const unplaced = new Set([OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObjectRepeat, OPS.paintImageMaskXObjectGroup, OPS.paintInlineImageXObjectGroup]);
  const painted = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintSolidColorImageMask]);
  let ctm: Matrix = [...viewport] as Matrix;
  const stack: Matrix[] = [];
  const out: ImageRect[] = [];
  for (const [i, fn] of ops.fnArray.entries()) {
    const args = (ops.argsArray[i] ?? []) as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = times(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args[0];
      if (Array.isArray(m) && m.length === 6) ctm = times(ctm, m as number[]);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (unplaced.has(fn)) return undefined;
    else if (painted.has(fn)) {
      const r = unitSquare(ctm);
      const [x0, y0] = [Math.max(0, r.x), Math.max(0, r.y)];
      const [x1, y1] = [Math.min(width, r.x + r.width), Math.min(height, r.y + r.height)];
      if (x1 > x0 && y1 > y0) out.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
    }
  }
  return out;
}
