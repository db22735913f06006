import type { OcrPage } from "../types";

/**
 * What the risk model knows of a page as a whole: how sure the OCR was of its words, whether it is a till receipt
 * (a tall printed block), a photographed sheet, a page printed in a CJK script.
 */

/** Height / width of the block of words in pixels (0 without words). */
function inkAspect(p: OcrPage): number {
  if (p.words.length < 3) return 0;
  const x0 = Math.min(...p.words.map((w) => w.box.x0));
  const x1 = Math.max(...p.words.map((w) => w.box.x1));
  const y0 = Math.min(...p.words.map((w) => w.box.y0));
  const y1 = Math.max(...p.words.map((w) => w.box.y1));
  return x1 > x0 ? ((y1 - y0) * p.height) / ((x1 - x0) * p.width) : 0;
}

/** Per page: mean OCR word confidence and whether it is receipt-shaped. */
export function pageStats(p: OcrPage) {
  const words = p.words.filter((w) => w.text.trim().length > 0);
  const mean = words.length ? words.reduce((s, w) => s + w.conf, 0) / words.length : 1;
  const weak = words.length ? words.filter((w) => w.conf < 0.6).length / words.length : 0;
  return {
    textLayer: p.source !== "tesseract",
    mean: p.source === "tesseract" ? mean : 1,
    weak: p.source === "tesseract" ? weak : 0,
    // Receipt-like: the printed block (not the scan around it) is a narrow, tall column.
    tall: p.height / Math.max(1, p.width) >= 1.8 || inkAspect(p) >= 1.8,
    // A photographed sheet: preprocessing found the sheet and flattened it before reading.
    photo: p.source === "tesseract" && p.flattening !== undefined,
    // CJK scripts print full-width twins of signs and digits (￥ ¥) that OCR cannot tell apart; OCR pages only (an
    // exact text layer has no such doubt, and never had the flag).
    cjk: p.source === "tesseract" && cjkScript(p),
  };
}

/**
 * Signs printed in two widths on CJK pages: the Halfwidth and Fullwidth Forms block and the narrow
 * signs that have a full-width twin there (¢ £ ¬ ¯ ¦ ¥ ₩). Neither a text layer nor OCR can tell
 * "¥" from "￥" (fonts draw them alike, PDFs map them either way), so such a value cannot be
 * confirmed letter for letter.
 */
export const WIDTH_TWIN = /[\uFF01-\uFFEE¢£¬¯¦¥₩]/u;
export const CJK_TEXT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Whether the page is printed in a CJK script: at least 3 Han/kana/Hangul characters and 5 % of its letters and
 * digits. What the page holds, not which OCR model read it: a Latin page read with the eng+Japanese models (the
 * unhinted first pass keeps them when its first blocks are plainly Latin) shows at most a stray character or two.
 */
export function cjkScript(p: OcrPage): boolean {
  let n = 0;
  let cjk = 0;
  for (const w of p.words)
    for (const ch of w.text) {
      if (/\s/u.test(ch)) continue;
      n++;
      if (CJK_TEXT.test(ch)) cjk++;
    }
  return cjk >= 3 && cjk >= 0.05 * n;
}

/** The facts of one page the features read. */
export type PageStats = ReturnType<typeof pageStats>;
