/**
 * The flattened page as data: where a photographed sheet lies on the original image and the
 * one homography between the original's 0–1000 grid and the flattened page's 0–1000 grid.
 * Pure (no image library): the browser maps value boxes onto the flattened page with it.
 */
import type { PageFlattening, Point, Quad } from "../types";
import { applyH, homography, invertH } from "./warp";

const GRID_CORNERS: Quad = [
  { x: 0, y: 0 },
  { x: 1000, y: 0 },
  { x: 1000, y: 1000 },
  { x: 0, y: 1000 },
];

/** The flattening of a sheet whose corners (tl, tr, br, bl, original-image pixels) were found on a `width`×`height` image. */
export function flatteningOf(corners: readonly Point[], width: number, height: number): PageFlattening {
  const [tl, tr, br, bl] = corners as Quad;
  const dist = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);
  const grid = (p: Point): Point => ({ x: (p.x * 1000) / width, y: (p.y * 1000) / height });
  return {
    quad: [grid(tl), grid(tr), grid(br), grid(bl)],
    // The sides of the upright sheet: the mean lengths of the quad's opposite edges (as warpSheet sizes it).
    width: Math.max(1, Math.round((dist(tl, tr) + dist(bl, br)) / 2)),
    height: Math.max(1, Math.round((dist(tl, bl) + dist(tr, br)) / 2)),
  };
}

/** Both ways between the original page's grid and the flattened page's grid. */
export interface FlatMaps {
  /** original grid → flattened grid. */
  toFlat(p: Point): Point;
  /** flattened grid → original grid. */
  toOriginal(p: Point): Point;
}

/**
 * The grid mappings of a flattening. A homography maps straight lines to straight lines, so a
 * box's four corners mapped one by one are exactly the box on the other page.
 */
export function flatMaps(f: Pick<PageFlattening, "quad">): FlatMaps {
  const toOriginal = homography(GRID_CORNERS, f.quad);
  const toFlat = invertH(toOriginal);
  return { toFlat: (p) => applyH(toFlat, p), toOriginal: (p) => applyH(toOriginal, p) };
}
