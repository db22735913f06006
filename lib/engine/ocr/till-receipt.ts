/**
 * Till receipts read by PP-OCR. A tall clean page (a receipt scanned or rendered, not a photo, not a large sheet) is
 * English print in a few fonts, where PP-OCR's line reader beats tesseract's English-first block reading and costs
 * less: SROIE-50 and sroie-extra end to end, docs/accuracy.md (#18, session 12). Its dictionary lacks German and
 * French letters, kana, £ and € (a £ left unread, or read "f"): such a page goes back to tesseract (`tesseractReason`).
 */
import type { OcrPage } from "../types";
import { DEFAULT_PAGE_BUDGET_MS } from "./budget";
import { isPhoto, readsUpright, routeFromOnnx } from "./gate";
import type { OcrImage, RecognizeOptions } from "./index";
import { latinLanguage, looksJapanese } from "./language";
import type { OnnxReader, ReadLine } from "./onnx";
import { SPACE_PROB } from "./onnx/spaces";
import { signReadAsLetter, unreadSignByNumber } from "./onnx/signs";

/** Height / width from which a page is a till receipt (index.ts reads such pages without rule removal, gate.ts TALL). */
export const TILL_TALL = 1.8;

/**
 * Share of the thumbnail at the page's own paper level (preprocess evenPaperShare) from which a tall page whose paper
 * is not near-white is a scan, not a photo: grey thermal paper scanned evenly. SROIE-50's eight grey scans 0.62–0.83;
 * sroie-extra's tall grey scans 0.47–0.59 (grey paper edge to edge, or a scanner's black margins beside it), the
 * lowest of them a receipt held on a dark ground 0.33; the 25 synthetic-dev phone photos 0.21–0.60 are none of them
 * tall (a camera frame is 4:3 or 16:9), so they do not bound it. Set on these pages: no held-out set of them exists.
 */
export const EVEN_SCAN = 0.45;

/**
 * Whether a page `width`×`height` whose thumbnail is `paperShare` near-white paper (and `evenShare` paper at its own
 * level) is a till receipt for the ONNX reader: tall, and not a photo — near-white, or grey paper evenly lit.
 */
export function isTillReceipt(width: number, height: number, paperShare: number, evenShare = 0): boolean {
  return height / Math.max(1, width) >= TILL_TALL && (!isPhoto(paperShare) || evenShare >= EVEN_SCAN);
}

/** Why the ONNX reading of a till receipt goes to tesseract, or null to keep it. */
export function tesseractReason(page: OcrPage, lines: ReadLine[]): "not-upright" | "japanese" | "language" | "unread-sign" | null {
  const text = page.words.map((w) => w.text).join(" ");
  if (!readsUpright(page)) return "not-upright";
  if (looksJapanese(text)) return "japanese";
  // German, French, … letters the dictionary lacks (and the date order of the page's language).
  if (latinLanguage(text) !== "eng") return "language";
  if (lines.some((l) => unreadSignByNumber(l) || signReadAsLetter(l))) return "unread-sign";
  return null;
}

/**
 * Whether the lines read so far (the top of the page) already show a page tesseract will read: kana, or the function
 * words of another Latin language. The rest of the page is then not read by the ONNX reader (its reading would be
 * thrown away): a German receipt's shop name, street and "GmbH" come first.
 */
export function notEnglishYet(lines: ReadLine[]): boolean {
  const text = lines.map((l) => l.chars.map((c) => c.text).join("")).join("\n");
  return looksJapanese(text) || latinLanguage(text) !== "eng";
}

/**
 * A till receipt read by the ONNX reader (word breaks from the CTC output, boxes on the ink), or by `tess` with the
 * page's budget when tesseractReason gives a reason.
 */
export async function readTillReceipt(
  img: OcrImage,
  ropts: RecognizeOptions,
  onnx: OnnxReader,
  tess: (img: OcrImage, ropts: RecognizeOptions) => Promise<OcrPage>,
  o: { limitMs?: number } = {},
): Promise<OcrPage> {
  const limit = ropts.cpuBudgetMs ?? o.limitMs ?? DEFAULT_PAGE_BUDGET_MS;
  const { page, lines, stopped } = await onnx.readPage(img, {
    index: ropts.index ?? 0,
    cpuBudgetMs: limit,
    spaceProb: SPACE_PROB,
    inkBoxes: true,
    stopWhen: notEnglishYet,
  });
  const reason = stopped ? "language" : tesseractReason(page, lines);
  if (reason) {
    // Another Latin language: tesseract reads with its model at once (as a photo's second reading, gate.ts), not
    // after its own detection passes — a German receipt scanned on grey paper ran out of the page's 9 s without it.
    const lang = reason === "language" ? routeFromOnnx(lines.map((l) => l.chars.map((ch) => ch.text).join("")).join("\n")) : null;
    // Its own hard cap, the page's budget (as a photo's second reading, gate.ts readBoth): whether it finishes must not
    // depend on how long the ONNX reading took on a loaded machine.
    return tess(img, { ...ropts, ...(lang && !ropts.lang ? { lang } : {}), cpuBudgetMs: limit });
  }
  // An OCR reading with real confidences (as the large-sheet and photo branches): the matcher, the risk features
  // and the second pass take any other source for a text layer. `reader` keeps a second PP-OCR reading off it.
  return { ...page, source: "tesseract", language: "eng", reader: "onnx" };
}
