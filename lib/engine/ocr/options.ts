/** Options of the OCR engine (index.ts createOcrEngine): readers, routing, budgets, preparation. */
import type { PrepareOptions } from "../preprocess";
import type { OnnxReaderOptions } from "./onnx";
import type { PoolLimit, PoolOptions } from "./pool";

export interface OcrEngineOptions extends PoolOptions {
  /** detect sideways (90/270°) and upside-down (180°) pages (default true). */
  detectOrientation?: boolean;
  /** "first-blocks" (default): pick the model from the first blocks read, and read those
   * again when it is deu/fra; "full-pass": recognize with eng+Japanese, then re-run Latin
   * pages with deu/fra. Either way a page whose whole text is German/French is re-run. */
  routing?: "first-blocks" | "full-pass";
  /** upscale factor for clean pages detected as Japanese (default 2; 1 = off). */
  japaneseScale?: number;
  /** recognize clean pages block by block (X-Y cut) instead of as one block (default true). */
  segment?: boolean;
  /** unhinted till receipts (tall pages; true: every page) read block by block: the first blocks by the English model
   * alone, both models only where that reading is not plainly Latin and its unsure lines read as Japanese (blocks.ts;
   * default "receipts"). */
  englishFirst?: boolean | "receipts";
  /** put back spaces Tesseract dropped ("2583,66€" → "2 583,66 €") from the character boxes (default true). */
  respace?: boolean;
  /** image preparation before OCR (upscaling, rule removal, illumination). */
  prepare?: Omit<PrepareOptions, "rotation">;
  /**
   * CPU budget per page in ms (default 9000): past it, recognize rejects with
   * EngineError("unprocessable_image", "… too complex …") and its worker is terminated.
   */
  cpuBudgetMs?: number;
  /**
   * CPU budget of one targeted re-read call in ms (default 9000, the page's): a safety net only (the regions read
   * are capped by work, reread.ts); past it the call rejects with EngineError("unprocessable_image").
   */
  rereadBudgetMs?: number;
  /**
   * Reader for large non-clean sheets (≥ 5 MP: 300-dpi flatbed scans of receipts, 12-MP photos):
   * "onnx" (default) reads them with the PP-OCR reader, Japanese pages excepted; "tesseract" keeps them here.
   * receipts_de: total/date/vendor in the text 97.1 % at 1.5 s CPU p50 (onnx) vs 72.9 % at 5.2 s (tesseract).
   */
  largeSheetReader?: "onnx" | "tesseract";
  /**
   * "photos" (default): a photo (a page not mostly paper) is read by the ONNX reader first, then
   * by tesseract told the language, and the readings are fused word by word (gate.ts); "off":
   * tesseract alone (the ONNX reader still takes large sheets, see largeSheetReader).
   */
  secondReader?: "photos" | "off";
  /** "onnx" (default): a till receipt (a tall clean page) is read by the ONNX reader unless tesseract suits it (till-receipt.ts). */
  tillReader?: "onnx" | "tesseract";
  /** a Latin photo's ONNX line height tesseract reads it at (gate.ts PHOTO_LINE_HEIGHT; 0 = the preparation's 2×). */
  photoLineHeight?: number;
  /** options of the ONNX reader for large sheets and photos (model paths, onRead, …). */
  onnx?: OnnxReaderOptions;
  /**
   * The tesseract pool's bounds once the ONNX reader is loaded (default: a worker that read an image above 5 MP is
   * retired — a Latin photo upscaled to 8 MP; Japanese photos are read at ≤ 4 MP, gate.ts). Both readers peaked at
   * 1054 MB on seven synthetic-dev photos with the pool's own bounds (two workers, each keeping the heap of the
   * 8-MP photo it read). One worker only (max 1) saved memory but cost receipts_de a worker start at each language
   * switch (eng+Japanese → deu on every page): found 91.4 → 82.9 %, CPU p50 3.1 → 4.8 s, 2 pages over budget.
   * With this default and MALLOC_ARENA_MAX=2: 7 photos peak 706 MB, receipts_de 91.4 % at 2.8 s p50, peak 759 MB.
   */
  withOnnx?: PoolLimit;
}
