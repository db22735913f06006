/**
 * Text printed inside the images of a page read from its text layer (a supplier block pasted in as a picture, a
 * letterhead drawn as outlines): its regions found from the page image (image-regions.ts), each read by the OCR
 * adapter, its words added to the page in page coordinates and marked `fromImage` — they are OCR'd, not exact, and
 * every value drawn from them goes to review (imageTextIssues). A page without such ink costs one decode of its
 * image, or nothing when the PDF says it paints no image.
 */
import sharp from "sharp";
import { latinLanguage, looksJapanese } from "../ocr/language";
import { unionBox } from "../geometry";
import { similarity } from "../memory/types";
import { onPage } from "../ocr/printed-block";
import type { Grey } from "../preprocess/raster";
import { type Box, type CheckIssue, type FieldResult, isArrayValue, type OcrLine, type OcrPage, type OcrWord, type TextLayerPage } from "../types";
import { type PixelRect, uncoveredTextRegions } from "./image-regions";
import type { OcrAdapter } from "./index";

/** Regions read at most per page (a page of pasted-in scans is no text-layer page to patch: its layer holds little). */
const MAX_REGIONS = 6;
/** A word the reader is this unsure of is dropped (a logo's swash read as letters). */
const MIN_WORD_CONF = 0.4;
/** A line keeps its words only when one of them is read this surely (a logo's shapes read as letters never are). */
const SURE_WORD = 0.85;
/** A second reader's reading of an unsure word replaces it when this sure (saeco-like IBANs: 0.41 → 0.98). */
const SECOND_SURE = 0.9;
/** … and when this like the first reading (the same word, not a neighbour the line crop caught). */
const SAME_WORD = 0.6;
/** White margin around a crop: tesseract reads letters touching the border badly. */
const MARGIN = 12;
/** Pixel ceiling of an image decoded here (decompression bombs; the OCR path's own default). */
const MAX_PIXELS = 40e6;

const area = (b: Box) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
const overlap = (a: Box, b: Box) => area({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) });

/** The OCR language of the image text: the caller's, else the one the page's own text points to. */
function languageOf(page: OcrPage, lang: string | undefined): string {
  if (lang) return lang;
  const text = page.words.map((w) => w.text).join(" ");
  return looksJapanese(text) ? "eng+Japanese" : latinLanguage(text);
}

/** A crop of the page image with a white margin, and the rectangle (margin included) it stands for on the page. */
async function crop(image: Uint8Array, r: PixelRect): Promise<{ img: { png: Buffer; width: number; height: number }; rect: PixelRect }> {
  const png = await sharp(image)
    .extract({ left: r.x0, top: r.y0, width: r.x1 - r.x0, height: r.y1 - r.y0 })
    .extend({ top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, background: "#ffffff" })
    .flatten({ background: "#ffffff" })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const rect = { x0: r.x0 - MARGIN, y0: r.y0 - MARGIN, x1: r.x1 + MARGIN, y1: r.y1 + MARGIN };
  return { img: { png, width: rect.x1 - rect.x0, height: rect.y1 - rect.y0 }, rect };
}

/** A rectangle on whole pixels inside the `w`×`h` image. */
const clip = (r: PixelRect, w: number, h: number): PixelRect => ({
  x0: Math.max(0, Math.floor(r.x0)),
  y0: Math.max(0, Math.floor(r.y0)),
  x1: Math.min(w, Math.ceil(r.x1)),
  y1: Math.min(h, Math.ceil(r.y1)),
});

/** The rectangle `r` of the image in grey. */
async function greyPart(image: Uint8Array, r: PixelRect): Promise<Grey> {
  const { data, info } = await sharp(image)
    .extract({ left: r.x0, top: r.y0, width: r.x1 - r.x0, height: r.y1 - r.y0 })
    .flatten({ background: "#ffffff" })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/** The lines of a region's reading worth adding: sure words with letters or digits, away from the text layer's words. */
function keptLines(read: OcrPage, layer: OcrWord[]): OcrWord[][] {
  const byId = new Map(read.words.map((w) => [w.id, w]));
  const out: OcrWord[][] = [];
  for (const line of read.lines) {
    const words = line.wordIds
      .map((id) => byId.get(id))
      .filter((w): w is OcrWord => !!w && w.conf >= MIN_WORD_CONF && /[\p{L}\p{N}]/u.test(w.text))
      // ink the text layer already holds (its box drawn a little short) is not read twice
      .filter((w) => !layer.some((t) => overlap(t.box, w.box) > 0.3 * area(w.box)));
    const chars = words.reduce((n, w) => n + (w.text.match(/[\p{L}\p{N}]/gu) ?? []).length, 0);
    if (chars >= 3 && words.some((w) => w.conf >= SURE_WORD)) out.push(words);
  }
  return out;
}

/**
 * The crop's reading with its unsure words read again by the adapter's second reader (a line recogniser with another
 * model and other failure modes, ocr/crossread.ts) where it has one: a sure second reading of the same word replaces
 * the first, which stays as `alt` (a doubt). Confidences stay tesseract's: they decide what is junk (keptLines).
 */
async function secondReadings(adapter: OcrAdapter, img: { png: Buffer; width: number; height: number }, read: OcrPage): Promise<OcrPage> {
  const unsure = read.words.filter((w) => w.conf >= MIN_WORD_CONF && w.conf < SURE_WORD && /[\p{L}\p{N}]/u.test(w.text));
  if (!adapter.crossRead || unsure.length === 0) return read;
  const second = await adapter
    .crossRead(
      img,
      read,
      unsure.map((w) => ({ lines: [w.quad], first: w.text })),
    )
    .catch(() => unsure.map(() => null));
  const better = new Map<string, string>();
  unsure.forEach((w, i) => {
    const s = second[i];
    if (!s || s.conf < SECOND_SURE) return;
    // the crop of a word's quad may catch a neighbour's edge (": name@host"): the token most like the first reading
    const token = s.text
      .split(/\s+/u)
      .filter(Boolean)
      .map((t) => ({ t, sim: similarity(t, w.text) }))
      .sort((a, b) => b.sim - a.sim)[0];
    if (token && token.t !== w.text && token.sim >= SAME_WORD) better.set(w.id, token.t);
  });
  if (better.size === 0) return read;
  return { ...read, words: read.words.map((w) => (better.has(w.id) ? respelled(w, better.get(w.id)!) : w)) };
}

/** A word with another reading of its ink: its characters spread evenly over its box, the first reading kept as `alt`. */
function respelled(w: OcrWord, text: string): OcrWord {
  const chars = Array.from(text);
  const step = (w.box.x1 - w.box.x0) / chars.length;
  const symbols = chars.map((ch, i) => ({
    text: ch,
    box: { x0: w.box.x0 + i * step, y0: w.box.y0, x1: w.box.x0 + (i + 1) * step, y1: w.box.y1 },
    conf: w.conf,
    interpolated: true,
  }));
  return { ...w, text, symbols, alt: w.text };
}

/**
 * The page with the text of its images added: lines in reading order among the text layer's (by their middle's
 * height), ids renumbered, the added words marked `fromImage`.
 */
export function withLines(page: OcrPage, added: OcrWord[][]): OcrPage {
  if (added.length === 0) return page;
  const byId = new Map(page.words.map((w) => [w.id, w]));
  type Entry = { words: OcrWord[]; angle: number; cy: number; x: number };
  const mid = (ws: OcrWord[]) => ws.reduce((s, w) => s + (w.box.y0 + w.box.y1) / 2, 0) / ws.length;
  const own: Entry[] = page.lines.map((l) => {
    const words = l.wordIds.map((id) => byId.get(id)).filter((w): w is OcrWord => !!w);
    return { words, angle: l.angle, cy: mid(words), x: words[0]?.box.x0 ?? 0 };
  });
  const extra: Entry[] = added
    .map((ws) => ({ words: ws.map((w) => ({ ...w, fromImage: true as const })), angle: 0, cy: mid(ws), x: ws[0]!.box.x0 }))
    .sort((a, b) => a.cy - b.cy || a.x - b.x);
  const merged: Entry[] = [];
  let k = 0;
  for (const e of own) {
    while (k < extra.length && extra[k]!.cy < e.cy) merged.push(extra[k++]!);
    merged.push(e);
  }
  merged.push(...extra.slice(k));
  const words: OcrWord[] = [];
  const lines: OcrLine[] = [];
  for (const e of merged) {
    const lineId = `l${lines.length}`;
    const ids = e.words.map((w) => {
      const { blockId: _block, ...rest } = w;
      const id = `w${words.length}`;
      words.push({ ...rest, id, lineId });
      return id;
    });
    lines.push({ id: lineId, wordIds: ids, box: unionBox(e.words.map((w) => w.box)), angle: e.angle });
  }
  return { ...page, words, lines };
}

/** Read the text printed inside a text-layer page's images and add it to the page (unchanged when there is none). */
export async function withImageText(
  page: OcrPage,
  image: Uint8Array,
  layer: TextLayerPage,
  ocr: () => Promise<OcrAdapter>,
  opts: { lang?: string } = {},
): Promise<OcrPage> {
  // The PDF paints no image: nothing to read (the browser and the CLI both say so; an older client says nothing).
  if (layer.images && layer.images.length === 0) return page;
  // An image the text layer came with but sharp cannot read was never needed before: the page keeps its layer.
  const meta = await sharp(image)
    .metadata()
    .catch(() => ({ width: 0, height: 0 }));
  const [w, h] = [meta.width ?? 0, meta.height ?? 0];
  if (!(w > 0 && h > 0) || w * h > MAX_PIXELS) return page;
  const [sx, sy] = [w / 1000, h / 1000];
  // The layer's image rectangles are in its raster's pixels; the image given may be another size.
  const [kx, ky] = [w / Math.max(1, layer.width), h / Math.max(1, layer.height)];
  const within = layer.images?.map((r) => ({ x0: r.x * kx, y0: r.y * ky, x1: (r.x + r.width) * kx, y1: (r.y + r.height) * ky }));
  // Only the part of the page holding images is decoded (a logo in the header: the header's rows).
  const part = within ? clip(unionBox(within), w, h) : { x0: 0, y0: 0, x1: w, y1: h };
  if (part.x1 <= part.x0 || part.y1 <= part.y0) return page;
  const grey = await greyPart(image, part).catch(() => null);
  if (!grey) return page;
  const shift = (r: PixelRect, d: number): PixelRect => ({ x0: r.x0 + d * part.x0, y0: r.y0 + d * part.y0, x1: r.x1 + d * part.x0, y1: r.y1 + d * part.y0 });
  const covered = page.words.map((x) => shift({ x0: x.box.x0 * sx, y0: x.box.y0 * sy, x1: x.box.x1 * sx, y1: x.box.y1 * sy }, -1));
  const regions = uncoveredTextRegions(
    grey,
    covered,
    within?.map((r) => shift(r, -1)),
    w,
  )
    .slice(0, MAX_REGIONS)
    .map((r) => shift(r, 1));
  if (regions.length === 0) return page;
  const lang = languageOf(page, opts.lang);
  // An addition to an exact page: if the reader cannot read a region (no OCR available, past its CPU budget), the
  // page keeps its text layer rather than the document failing. Only the reader's failure is absorbed.
  const adapter = await ocr().catch(() => null);
  if (!adapter) return page;
  const added: OcrWord[][] = [];
  for (const r of regions) {
    const c = await crop(image, r);
    const read = await adapter.recognize(c.img, { index: page.index, lang, upright: true }).catch(() => null);
    if (read) added.push(...keptLines(onPage(await secondReadings(adapter, c.img, read), c.rect, w, h), page.words));
  }
  return withLines(page, added);
}

/** Every value (line-item cells too) by path. */
function* located(data: Record<string, FieldResult>): Generator<[string, FieldResult]> {
  for (const [name, r] of Object.entries(data)) {
    if (!isArrayValue(r)) yield [name, r];
    else for (const [i, row] of r.value.entries()) for (const [k, fv] of Object.entries(row.field_bboxes)) yield [`${name}.${i}.${k}`, fv];
  }
}

/**
 * A review issue for every value read from image text: OCR'd letters on a page whose other words are exact, which the
 * risk stage would otherwise take for text-layer words (the code is the OCR's own doubt, so it is never auto-accepted).
 */
export function imageTextIssues(pages: OcrPage[], data: Record<string, FieldResult>, boxes: Record<string, { box: Box | null } | undefined>): CheckIssue[] {
  const issues: CheckIssue[] = [];
  for (const [path, fv] of located(data)) {
    if (isArrayValue(fv) || fv.value === null || fv.page === null) continue;
    const box = boxes[path]?.box;
    const page = pages[fv.page];
    if (!box || !page) continue;
    if (!page.words.some((w) => w.fromImage && overlap(w.box, box) > 0.5 * area(w.box))) continue;
    issues.push({
      code: "ocr_confidence",
      severity: "warning",
      message: `"${fv.value}" was read by OCR from an image on the page: the PDF's text layer does not hold it`,
      fields: [path],
    });
  }
  return issues;
}
