/**
 * When the second reader is worth its CPU. Photos (a page whose thumbnail is not mostly
 * paper: background, shadows, uneven light) are where PP-OCR's line detector and CTC reader
 * beat tesseract on blurred Latin and digits, and where tesseract alone spends the most
 * (a detection pass, a 180° pass on a weak reading, a pass in the page's language). So a
 * photo is read by the ONNX reader first; its text tells tesseract the language (no
 * detection passes) and its confidence that the page is upright (no 180° pass), and the
 * two readings are fused word by word (fuse.ts). Clean renders
 * and scans keep tesseract's reading alone: it already finds ~98 % of their values.
 */
import type { OcrPage } from "../types";
import { EngineError } from "../types";
import { DEFAULT_PAGE_BUDGET_MS } from "./budget";
import { repairDigitGroups } from "./digit-groups";
import { fusePages } from "./fuse";
import { japanesePage } from "./han-variants";
import type { OcrImage, RecognizeOptions } from "./index";
import { latinLanguage, looksJapanese } from "./language";
import type { OnnxReader, ReadLine } from "./onnx";
import { SEP_PROB } from "./onnx/separators";
import { linesRunAcross, orientationSample, photoOrientation, turnedQuad } from "./work";

/** Share of paper in the thumbnail below which a page is a photo (the preparation's own "clean" line). */
export const PHOTO_PAPER_SHARE = 0.7;

export function isPhoto(paperShare: number): boolean {
  return paperShare < PHOTO_PAPER_SHARE;
}

/**
 * Pixels tesseract reads a Japanese photo at, after upscaling (the preparation's cap is 8 MP). When both readers shared one
 * 9-s budget (before readBoth gave tesseract its own): at 8 MP tesseract's eng+Japanese pass often did not finish, and the page kept the kana-less ONNX reading.
 * 7 Japanese synthetic-dev photos, `npm run bench:ocr -- <synthetic-dev> --photos-only --opt prepare.maxPixels=4000000`:
 * values found 47.0 → 54.1 %, no page over budget. Latin photos stay at 8 MP: in text 81.6 → 82.2 % at 4 MP, but
 * end to end (--no-baseline, fresh OCR) a German and a French photo lost their vendor and more fields than they gained.
 */
export const JA_PHOTO_TESS_PIXELS = 4_000_000;

/**
 * The tesseract model a Japanese photo is read with: the Japanese script model alone (its charset has Latin letters
 * and digits), not eng+Japanese, which reads every unsure word twice. With dark header rows inverted (rules.ts
 * invertDarkFills) tesseract finds the whole table of a Japanese photo, and eng+Japanese then ran past the page's
 * 9-s budget (ONNX ~2 s + tesseract 7.3 s on a 2.2-MP photo, vs 4.9 s for Japanese alone): the page kept the
 * kana-less ONNX reading.
 */
export const JA_PHOTO_MODEL = "Japanese";

/**
 * The detector's long side on a photo of a page (the reader's default, 960 px, stays for large sheets). A phone photo
 * of an A4 page holds 8–12 px text; at 960 px the detector sees it at 4–6 px and cuts or merges lines ("SpringfeldL201"
 * for "Springfield, IL 62701"). 25 synthetic-dev photos, ONNX reading alone: values found 66.8 → 71.5 % at 1280 px
 * (18 photos gain, none loses), its CPU p50 1.9 → 2.3 s; fused and end to end: docs/accuracy.md.
 */
export const PHOTO_DET_MAX_SIDE = 1280;

/**
 * Height (px) of a text line's box from the ONNX detector at which tesseract reads a Latin photo; the photo is scaled by
 * this over its small print (the 20th-percentile word height the detector found), between 1 and the preparation's 2
 * (photoLineScale). Scaled by the median line instead, footers in small print (IBAN, phone, vendor lines) fell below
 * what tesseract reads well: 25 synthetic-dev photos end to end 55.1 → 52.5 % exact (by the 20th percentile 54.5 %). The preparation's own text
 * height estimate (ink rows in strips) reads 8–15 px on synthetic-dev photos whose detector boxes are 19–33 px, so
 * every photo was upscaled 2× (capped at 8 MP): a 2-MP photo with 30-px lines went to tesseract at 8 MP, ~48-px
 * letters, and its worker was retired after it (pool: above 5 MP), a worker start (~1 s CPU) on the next page.
 * The small photos (~20-px boxes) keep their 2×.
 */
export const PHOTO_LINE_HEIGHT = 40;

/** The upscale factor for tesseract on a photo whose ONNX reading is `page` (image px), or undefined (too few lines to tell). */
export function photoLineScale(page: OcrPage, target = PHOTO_LINE_HEIGHT): number | undefined {
  const hs: number[] = [];
  for (const w of page.words) {
    if (!w.quad || w.text.length < 3) continue;
    const [tl, , , bl] = w.quad;
    hs.push(Math.hypot(((bl.x - tl.x) * page.width) / 1000, ((bl.y - tl.y) * page.height) / 1000));
  }
  if (hs.length < 5 || target <= 0) return undefined;
  hs.sort((a, b) => a - b);
  return Math.max(1, Math.min(2, target / hs[Math.floor(hs.length / 5)]!));
}

/** Long side / short side from which a page is a till receipt (index.ts reads such pages without rule removal). */
const TALL = 1.8;

/**
 * The detector's long side for a photo `width`×`height`, or undefined for the reader's own. A till receipt (a tall
 * strip) keeps 960 px: its shop name is printed in large logo letters the detector fragments at 1280 px ("LIDL" read
 * "9u2iLn9M" on a receipts_de photo), and its body text is not small at 960 px (SROIE's photo-gated receipts: 1280 px
 * found 2 more of 40 values, receipts_de's 1 fewer of 12).
 */
export function photoDetMaxSide(width: number, height: number): number | undefined {
  return Math.max(width, height) / Math.max(1, Math.min(width, height)) >= TALL ? undefined : PHOTO_DET_MAX_SIDE;
}

/**
 * Mean character confidence of an ONNX reading above which the page is upright. PP-OCR reads
 * an upside-down page as a few low-confidence fragments: on four synthetic-dev photos
 * (en/ja/fr/de) upright 0.895–0.968 (358–1029 characters), turned 180° 0.405–0.638 (59–266).
 */
export const UPRIGHT_CONF = 0.8;

/** Whether a first ONNX reading shows the page upright (then tesseract skips its orientation passes). */
export function readsUpright(page: OcrPage): boolean {
  let score = 0;
  let chars = 0;
  for (const w of page.words) {
    score += w.conf * w.text.length;
    chars += w.text.length;
  }
  return chars >= 20 && score / chars >= UPRIGHT_CONF;
}

/** The language hint for tesseract a first ONNX reading points to, or null to keep it. */
export function routeFromOnnx(text: string): "de" | "fr" | "lv" | "pl" | "cs" | null {
  if (looksJapanese(text)) return null;
  const latin = latinLanguage(text);
  // Languages whose letters the ONNX dictionary lacks go to tesseract with their own model.
  const hint = { deu: "de", fra: "fr", lav: "lv", pol: "pl", ces: "cs" } as const;
  return latin === "eng" ? null : hint[latin];
}

/**
 * tesseract's reading fused with the ONNX reader's (pure). Latin pages other than English
 * and Japanese pages (letters, kana the ONNX dictionary lacks) lead with tesseract's; English
 * pages lead with the ONNX reading, tesseract filling what its dictionary cannot produce.
 */
export function fuseReadings(tess: OcrPage, onnxPage: OcrPage, onnxChars: ReadonlySet<string>): OcrPage {
  const text = tess.words.map((w) => w.text).join(" ");
  if (tess.language !== "eng" || looksJapanese(text)) return { ...fusePages(tess, onnxPage).page, language: tess.language };
  // The flattened view is tesseract's (its preparation warped the photo), whichever reading leads.
  const flat = tess.flattening ? { flattening: tess.flattening } : {};
  // So is the page's orientation: the ONNX reader reads the image as it lies, tesseract turns it upright, and the
  // second pass crops its re-reads by the page's rotation (a turned page's crops read as upright would be noise).
  const turned = tess.rotation !== onnxPage.rotation ? { rotation: tess.rotation, skew: tess.skew } : {};
  return { ...fusePages(onnxPage, tess, { firstCharset: (c) => onnxChars.has(c) }).page, language: tess.language, ...flat, ...turned };
}

/** A photo's orientation from its ONNX lines (work.ts photoOrientation), undefined when they cannot tell. */
async function onnxOrientation(img: OcrImage, onnx: OnnxReader, lines: readonly ReadLine[]): Promise<0 | 180 | undefined> {
  if (!linesRunAcross(lines)) return undefined;
  const sample = orientationSample(lines);
  const turned = await onnx.readLines(
    img,
    sample.map((l) => turnedQuad(l.quad)),
  );
  return photoOrientation(sample, turned, lines);
}

/**
 * Both readers on one page: ONNX first, tesseract told the language, then fused. What the page is read with is decided
 * by what the ONNX reading shows, never by the time it took: tesseract gets the page's whole budget as its own hard cap
 * (its CpuBudget counts from its start). Given only what the ONNX reading had left, a German synthetic-dev photo
 * (ONNX 1.8 s, tesseract 7.7 s with its orientation passes, at load 11) kept the ONNX reading alone (78 words) where a
 * quieter fill of the same code had fused both (134 words): the cached reading, and the re-read and cross-read
 * regions keyed on it, changed with the machine's load. Tesseract reads once, in the orientation the ONNX lines show
 * (work.ts); the budget is the net behind that. `fuse: false` keeps the ONNX reading unless its text shows
 * a language its dictionary lacks (then tesseract's reading replaces it). `detMaxSide`: the ONNX detector's long
 * side for this page (the reader's own when absent; the engine's photos: photoDetMaxSide). `lineHeight`: the ONNX line
 * height a Latin photo is scaled to for tesseract (PHOTO_LINE_HEIGHT when absent; 0: the preparation's own 2×).
 */
export async function readBoth(
  img: OcrImage,
  ropts: RecognizeOptions,
  onnx: OnnxReader,
  tess: (img: OcrImage, ropts: RecognizeOptions) => Promise<OcrPage>,
  o: { limitMs?: number; fuse?: boolean; detMaxSide?: number; lineHeight?: number } = {},
): Promise<OcrPage> {
  const limit = ropts.cpuBudgetMs ?? o.limitMs ?? DEFAULT_PAGE_BUDGET_MS;
  const { page: first, lines } = await onnx.readPage(img, {
    index: ropts.index ?? 0,
    cpuBudgetMs: limit,
    sepProb: SEP_PROB,
    ...(o.detMaxSide ? { detMaxSide: o.detMaxSide } : {}),
  });
  const text = first.words.map((w) => w.text).join(" ");
  const ja = looksJapanese(text);
  const lang = routeFromOnnx(text);
  // The page's tesseract model name (date order and re-reads use it).
  const language = ja ? "eng+Japanese" : latinLanguage(text);
  if (!o.fuse) return lang ? tess(img, { ...ropts, lang, cpuBudgetMs: limit }) : { ...first, language };
  // An upright page spares tesseract its orientation passes; a reading too unsure to tell is settled by its longest
  // lines read turned (work.ts), so tesseract reads once either way.
  const orientation = readsUpright(first) ? 0 : await onnxOrientation(img, onnx, lines);
  const upright = orientation === 0 ? { upright: true } : orientation === 180 ? { turned: true } : {};
  // Latin photos at the text size tesseract wants (PHOTO_LINE_HEIGHT); Japanese ones keep their pixel cap.
  const photoScale = ja || o.lineHeight === 0 ? undefined : photoLineScale(first, o.lineHeight);
  const second = await tess(img, {
    ...(ja ? { maxPixels: JA_PHOTO_TESS_PIXELS } : {}),
    ...(photoScale ? { photoScale } : {}),
    ...ropts,
    ...upright,
    lang: lang ?? (ja ? JA_PHOTO_MODEL : "en"),
    cpuBudgetMs: limit,
  }).catch((err: unknown) => {
    // A page tesseract cannot finish within its budget keeps the ONNX reading (the safety net: no dev photo comes near).
    if (err instanceof EngineError && err.code === "unprocessable_image") return null;
    throw err;
  });
  // A Japanese page's kanji in the forms Japanese prints (han-variants.ts) before the readings are compared: the ONNX
  // reader's Chinese dictionary answers "费" where tesseract reads 費, a disagreement on a character both read right.
  const [onnxPage, tessPage] = ja ? [japanesePage(first), second && japanesePage(second)] : [first, second];
  // Blur takes a comma's tail: amounts' separators are repaired from the page's own numbers (digit-groups.ts).
  if (!tessPage) return repairDigitGroups({ ...onnxPage, language });
  return repairDigitGroups(fuseReadings(tessPage, onnxPage, await onnx.charset()));
}
