/**
 * Routing and fusion between the two readers. The ONNX reader (PP-OCR: cheap, better on
 * blurred English and number lines) reads first; its dictionary has no €, ß, ö, ç or kana.
 * - `routed`: a page the ONNX reading shows to be German, French, Latvian, Polish or Czech
 *   is read again by tesseract with that language; otherwise the ONNX reading stands.
 * - `fused` (see fuse.ts): tesseract reads every page too, told the language the ONNX
 *   reading shows, and the two readings are fused word by word: tesseract's leads on
 *   German/French/… and Japanese pages (its charset), the ONNX reading on English ones.
 *   Synthetic-dev photos, values in the text: fused 73.7 %, ONNX 65.9 %, tesseract 59.8 %.
 */
import type { OcrPage } from "../types";
import { DEFAULT_PAGE_BUDGET_MS } from "./budget";
import { readBoth } from "./gate";
import { createOcrEngine, type OcrEngine, type OcrEngineOptions, type OcrImage, type RecognizeOptions } from "./index";
import { createOnnxReader, type OnnxReaderOptions } from "./onnx";

export interface RoutedReader {
  recognize(img: OcrImage, opts?: RecognizeOptions): Promise<OcrPage>;
  /** targeted re-reads (the engine's second pass) by tesseract in the page's language. */
  reread: OcrEngine["reread"];
  close(): Promise<void>;
}

export { routeFromOnnx } from "./gate";

export interface RoutedReaderOptions {
  onnx?: OnnxReaderOptions;
  tesseract?: OcrEngineOptions;
  /** fuse both readings word by word where tesseract reads the page too (default false: tesseract's reading replaces). */
  fuse?: boolean;
}

export function createRoutedReader(opts: RoutedReaderOptions = {}): RoutedReader {
  const onnx = createOnnxReader(opts.onnx);
  // Its own photo gate off: here the ONNX reading is already beside it.
  const tess = createOcrEngine({ ...opts.tesseract, secondReader: "off" });
  async function recognize(img: OcrImage, ropts: RecognizeOptions = {}): Promise<OcrPage> {
    if (ropts.lang) return tess.recognize(img, ropts);
    return readBoth(img, ropts, onnx, tess.recognize, { limitMs: opts.tesseract?.cpuBudgetMs ?? DEFAULT_PAGE_BUDGET_MS, fuse: opts.fuse ?? false });
  }
  return { recognize, reread: tess.reread, close: async () => void (await Promise.all([onnx.close(), tess.close()])) };
}
