/**
 * The OCR adapter (Node shell): tesseract.js in-process, long-lived workers, automatic
 * script/language routing, quarter-turn orientation and deskew, boxes on the original
 * image's 0–1000 grid.
 */
import type { Worker } from "tesseract.js";
import sharp from "sharp";
import { type PrepareOptions, prepareForOcr, toGrey } from "../preprocess";
import { textDirection } from "../preprocess/orientation";
import type { OcrPage } from "../types";
import { type Frame, pageFromTesseract, type TessBlock } from "./convert";
import { rotatePoint } from "./geometry";
import { cjkShare, latinLanguage, modelsForHint } from "./language";
import { type PoolOptions, WorkerPool } from "./pool";

export { pageFromTextLayer } from "./textlayer";

/** A small greyscale copy for whole-page statistics. */
function thumbnail(png: Buffer): Promise<Buffer> {
  return sharp(png).resize({ width: 600, height: 600, fit: "inside" }).png({ compressionLevel: 0 }).toBuffer();
}

/** An image to recognize: PNG bytes and its pixel size. */
export interface OcrImage {
  png: Buffer;
  width: number;
  height: number;
}

export interface RecognizeOptions {
  /** 0-based page index reported in the OcrPage. */
  index?: number;
  /** "en" | "de" | "fr" | "ja" or Tesseract model names ("deu", "eng+Japanese"); auto when absent. */
  lang?: string;
}

/** A reusable OCR engine; call close() to free its workers. */
export interface OcrEngine {
  recognize(img: OcrImage, opts?: RecognizeOptions): Promise<OcrPage>;
  close(): Promise<void>;
}

export interface OcrEngineOptions extends PoolOptions {
  /** detect sideways (90/270°) and upside-down (180°) pages (default true). */
  detectOrientation?: boolean;
  /** image preparation before OCR (upscaling, rule removal, illumination). */
  prepare?: Omit<PrepareOptions, "rotation">;
}

interface Pass {
  page: OcrPage;
  /** Σ confidence × characters: compares passes over the same image. */
  score: number;
  meanConf: number;
  text: string;
}

/** Create an OCR engine backed by a small tesseract.js worker pool. */
export function createOcrEngine(opts: OcrEngineOptions = {}): OcrEngine {
  const pool = new WorkerPool(opts);
  const detectOrientation = opts.detectOrientation ?? true;

  async function pass(
    img: OcrImage,
    langs: string,
    rotation: 0 | 90 | 180 | 270,
    index: number,
  ): Promise<Pass> {
    const prep = await prepareForOcr(img, { ...opts.prepare, rotation });
    const data = await pool.use(langs, (w: Worker) =>
      w.recognize(prep.png, { rotateAuto: true }, { blocks: true, text: false }).then((r) => r.data),
    );
    const rad = data.rotateRadians ?? 0;
    // rotateAuto deskews about the image centre and reports boxes in that frame.
    const cx = prep.width / 2;
    const cy = prep.height / 2;
    const frame: Frame = {
      width: img.width,
      height: img.height,
      rotation,
      rad,
      map: (p) => prep.toOriginal(rad ? rotatePoint(p, -rad, cx, cy) : p),
    };
    const page = pageFromTesseract((data.blocks ?? []) as unknown as TessBlock[], frame, { index, language: langs });
    let score = 0;
    let chars = 0;
    for (const w of page.words) {
      score += w.conf * w.text.length;
      chars += w.text.length;
    }
    const text = page.words.map((w) => w.text).join(" ");
    return { page, score, meanConf: chars ? score / chars : 0, text };
  }

  async function recognize(img: OcrImage, ropts: RecognizeOptions = {}): Promise<OcrPage> {
    const index = ropts.index ?? 0;
    const hinted = ropts.lang ? modelsForHint(ropts.lang) : null;
    const langs = hinted ?? "eng+Japanese";
    // Sideways pages (lines running top to bottom) are found from projection profiles;
    // only they pay for two passes. Upside-down pages show up as a bad upright pass.
    const sideways = detectOrientation && textDirection(await toGrey(await thumbnail(img.png))) === "vertical";
    let best: Pass;
    if (sideways) {
      const [a, b] = [await pass(img, langs, 90, index), await pass(img, langs, 270, index)];
      best = b.score > a.score ? b : a;
    } else {
      best = await pass(img, langs, 0, index);
      if (detectOrientation && best.meanConf < 0.5) {
        const flipped = await pass(img, langs, 180, index);
        if (flipped.score > best.score * 1.2) best = flipped;
      }
    }
    if (hinted) return best.page;

    // Japanese pages stay on eng+Japanese (as good as either model alone on both scripts);
    // Latin pages are routed to deu/fra so umlauts, ß and accents come out.
    if (cjkShare(best.text) > 0.15) return best.page;
    const latin = latinLanguage(best.text);
    if (latin === "eng") {
      best.page.language = "eng+Japanese";
      return best.page;
    }
    const routed = await pass(img, latin, best.page.rotation, index);
    return routed.meanConf >= best.meanConf - 0.1 ? routed.page : best.page;
  }

  return { recognize, close: () => pool.close() };
}
