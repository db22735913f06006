/**
 * The OCR adapter (Node shell): tesseract.js in-process, long-lived workers, automatic
 * script/language routing, quarter-turn orientation and deskew, boxes on the original
 * image's 0–1000 grid.
 */
import type { Worker } from "tesseract.js";
import { evenPaperShare, paperShare, prepareForOcr, toGrey } from "../preprocess";
import { segmentBlocks } from "../preprocess/segment";
import { largePageFlattening } from "../preprocess/sheet-flattening";
import type { OcrPage } from "../types";
import { cropBlocks, isLargeSheet, looksSideways, thumbnail } from "./page-shape";
import { readBlocks } from "./blocks";
import { type Frame, pageFromTesseract, type TessBlock } from "./convert";
import { rotatePoint } from "./geometry";
import { mergeBlockPages } from "./merge";
import { type Reading, type RereadRegion, rereadRegions } from "./reread";
import { respacePage } from "./respace";
import { splitStack, stackCrops } from "./stack";
import { unsureLines } from "./script-probe";
import { latinLanguage, looksJapanese, modelsForHint, plainLatin, wordsOfBlocks } from "./language";
import { WorkerPool } from "./pool";
import type { OcrEngineOptions } from "./options";
import { asOnePage, CpuBudget, DEFAULT_PAGE_BUDGET_MS } from "./budget";
import { createOnnxReader, type OnnxReader } from "./onnx";
import { isPhoto, photoDetMaxSide, readBoth } from "./gate";
import { type CrossReading, type CrossRegion, crossReadRegions } from "./crossread";
import { isTillReceipt, readTillReceipt } from "./till-receipt";
import { cropFlattening, cropImage, onPage, receiptRect, tillBlock } from "./printed-block";

export { pageFromTextLayer } from "./textlayer";
export type { Reading, RereadRegion } from "./reread";
export type { CrossReading, CrossRegion } from "./crossread";
export type { OcrEngineOptions } from "./options";

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
  /** CPU budget of this page in ms, when less than the engine's is left (a second reader after a first). */
  cpuBudgetMs?: number;
  /** the page is known to be upright (a first reader read it confidently): no sideways or 180° passes. */
  upright?: boolean;
  /** the page is known to be upside down (work.ts photoOrientation): read once, turned 180°. */
  turned?: boolean;
  /** cap on the pixels tesseract reads after upscaling (the preparation's maxPixels; default 8 MP). */
  maxPixels?: number;
  /** upscale factor of a photo (the preparation's photoScale; default 2): a first reader measured its text (gate.ts). */
  photoScale?: number;
}

/** A reusable OCR engine; call close() to free its workers. */
export interface OcrEngine {
  recognize(img: OcrImage, opts?: RecognizeOptions): Promise<OcrPage>;
  /** read regions of a recognized page again, one line each (the targeted second pass). */
  reread(img: OcrImage, page: OcrPage, regions: RereadRegion[]): Promise<(Reading | null)[]>;
  /** read regions again with the ONNX line recogniser (crossread.ts); a page it already read (a photo, a large sheet) gets nulls. */
  crossRead(img: OcrImage, page: OcrPage, regions: CrossRegion[]): Promise<(CrossReading | null)[]>;
  close(): Promise<void>;
}

interface Pass {
  page: OcrPage;
  /** Σ confidence × characters: compares passes over the same image. */
  score: number;
  meanConf: number;
  text: string;
  /** upscale factor asked for (Japanese pages). */
  scale: number | undefined;
}

/** Language "to be detected from the first blocks read" (see `pass`). */
const AUTO = "auto";
/** Mean confidence below which a sideways reading is compared with an upright one. */
const WEAK_SIDEWAYS = 0.6;

/** The words of some tesseract readings (holes skipped). */
const wordsRead = (results: ({ blocks?: unknown } | undefined)[]) => results.flatMap((d) => wordsOfBlocks(d?.blocks as TessBlock[] | undefined));

/** Create an OCR engine backed by a small tesseract.js worker pool. */
export function createOcrEngine(opts: OcrEngineOptions = {}): OcrEngine {
  const pool = new WorkerPool(opts);
  const detectOrientation = opts.detectOrientation ?? true;

  async function pass(
    img: OcrImage,
    langs: string,
    rotation: 0 | 90 | 180 | 270,
    index: number,
    budget: CpuBudget,
    scale?: number,
    size: Pick<RecognizeOptions, "maxPixels" | "photoScale"> = {},
  ): Promise<Pass | "japanese"> {
    budget.check();
    // Receipts have no ruled tables; rule removal only erased dashes touching their text.
    const tall = (rotation % 180 === 0 ? img.height / img.width : img.width / img.height) >= 1.8;
    const prep = await prepareForOcr(img, {
      ...(tall ? { removeRules: false } : {}),
      ...opts.prepare,
      rotation,
      ...(scale ? { cleanScale: scale } : {}),
      ...(size.maxPixels ? { maxPixels: size.maxPixels } : {}),
      ...(size.photoScale ? { photoScale: size.photoScale } : {}),
    });
    const auto = langs === AUTO;
    // Japanese found on a clean page that was not upscaled: start again, upscaled.
    const restartJapanese = auto && prep.clean && !scale && opts.japaneseScale !== 1;
    // Clean pages are recognized block by block (see preprocess/segment.ts); photos are
    // too noisy for whitespace cuts and go in whole.
    const blocks = opts.segment !== false && prep.clean ? segmentBlocks(prep.grey) : [];
    // An unhinted page in one piece (a receipt) is read with the English model first: a page it reads
    // as plain Latin text needs no Japanese model (language.ts plainLatin); one it does not, whose
    // least sure lines read as Japanese (script-probe.ts), is read again with eng+Japanese as before.
    // Block by block the same on a till receipt (blocks.ts, englishFirst): SROIE-50 CPU p50 −19 %, no value lost.
    // Not on other pages: 30 synthetic-dev documents read so lost 10 of 786 English values (line items, an IBAN:
    // the two-model reading wins a few words on A4 invoices), none of their Japanese, German or French.
    const probing = auto && blocks.length <= 1 && !pool.nativeBin;
    let model = auto ? (probing ? "eng" : "eng+Japanese") : langs;
    let page: OcrPage;
    if (blocks.length > 1 && pool.nativeBin) {
      // The native binary starts a process per call: all blocks in one stacked read.
      const crops = await cropBlocks(prep, blocks);
      const stack = await stackCrops(crops);
      const read = (m: string) =>
        pool.use(m, (w: Worker) => w.recognize(stack.png, {}, { blocks: true, text: true }).then((r) => r.data), budget.signal, stack.width * stack.height);
      let data = await read(model);
      if (auto && looksJapanese(data.text ?? "")) {
        if (restartJapanese) return "japanese";
      } else if (auto && latinLanguage(data.text ?? "") !== "eng") {
        model = latinLanguage(data.text ?? "");
        data = await read(model);
      }
      const meta = { index, language: model };
      const pages = splitStack((data.blocks ?? []) as unknown as TessBlock[], stack, crops).map((bl, i) => {
        const c = crops[i]!;
        const map = (p: { x: number; y: number }) => prep.toOriginal({ x: p.x + c.left, y: p.y + c.top });
        return pageFromTesseract(bl, { width: img.width, height: img.height, rotation, rad: prep.deskew, map }, meta);
      });
      page = mergeBlockPages(pages, { ...meta, width: img.width, height: img.height, rotation, skew: pages[0]?.skew ?? 0, source: "tesseract" });
    } else if (blocks.length > 1) {
      const crops = await cropBlocks(prep, blocks);
      const read = await readBlocks(pool, crops, {
        ...(auto ? {} : { model }),
        restartJapanese,
        englishFirst: auto && (opts.englishFirst === true || (tall && opts.englishFirst !== false)) && !pool.nativeBin,
        signal: budget.signal,
      });
      if (read === "japanese") return "japanese";
      const { results } = read;
      model = read.model;
      const meta = { index, language: model };
      const pages = results.map((data, i) => {
        const c = crops[i]!;
        const rad = data!.rotateRadians ?? 0;
        const frame: Frame = {
          width: img.width,
          height: img.height,
          rotation,
          rad: rad + prep.deskew,
          map: (p) => {
            const q = rad ? rotatePoint(p, -rad, c.width / 2, c.height / 2) : p;
            return prep.toOriginal({ x: q.x + c.left, y: q.y + c.top });
          },
        };
        return pageFromTesseract((data!.blocks ?? []) as unknown as TessBlock[], frame, meta);
      });
      const skews = pages.map((p) => p.skew).sort((a, b) => a - b);
      page = mergeBlockPages(pages, {
        ...meta,
        width: img.width,
        height: img.height,
        rotation,
        skew: skews[Math.floor(skews.length / 2)] ?? 0,
        source: "tesseract",
      });
    } else {
      const read = (m: string) =>
        pool.use(
          m,
          (w: Worker) => w.recognize(prep.png, { rotateAuto: true }, { blocks: true, text: false }).then((r) => r.data),
          budget.signal,
          prep.width * prep.height,
        );
      let data = await read(model);
      if (probing && !plainLatin(wordsRead([data])) && (await japaneseInUnsureLines(prep.png, data.blocks as unknown as TessBlock[], budget))) {
        model = "eng+Japanese";
        data = await read(model);
      }
      const rad = data.rotateRadians ?? 0;
      // rotateAuto deskews about the image centre and reports boxes in that frame.
      const frame: Frame = {
        width: img.width,
        height: img.height,
        rotation,
        rad: rad + prep.deskew,
        map: (p) => prep.toOriginal(rad ? rotatePoint(p, -rad, prep.width / 2, prep.height / 2) : p),
      };
      page = pageFromTesseract((data.blocks ?? []) as unknown as TessBlock[], frame, { index, language: model });
      if (restartJapanese && looksJapanese(page.words.map((w) => w.text).join(" "))) return "japanese";
    }
    // A photo warped to its sheet: the app shows the flattened page (boxes stay on the original).
    if (prep.flattening) page = { ...page, flattening: prep.flattening };
    let score = 0;
    let chars = 0;
    for (const w of page.words) {
      score += w.conf * w.text.length;
      chars += w.text.length;
    }
    const text = page.words.map((w) => w.text).join(" ");
    return { page, score, meanConf: chars ? score / chars : 0, text, scale };
  }

  /** Whether the lines the English model read least surely read as Japanese with both models (script-probe.ts); no such lines: true. */
  async function japaneseInUnsureLines(png: Buffer, blocks: TessBlock[], budget: CpuBudget): Promise<boolean> {
    const stack = await unsureLines(png, blocks);
    if (!stack) return true;
    const text = await pool.use(
      "eng+Japanese",
      (w: Worker) => w.recognize(stack.png, {}, { text: true }).then((r) => r.data.text ?? ""),
      budget.signal,
      stack.width * stack.height,
    );
    return looksJapanese(text);
  }

  let onnx: OnnxReader | null = null;
  const onnxReader = (): OnnxReader => {
    if (!onnx) {
      onnx = createOnnxReader({ ...(opts.cpuBudgetMs ? { cpuBudgetMs: opts.cpuBudgetMs } : {}), ...opts.onnx });
      pool.limit(opts.withOnnx ?? { retireAbovePixels: 5_000_000 });
    }
    return onnx;
  };
  async function recognize(img: OcrImage, ropts: RecognizeOptions = {}): Promise<OcrPage> {
    const thumb = ropts.lang ? null : await toGrey(await thumbnail(img.png));
    if ((opts.largeSheetReader ?? "onnx") === "onnx" && thumb && (await isLargeSheet(img, undefined, thumb))) {
      // A till receipt on a scanner's lid (sheet-receipt.ts) is cut out and read alone: the detector sees it at 1.4× the
      // resolution it had on the whole sheet, no flattening is searched for on the sheet (0.7 s), its boxes go back onto
      // the sheet. Read as a cropped till receipt (German to tesseract, ä ß € kept) it ran past the 9-s budget on 7 of 8
      // receipts_de sheets (tesseract alone 4–6 s on kaufland's 937×2561 crop; session 14).
      const rect = (opts.tillReader ?? "onnx") === "onnx" ? receiptRect(thumb, img.width, img.height) : null;
      if (rect) {
        const crop = await cropImage(img.png, rect);
        const flattening = cropFlattening(rect, img.width, img.height);
        // Read as the whole sheet was (no word breaks from the CTC output: at this resolution they split "02. 05. 2020").
        const page = await onnxReader().recognize(crop, ropts);
        const text = page.words.map((w) => w.text).join(" ");
        if (!looksJapanese(text))
          return { ...onPage(page, rect, img.width, img.height), source: "tesseract", language: latinLanguage(text), reader: "onnx", flattening };
      }
      // A Japanese receipt cut out goes to tesseract below without a second ONNX reading of the whole sheet.
      const page = rect ? null : await onnxReader().recognize(img, ropts);
      const text = page ? page.words.map((w) => w.text).join(" ") : "";
      // Its dictionary has no kana: Japanese pages stay with tesseract. Latin pages carry the
      // tesseract model name of their language (date order, re-reads use it). It reads the photo
      // as taken: the flattened view comes from the sheet found on a downscaled copy.
      if (page && !looksJapanese(text)) {
        const flattening = await largePageFlattening(img);
        // An OCR reading with real confidences, as the photo branch below: the matcher, the risk
        // features and the second pass take any other source for a text layer (confidence 1,
        // never re-read), which would let a misread value on a large scan pass the review gate.
        return { ...page, source: "tesseract", language: latinLanguage(text), ...(flattening ? { flattening } : {}) };
      }
    }
    const share = thumb ? paperShare(thumb) : 1;
    // A till receipt (till-receipt.ts): the ONNX reader, tesseract where its dictionary lacks the page's letters. Before
    // the photo test: a receipt scanned on grey paper has little near-white but is no photo.
    if ((opts.tillReader ?? "onnx") === "onnx" && thumb && isTillReceipt(img.width, img.height, share, isPhoto(share) ? evenPaperShare(thumb) : 0))
      return readTillReceipt(img, ropts, onnxReader(), tesseract, { limitMs: opts.cpuBudgetMs ?? DEFAULT_PAGE_BUDGET_MS });
    // A till receipt printed small on a white page (printed-block.ts): its block is read as one; where the ONNX reading
    // goes to tesseract, tesseract reads the whole page as before.
    const block = (opts.tillReader ?? "onnx") === "onnx" && thumb && !isPhoto(share) ? tillBlock(thumb, img.width, img.height) : null;
    if (block) {
      let wholePage = false;
      const readWhole = (_crop: OcrImage, o: RecognizeOptions) => {
        wholePage = true;
        return tesseract(img, o);
      };
      const limitMs = opts.cpuBudgetMs ?? DEFAULT_PAGE_BUDGET_MS;
      const page = await readTillReceipt(await cropImage(img.png, block), ropts, onnxReader(), readWhole, { limitMs });
      return wholePage ? page : onPage(page, block, img.width, img.height);
    }
    // The second reader where it pays (gate.ts): a photo is read by both, fused, in one budget.
    if ((opts.secondReader ?? "photos") === "photos" && !ropts.lang && isPhoto(share)) {
      const detMaxSide = opts.onnx?.detMaxSide ?? photoDetMaxSide(img.width, img.height);
      const page = await readBoth(img, ropts, onnxReader(), recognize, {
        limitMs: opts.cpuBudgetMs ?? DEFAULT_PAGE_BUDGET_MS,
        fuse: true,
        ...(detMaxSide ? { detMaxSide } : {}),
        ...(opts.photoLineHeight !== undefined ? { lineHeight: opts.photoLineHeight } : {}),
      });
      // An OCR reading with real confidences: the matcher, the risk features and the second
      // pass take any other source for a text layer (confidence 1, never re-read). A photo whose
      // tesseract reading did not finish in the budget keeps the ONNX reading: its flattened view
      // then comes from the sheet found on a downscaled copy (display only).
      const flattening = page.flattening ?? (await largePageFlattening(img));
      return { ...page, source: "tesseract", ...(flattening ? { flattening } : {}) };
    }
    return tesseract(img, ropts);
  }

  async function tesseract(img: OcrImage, ropts: RecognizeOptions): Promise<OcrPage> {
    const budget = new CpuBudget(ropts.cpuBudgetMs ?? opts.cpuBudgetMs ?? DEFAULT_PAGE_BUDGET_MS, `page ${(ropts.index ?? 0) + 1}`);
    try {
      const page = await recognizeBest(img, ropts, budget);
      return opts.respace === false ? page : respacePage(page);
    } finally {
      budget.dispose();
    }
  }

  async function recognizeBest(img: OcrImage, ropts: RecognizeOptions, budget: CpuBudget): Promise<OcrPage> {
    const index = ropts.index ?? 0;
    const hinted = ropts.lang ? modelsForHint(ropts.lang) : null;
    // Sideways pages (lines running top to bottom) are found from projection profiles;
    // only they pay for two passes. Upside-down pages show up as a bad upright pass.
    const sideways = detectOrientation && !ropts.upright && !ropts.turned && (await looksSideways(img));
    // Kanji at 150 DPI are ~16 px: too small for their strokes. Japanese pages get upscaled.
    const jaScale = opts.japaneseScale !== 1 ? (opts.japaneseScale ?? 2) : undefined;
    const run = async (langs: string, rotation: 0 | 90 | 180 | 270, scale?: number): Promise<Pass> => {
      const p = await pass(img, langs, rotation, index, budget, scale, ropts);
      return p === "japanese" ? ((await pass(img, "eng+Japanese", rotation, index, budget, jaScale, ropts)) as Pass) : p;
    };
    // Unhinted upright pages pick their model from the first blocks they read (AUTO).
    const langs = hinted ?? (opts.routing !== "full-pass" && !sideways ? AUTO : "eng+Japanese");
    let best: Pass;
    if (sideways) {
      const [a, b] = [await run(langs, 90), await run(langs, 270)];
      best = b.score > a.score ? b : a;
      // The projection profile takes some sparse pages (a continuation page with a few
      // lines and a table's rules) for sideways ones: a weak sideways reading is checked
      // against the upright one.
      if (best.meanConf < WEAK_SIDEWAYS) {
        const upright = await run(hinted ?? (opts.routing !== "full-pass" ? AUTO : "eng+Japanese"), 0);
        if (upright.score > best.score) best = upright;
      }
    } else {
      best = await run(langs, ropts.turned ? 180 : 0, hinted === "Japanese" ? jaScale : undefined);
      if (detectOrientation && !ropts.upright && !ropts.turned && best.meanConf < 0.5) {
        const flipped = await run(best.page.language, 180, best.scale);
        if (flipped.score > best.score * 1.2) best = flipped;
      }
    }
    if (hinted) return best.page;
    // Japanese pages stay on eng+Japanese (as good as either model alone on both scripts);
    // Latin pages are routed to deu/fra so umlauts, ß and accents come out. This is also
    // the safety net for a page whose first blocks looked English but whose body does not.
    if ((best.page.language !== "eng+Japanese" && best.page.language !== "eng") || looksJapanese(best.text)) return best.page;
    const latin = latinLanguage(best.text);
    if (latin === "eng") return best.page;
    const routed = await run(latin, best.page.rotation);
    return routed.meanConf >= best.meanConf - 0.1 ? routed.page : best.page;
  }

  // The page's own model (the worker is usually still loaded from the first pass). What is read is capped by work
  // (reread.ts affordable), never by time; the page's CPU budget stays as the safety net, and past it the call
  // rejects with its "too complex" error so the second-pass stage keeps the first reading and says so.
  const reread = async (img: OcrImage, page: OcrPage, regions: RereadRegion[]): Promise<(Reading | null)[]> => {
    if (regions.length === 0) return [];
    const budget = new CpuBudget(opts.rereadBudgetMs ?? DEFAULT_PAGE_BUDGET_MS, `page ${page.index + 1} (re-read)`);
    try {
      return await pool.use(page.language, (w: Worker) => rereadRegions(w, img.png, page, regions, budget.signal), budget.signal);
    } finally {
      budget.dispose();
    }
  };

  // A second reader only where tesseract read alone: photos and large sheets were read by the ONNX reader already.
  const crossRead = async (img: OcrImage, page: OcrPage, regions: CrossRegion[]): Promise<(CrossReading | null)[]> => {
    if (regions.length === 0 || page.source !== "tesseract" || page.reader === "onnx" || isPhoto(paperShare(await toGrey(await thumbnail(img.png)))))
      return regions.map(() => null);
    return crossReadRegions(onnxReader(), img, regions);
  };

  const close = async () => {
    await Promise.all([pool.close(), onnx?.close()]);
    onnx = null;
  };
  // One budget group per call: a photo's two readers share the page's CPU; pages read side by side split it.
  return { recognize: (img, ropts) => asOnePage(() => recognize(img, ropts)), reread, crossRead, close };
}
