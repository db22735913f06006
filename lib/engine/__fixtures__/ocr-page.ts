import type { OcrPage } from "../types";

/**
 * An OcrPage for tests: the first page of a document, a 1000 × 1000 image read upright by tesseract in English,
 * no words or lines. Give only what the test is about (words, lines, a source, a size, a language).
 */
export function ocrPage(page: Partial<OcrPage> = {}): OcrPage {
  return { index: 0, width: 1000, height: 1000, rotation: 0, skew: 0, language: "eng", source: "tesseract", words: [], lines: [], ...page };
}
