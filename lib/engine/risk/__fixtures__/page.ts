import { ocrPage } from "../../__fixtures__/ocr-page";
import type { OcrPage, OcrSource, OcrWord } from "../../types";

/** A 1000 × 1000 page of the given words, one line per distinct lineId (tests of the risk signals). */
export function pageOf(words: OcrWord[], source: OcrSource = "tesseract"): OcrPage {
  const lines = [...new Set(words.map((w) => w.lineId))].map((id) => ({
    id,
    wordIds: words.filter((w) => w.lineId === id).map((w) => w.id),
    box: words.find((w) => w.lineId === id)!.box,
    angle: 0,
  }));
  return ocrPage({ source, words, lines });
}
