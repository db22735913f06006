import { ocrPage } from "../__fixtures__/ocr-page";
import type { OcrPage } from "../types";

/** A page whose words are the text's space-separated tokens (no geometry): what page-text evidence reads. */
export const wordsPage = (text: string): OcrPage =>
  ocrPage({
    width: 100,
    height: 100,
    language: "eng+Japanese",
    words: text.split(" ").map((t, i) => ({ id: `w${i}`, text: t, box: { x0: 0, y0: 0, x1: 1, y1: 1 }, quad: [] as never, conf: 1, symbols: [], lineId: "l" })),
  });
