/**
 * The second pass's OCR shell: re-read small regions of a page image (a value's words)
 * from the original pixels, upscaled, as one text line (PSM 7) and, for numbers, with a
 * constrained character set. Boxes come back on the page's 0–1000 grid.
 */
import sharp from "sharp";
import type { Worker } from "tesseract.js";
import type { Box, OcrPage, OcrWord } from "../types";
import { type Frame, pageFromTesseract, type TessBlock } from "./convert";
import { boxToQuad, unionBox } from "./geometry";
import { respacePage } from "./respace";

/** A region to re-read: a box on the page grid and the character set it may contain. */
export interface RereadRegion {
  box: Box;
  /** "number": digits, separators and currency marks only. */
  charset: "number" | "any";
  /** read from a different crop (smaller, no margin) for a tie-breaking third reading. */
  alt?: boolean;
}

/** One region's second reading: words with page-grid boxes (ids are provisional). */
export interface Reading {
  words: OcrWord[];
  /** mean symbol confidence, 0–1. */
  conf: number;
}

/** Characters a printed amount, quantity, rate or numeric id may hold. */
export const NUMBER_CHARS = "0123456789.,'-+%$€£¥￥()/:";

/** Text height (px) the crops are scaled to: Tesseract reads best at ~30–40 px. */
const TARGET_HEIGHT = 40;

/** White margin (px) around each scaled crop. */
const BORDER = Math.round(TARGET_HEIGHT / 2);

/**
 * Work caps of one re-read call, in place of a time budget (which read fewer regions on a loaded machine, so the
 * same document came out different). Regions: chooseRegions asks for at most 24 a page. Pixels (upscaled crops
 * with their margins): the dev pages ask for at most 0.70 MP a call (sroie-extra 0.70, synthetic-dev 0.69,
 * p99 0.36 / 0.67; 335 calls), so 1.5 MP never binds on them and still bounds a page of many tall values.
 */
export const MAX_REREAD_REGIONS = 24;
export const MAX_REREAD_PIXELS = 1_500_000;

interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

/** Decode a page image once into greyscale pixels for many crops. */
export async function decodeGrey(png: Buffer): Promise<Raw> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The crop's pixels with table rules whitened: a cell border beside an amount reads as a
 * "1" ("7.24" → "17.24") once the line is cut out of its table. A rule is a column (or
 * row) that is dark over nearly the crop's whole height (width).
 */
function unruled(raw: Raw, left: number, top: number, width: number, height: number): Buffer {
  const buf = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) raw.data.copy(buf, y * width, (top + y) * raw.width + left, (top + y) * raw.width + left + width);
  const sorted = Uint8Array.from(buf).sort();
  const paper = sorted[Math.floor(sorted.length / 2)]!;
  const dark = paper * 0.6;
  const cols = new Uint32Array(width);
  const rows = new Uint32Array(height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (buf[y * width + x]! < dark) {
        cols[x]!++;
        rows[y]!++;
      }
  for (let x = 0; x < width; x++) if (cols[x]! >= 0.85 * height) for (let y = 0; y < height; y++) buf[y * width + x] = paper;
  for (let y = 0; y < height; y++) if (rows[y]! >= 0.85 * width) buf.fill(paper, y * width, (y + 1) * width);
  return buf;
}

/** Where a region's crop lies in the page image and how it is scaled (pure geometry: the work cap counts with it). */
export function cropGeometry(imgWidth: number, imgHeight: number, rotation: number, box: Box, alt = false) {
  const sx = imgWidth / 1000;
  const sy = imgHeight / 1000;
  // Text height in the upright frame: a sideways page's lines run along y.
  const sideways = rotation === 90 || rotation === 270;
  const hPx = sideways ? (box.x1 - box.x0) * sx : (box.y1 - box.y0) * sy;
  const padAcross = Math.max(2, Math.round(hPx * 0.3));
  const padAlong = Math.max(3, Math.round(hPx * 0.35));
  const [padX, padY] = sideways ? [padAcross, padAlong] : [padAlong, padAcross];
  const left = Math.max(0, Math.floor(box.x0 * sx) - padX);
  const top = Math.max(0, Math.floor(box.y0 * sy) - padY);
  const width = Math.min(imgWidth, Math.ceil(box.x1 * sx) + padX) - left;
  const height = Math.min(imgHeight, Math.ceil(box.y1 * sy) + padY) - top;
  const scale = Math.min(4, Math.max(1, (alt ? 0.75 : 1) * (TARGET_HEIGHT / Math.max(1, hPx))));
  // A white margin: a single line cropped tight misreads ("5.5" came out "2.9").
  const margin = alt ? 4 : BORDER;
  /** pixels tesseract reads: the upscaled crop with its margin. */
  const pixels = width < 4 || height < 4 ? 0 : (Math.round(width * scale) + 2 * margin) * (Math.round(height * scale) + 2 * margin);
  return { left, top, width, height, scale, margin, sideways, pixels };
}

/**
 * How many of `regions` (most important first, as chooseRegions orders them) one call reads: at most
 * MAX_REREAD_REGIONS, and no more upscaled crop pixels than MAX_REREAD_PIXELS — a cap on the work, so which
 * regions are read never depends on the machine's load. The first region is always read.
 */
export function affordable(pixels: number[], maxRegions = MAX_REREAD_REGIONS, maxPixels = MAX_REREAD_PIXELS): number {
  let sum = 0;
  let n = 0;
  for (const p of pixels.slice(0, maxRegions)) {
    if (n > 0 && sum + p > maxPixels) break;
    sum += p;
    n++;
  }
  return n;
}

/** Crop, turn upright and upscale one region; returns the PNG and the way back to page pixels. */
async function cropRegion(raw: Raw, page: OcrPage, box: Box, alt = false) {
  const { left, top, width, height, scale, margin: m, sideways } = cropGeometry(raw.width, raw.height, page.rotation, box, alt);
  if (width < 4 || height < 4) return null;
  let img = sharp(unruled(raw, left, top, width, height), { raw: { width, height, channels: 1 } });
  if (page.rotation) img = sharp(await img.png({ compressionLevel: 0 }).toBuffer()).rotate(page.rotation);
  const [uw, uh] = sideways ? [height, width] : [width, height];
  const png = await sharp(
    await img
      .resize(Math.round(uw * scale), Math.round(uh * scale), { kernel: "lanczos3" })
      .png({ compressionLevel: 0 })
      .toBuffer(),
  )
    .extend({ top: m, bottom: m, left: m, right: m, background: "#ffffff" })
    .png({ compressionLevel: 0 })
    .toBuffer();
  // Upright crop point → original page pixels (the inverse of the quarter turn, then the offset).
  const back = (p: { x: number; y: number }) => {
    const u = (p.x - m) / scale;
    const v = (p.y - m) / scale;
    let q: { x: number; y: number };
    switch (page.rotation) {
      case 90:
        q = { x: v, y: height - u };
        break;
      case 180:
        q = { x: width - u, y: height - v };
        break;
      case 270:
        q = { x: width - v, y: u };
        break;
      default:
        q = { x: u, y: v };
    }
    return { x: q.x + left, y: q.y + top };
  };
  return { png, back };
}

/**
 * The reading's characters that belong to the region: the crop's margin can catch a
 * neighbour's character (a 円 or a cell's "1"), which the region's words never held.
 * Half a text height of slack along the line keeps a sign the first pass left out.
 */
function within(words: OcrWord[], page: OcrPage, box: Box): OcrWord[] {
  const sideways = page.rotation === 90 || page.rotation === 270;
  // Text height in grid units of the along-line axis.
  const h = sideways ? ((box.x1 - box.x0) * page.width) / page.height : ((box.y1 - box.y0) * page.height) / page.width;
  const [lo, hi] = sideways ? [box.y0 - 0.5 * h, box.y1 + 0.5 * h] : [box.x0 - 0.5 * h, box.x1 + 0.5 * h];
  const out: OcrWord[] = [];
  for (const w of words) {
    const symbols = w.symbols.filter((s) => {
      const c = sideways ? (s.box.y0 + s.box.y1) / 2 : (s.box.x0 + s.box.x1) / 2;
      return c >= lo && c <= hi;
    });
    if (symbols.length === w.symbols.length) out.push(w);
    else if (symbols.length > 0) {
      const b = unionBox(symbols.map((s) => s.box));
      out.push({ ...w, text: symbols.map((s) => s.text).join(""), symbols, box: b, quad: boxToQuad(b) });
    }
  }
  return out;
}

/**
 * Re-read each region with `worker` as a single line. Tesseract parameters are passed per
 * call, so the worker's own settings (PSM 6, no whitelist) are restored afterwards.
 */
export async function rereadRegions(worker: Worker, png: Buffer, page: OcrPage, regions: RereadRegion[], signal?: AbortSignal): Promise<(Reading | null)[]> {
  const raw = await decodeGrey(png);
  // The work cap: the most important regions first, the rest read nothing, whatever the machine's load.
  const take = affordable(regions.map((r) => cropGeometry(raw.width, raw.height, page.rotation, r.box, r.alt).pixels));
  const out: (Reading | null)[] = [];
  for (const r of regions.slice(0, take)) {
    const crop = await cropRegion(raw, page, r.box, r.alt);
    // Once the safety net aborted, the pool terminates this worker: one more recognize call would
    // post to a terminated tesseract.js worker, which throws outside any promise and takes the
    // whole process down. The call rejects with the budget's error (index.ts).
    if (signal?.aborted) throw signal.reason;
    if (!crop) {
      out.push(null);
      continue;
    }
    const params: Record<string, string> = { tessedit_pageseg_mode: "7" };
    // 円 after Japanese amounts: left out, the whitelist would force it into a digit.
    if (r.charset === "number") params.tessedit_char_whitelist = NUMBER_CHARS + (page.language.includes("Japanese") ? "円" : "");
    // tesseract.js passes unknown recognize options through to Tesseract and restores them.
    const { data } = await worker.recognize(crop.png, params as object, { blocks: true, text: false });
    const frame: Frame = { width: raw.width, height: raw.height, rotation: page.rotation, rad: 0, map: crop.back };
    const got = respacePage(pageFromTesseract((data.blocks ?? []) as unknown as TessBlock[], frame, { index: page.index, language: page.language }));
    const words = within(got.words, page, r.box);
    let score = 0;
    let n = 0;
    for (const w of words)
      for (const s of w.symbols) {
        score += s.conf;
        n++;
      }
    out.push(words.length ? { words, conf: n ? score / n : 0 } : null);
  }
  return [...out, ...regions.slice(take).map(() => null)];
}
