import type { ApiBBox, Point } from "@/lib/engine/types";

/**
 * The canvas's coordinate systems, kept apart on purpose:
 * - grid: the 0–1000 page grid the engine and API speak (0,0 top-left).
 * - page pixels: the page image's own pixel size (SheetPage.width/height). Every shape
 *   is drawn in page pixels, so a shape's `points()` = grid × size / 1000.
 * - stage pixels: page pixels × view.scale + (view.x, view.y): the Stage's own
 *   transform (zoom and pan), so zooming never rewrites the shapes.
 */

/** Size of the page image in pixels. */
export interface PageSize {
  width: number;
  height: number;
}

/** The stage's zoom/pan: stage px = page px × scale + offset. */
export interface ViewTransform {
  scale: number;
  x: number;
  y: number;
}

/** An axis-aligned rectangle in any one coordinate system. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Map a grid point to page pixels. */
export function gridToPx(p: Point, size: PageSize): Point {
  return { x: (p.x * size.width) / 1000, y: (p.y * size.height) / 1000 };
}

/** Map a page-pixel point to the grid (floats; round at the API edge). */
export function pxToGrid(p: Point, size: PageSize): Point {
  return { x: (p.x * 1000) / size.width, y: (p.y * 1000) / size.height };
}

/** Flat Konva `points` [x0,y0,x1,y1,…] in page pixels for grid vertices. */
export function verticesToPoints(vertices: Point[], size: PageSize): number[] {
  return vertices.flatMap((v) => {
    const p = gridToPx(v, size);
    return [p.x, p.y];
  });
}

/** The four corners tl, tr, br, bl of a grid bbox (the view model's own helper). */
export { boxToVertices as bboxToVertices } from "@/lib/sheet/build";

/** The bounding rectangle of flat points. */
export function pointsBounds(points: number[]): Rect {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i] as number;
    const y = points[i + 1] as number;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The transform that shows the whole page centred in the viewport. */
export function fitTransform(page: PageSize, viewport: PageSize, padding = 16): ViewTransform {
  const scale = Math.max(0.01, Math.min((viewport.width - 2 * padding) / page.width, (viewport.height - 2 * padding) / page.height));
  return { scale, x: (viewport.width - page.width * scale) / 2, y: (viewport.height - page.height * scale) / 2 };
}

/**
 * The transform that fills the viewport's width with the page (top of the page shown):
 * a portrait page in a landscape pane stays readable; the reviewer scrolls down.
 * A page that fits whole at that scale is centred vertically; a narrow page keeps its own size.
 */
export function fitWidthTransform(page: PageSize, viewport: PageSize, padding = 12): ViewTransform {
  const byWidth = (viewport.width - 2 * padding) / page.width;
  const whole = (viewport.height - 2 * padding) / page.height;
  // A narrow page (a till receipt) is not blown up past its own pixels, unless it fits whole larger.
  const scale = Math.max(0.01, Math.min(byWidth, Math.max(1, whole)));
  const w = page.width * scale;
  const h = page.height * scale;
  const x = w < viewport.width - 2 * padding ? (viewport.width - w) / 2 : padding;
  const y = h <= viewport.height - 2 * padding ? (viewport.height - h) / 2 : padding;
  return { scale, x, y };
}

/**
 * Bring a page-pixel rectangle into view without changing the zoom: pan only when part
 * of it is outside the viewport (a click on a visible box never moves the page).
 */
export function panIntoView(view: ViewTransform, viewport: PageSize, target: Rect, margin = 24): ViewTransform {
  const sx = target.x * view.scale + view.x;
  const sy = target.y * view.scale + view.y;
  const sw = target.width * view.scale;
  const sh = target.height * view.scale;
  let { x, y } = view;
  if (sx < margin || sx + sw > viewport.width - margin) x = viewport.width / 2 - (target.x + target.width / 2) * view.scale;
  if (sy < margin || sy + sh > viewport.height - margin) y = viewport.height / 3 - (target.y + target.height / 2) * view.scale;
  return x === view.x && y === view.y ? view : { ...view, x, y };
}

/** Zoom by `factor` keeping the stage point `anchor` (e.g. the pointer) still. */
export function zoomAt(view: ViewTransform, anchor: Point, factor: number, min = 0.05, max = 20): ViewTransform {
  const scale = Math.min(max, Math.max(min, view.scale * factor));
  const px = (anchor.x - view.x) / view.scale;
  const py = (anchor.y - view.y) / view.scale;
  return { scale, x: anchor.x - px * scale, y: anchor.y - py * scale };
}

/**
 * Bring a page-pixel rectangle into view. Unchanged when it is already fully visible
 * and readable; otherwise zoom so it is comfortably readable (at least the fit scale,
 * at most 4× it, never wider than 60 % of the viewport) and centre it.
 */
export function focusTransform(view: ViewTransform, viewport: PageSize, target: Rect, fitScale: number): ViewTransform {
  const margin = 24;
  const sx = target.x * view.scale + view.x;
  const sy = target.y * view.scale + view.y;
  const sw = target.width * view.scale;
  const sh = target.height * view.scale;
  const visible = sx >= margin && sy >= margin && sx + sw <= viewport.width - margin && sy + sh <= viewport.height - margin;
  if (visible && sh >= 8) return view;
  const w = Math.max(target.width, 1);
  const h = Math.max(target.height, 1);
  const readable = Math.min((viewport.width * 0.6) / w, (viewport.height * 0.3) / h);
  const scale = Math.min(Math.max(readable, fitScale), fitScale * 4);
  const cx = target.x + target.width / 2;
  const cy = target.y + target.height / 2;
  return { scale, x: viewport.width / 2 - cx * scale, y: viewport.height / 2 - cy * scale };
}

/** A dragged page-pixel rectangle as an integer grid bbox, clamped to the page. */
export function rectToGridBox(a: Point, b: Point, size: PageSize): ApiBBox {
  const g0 = pxToGrid(a, size);
  const g1 = pxToGrid(b, size);
  const clamp = (v: number) => Math.min(1000, Math.max(0, Math.round(v)));
  return {
    xmin: clamp(Math.min(g0.x, g1.x)),
    ymin: clamp(Math.min(g0.y, g1.y)),
    xmax: clamp(Math.max(g0.x, g1.x)),
    ymax: clamp(Math.max(g0.y, g1.y)),
  };
}

/** A Konva id for a value path: "line_items.2.amount" → "value-line_items-2-amount". */
export function boxId(path: string): string {
  return `value-${path.replace(/[^A-Za-z0-9_]/g, "-")}`;
}
