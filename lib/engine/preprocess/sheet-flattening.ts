/**
 * The flattened view of a large page the OCR does not warp (≥ 5 MP: 12-MP phone photos, big
 * flatbed scans go to the ONNX reader, which reads the photo as it is). The sheet is found on a
 * downscaled copy with the photo path's own finders (findDocument for a receipt on a scanner
 * lid, findPageQuad for the sheet's corners) and handed out as the same `PageFlattening`, for
 * display only: the boxes stay the reader's, on the original grid.
 *
 * Only a flattening that changes what a person sees is handed out: no sheet, a sheet too small
 * to be a page, or a sheet that already is the frame (level, square-cornered, filling it) → null.
 */
import sharp from "sharp";
import type { PageFlattening, Point, Quad } from "../types";
import { cropGrey, findDocument } from "./document";
import { flatteningOf } from "./flatten";
import { polygonArea, findPageQuad } from "./quad";
import type { Grey } from "./raster";

export interface SheetFlatteningOptions {
  /** share of the edge profiles that must agree with the fitted edges (default 0.6). */
  minSupport?: number;
  /** a sheet under this share of the frame is no page (default 0.02). */
  minShare?: number;
  /** … nor one whose shorter flattened side is under this many original pixels (default 300). */
  minSide?: number;
  /** an edge tilted at least this much (degrees) is worth straightening (default 1). */
  minTiltDeg?: number;
  /** a corner off 90° by at least this much (degrees, keystone) is worth flattening (default 1.5). */
  minKeystoneDeg?: number;
  /** a level, square sheet covering less than this share of the frame is worth cropping to (default 0.8). */
  cropShare?: number;
  /** the flattened page's long side is at most this many pixels (default 2400; it is a view). */
  maxFlatSide?: number;
  /** beyond each edge the background is at least this many grey levels below the paper (default 20). */
  minEdgeContrast?: number;
}

/**
 * Paper level just inside and background level just outside each edge of `q` (pixels of `g`):
 * the 75th percentile of a band inside (paper between the text) and the median of a band
 * outside. A false edge (a fold's shadow, a crease) has paper again beyond it.
 */
export function edgeContrast(g: Grey, q: Quad): number[] {
  const cx = (q[0].x + q[1].x + q[2].x + q[3].x) / 4;
  const cy = (q[0].y + q[1].y + q[2].y + q[3].y) / 4;
  const short = Math.min(Math.hypot(q[1].x - q[0].x, q[1].y - q[0].y), Math.hypot(q[3].x - q[0].x, q[3].y - q[0].y));
  const w = Math.max(6, Math.round(0.05 * short));
  const out: number[] = [];
  for (let e = 0; e < 4; e++) {
    const a = q[e]!;
    const b = q[(e + 1) % 4]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    let n = { x: (b.y - a.y) / len, y: -(b.x - a.x) / len };
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    if ((cx - mid.x) * n.x + (cy - mid.y) * n.y > 0) n = { x: -n.x, y: -n.y };
    const inside: number[] = [];
    const outside: number[] = [];
    for (let k = 0; k < 24; k++) {
      const u = 0.1 + (0.8 * k) / 23;
      const p = { x: a.x + (b.x - a.x) * u, y: a.y + (b.y - a.y) * u };
      for (let s = 3; s < 3 + w; s++) {
        for (const [sign, into] of [
          [1, outside],
          [-1, inside],
        ] as const) {
          const x = Math.floor(p.x + n.x * s * sign);
          const y = Math.floor(p.y + n.y * s * sign);
          if (x >= 0 && y >= 0 && x < g.width && y < g.height) into.push(g.data[y * g.width + x]!);
        }
      }
    }
    const at = (v: number[], f: number) => v.sort((x, y) => x - y)[Math.floor(f * (v.length - 1))] ?? 0;
    // Past the frame there is nothing to compare: the sheet runs off it (cut off), no contrast.
    out.push(outside.length < 0.5 * inside.length ? 0 : at(inside, 0.75) - at(outside, 0.5));
  }
  return out;
}

const deg = (rad: number) => (rad * 180) / Math.PI;

/** Tilt of an edge a→b from the nearest image axis, in degrees (0–45). */
function axisTilt(a: Point, b: Point): number {
  const t = Math.abs(deg(Math.atan2(b.y - a.y, b.x - a.x))) % 90;
  return Math.min(t, 90 - t);
}

/** Interior angle at b of a–b–c, degrees. */
function angleAt(a: Point, b: Point, c: Point): number {
  const v1 = { x: a.x - b.x, y: a.y - b.y };
  const v2 = { x: c.x - b.x, y: c.y - b.y };
  const cos = (v1.x * v2.x + v1.y * v2.y) / (Math.hypot(v1.x, v1.y) * Math.hypot(v2.x, v2.y) || 1);
  return deg(Math.acos(Math.max(-1, Math.min(1, cos))));
}

/** How far a quad is from a level, square-cornered rectangle: its largest edge tilt and corner deviation (degrees). */
export function quadDistortion(q: Quad): { tilt: number; keystone: number } {
  let tilt = 0;
  let keystone = 0;
  for (let i = 0; i < 4; i++) {
    tilt = Math.max(tilt, axisTilt(q[i]!, q[(i + 1) % 4]!));
    keystone = Math.max(keystone, Math.abs(angleAt(q[(i + 3) % 4]!, q[i]!, q[(i + 1) % 4]!) - 90));
  }
  return { tilt, keystone };
}

/**
 * The display flattening of the sheet on `grey`, a downscaled copy of a `width`×`height`
 * original (any scale; corners are scaled back), or null when there is nothing worth flattening.
 */
export function sheetFlattening(grey: Grey, width: number, height: number, opts: SheetFlatteningOptions = {}): PageFlattening | null {
  // The sheet around the centre first (a photo of a page); else a document on a plain background
  // (a receipt on a scanner's lid, anywhere on it) searched on its crop, as the tesseract path does on
  // large sheets. (findDocument first cut 5 of 22 enlarged synthetic-dev photos' sheets short: no quad.)
  let doc: { x0: number; y0: number } | null = null;
  let g = grey;
  let found = findPageQuad(grey);
  if (!found) {
    const box = findDocument(grey);
    if (box) {
      doc = box;
      g = cropGrey(grey, box);
      found = findPageQuad(g);
    }
  }
  if (!found || found.support < (opts.minSupport ?? 0.6)) return null;
  // Every edge a step from paper down to background (a crease or a fold's shadow is not an edge).
  if (edgeContrast(g, found.corners).some((c) => c < (opts.minEdgeContrast ?? 20))) return null;
  const sx = width / grey.width;
  const sy = height / grey.height;
  const corners = found.corners.map((p) => ({ x: (p.x + (doc?.x0 ?? 0)) * sx, y: (p.y + (doc?.y0 ?? 0)) * sy })) as Quad;
  const share = polygonArea(corners) / (width * height);
  if (share < (opts.minShare ?? 0.02)) return null;
  const f = flatteningOf(corners, width, height);
  if (Math.min(f.width, f.height) < (opts.minSide ?? 300)) return null;
  const { tilt, keystone } = quadDistortion(corners);
  const warps = tilt >= (opts.minTiltDeg ?? 1) || keystone >= (opts.minKeystoneDeg ?? 1.5);
  if (!warps && share >= (opts.cropShare ?? 0.8)) return null;
  const k = Math.min(1, (opts.maxFlatSide ?? 2400) / Math.max(f.width, f.height));
  return k < 1 ? { ...f, width: Math.max(1, Math.round(f.width * k)), height: Math.max(1, Math.round(f.height * k)) } : f;
}

/** A greyscale copy of an image with its long side at most `maxSide` px (never enlarged). */
export async function downscaledGrey(png: Buffer, maxSide: number): Promise<Grey> {
  const { data, info } = await sharp(png)
    .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** The display flattening of a large page (see sheetFlattening), found on a copy with its long side at `maxSide` px (default 1600). */
export async function largePageFlattening(
  img: { png: Buffer; width: number; height: number },
  opts: SheetFlatteningOptions & { maxSide?: number } = {},
): Promise<PageFlattening | null> {
  return sheetFlattening(await downscaledGrey(img.png, opts.maxSide ?? 1600), img.width, img.height, opts);
}
