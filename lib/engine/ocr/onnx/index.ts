/**
 * The ONNX reader: PP-OCR text-line detection + CTC recognition on onnxruntime-node, in
 * the engine's OcrPage model. One thread, no spinning: the engine shares two cores with
 * the web app and the job worker, and spinning threads double the CPU time for nothing.
 */
import { readFileSync } from "node:fs";
import type * as Ort from "onnxruntime-node";
import sharp from "sharp";
import type { OcrPage, Quad } from "../../types";
import { CpuBudget, DEFAULT_PAGE_BUDGET_MS } from "../budget";
import { boxesFromMap, type DetOptions } from "./det";
import { lineInk } from "./ink";
import { type ModelPaths, modelPaths } from "./models";
import { pageFromLines, type ReadLine } from "./page";
import { type CtcChar, decodeCtc, REC_HEIGHT, type Rgb, sampleLine } from "./rec";

export { modelPaths, type ModelPaths } from "./models";
export type { CtcChar } from "./rec";
export type { ReadLine } from "./page";

export interface OnnxReaderOptions extends DetOptions {
  /** model files (default: the shipped PP-OCRv4 set; see models.ts). */
  models?: Partial<ModelPaths>;
  /** the detector sees the page with its long side at most this many px (default 960). */
  detMaxSide?: number;
  /**
   * onnxruntime's CPU memory arena (default true) and its per-shape memory pattern (default false). Without the arena
   * every run maps its activations afresh and faults them in (system time): the detector at 960×1280 took 0.8–1.1 s a
   * page and 1.7–2.9 s for each new input shape (a photo's size rounded to 32 px), 0.3–0.4 s with it. The pattern
   * (one block per input shape, kept in the arena) added 180 MB peak RSS for nothing: detector alone on 7 runs of
   * 5 shapes (a micro-benchmark of the detector session alone, 1 thread), maxRSS 521 MB neither, 639 MB arena + pattern,
   * 463 MB arena alone.
   */
  memArena?: boolean;
  memPattern?: boolean;
  /** CPU budget per page in ms (default 9000), as the tesseract reader. */
  cpuBudgetMs?: number;
  /** observe each page's detected and read lines before they become words (benchmarks, debugging). */
  onRead?: (lines: ReadLine[], meta: { width: number; height: number }) => void;
}

/** Per-page options of `OnnxReader.recognize`. */
export interface RecognizeOnnxOptions {
  index?: number;
  cpuBudgetMs?: number;
  detMaxSide?: number;
  /** put back word breaks where the space class reaches this probability between two characters (spaces.ts SPACE_PROB). */
  spaceProb?: number;
  /** put back amounts' separators where their class reaches this probability between two digits (separators.ts SEP_PROB). */
  sepProb?: number;
  /** tighten word and symbol boxes to their ink (ink.ts) instead of the detected line's height. */
  inkBoxes?: boolean;
  /**
   * asked with the lines read so far (top of the page first) after every `STOP_EVERY` lines: true ends the reading
   * there (`stopped`), for a caller that would throw the reading away (a page going to tesseract, till-receipt.ts).
   */
  stopWhen?: (lines: ReadLine[]) => boolean;
}

/** Lines read between two `stopWhen` questions. */
export const STOP_EVERY = 12;

/** A reader with tesseract's adapter shape (recognize + close). */
export interface OnnxReader {
  /** `cpuBudgetMs`: this page's budget when less than the reader's is left (a second reader after a first);
   * `detMaxSide`: the detector's long side for this page (a photo's small text, gate.ts), else the reader's. */
  recognize(img: { png: Buffer; width: number; height: number }, opts?: RecognizeOnnxOptions): Promise<OcrPage>;
  /** recognize, with the lines read (their strips' ink when `inkBoxes`): a caller judging the reading (signs.ts). */
  readPage(img: { png: Buffer; width: number; height: number }, opts?: RecognizeOnnxOptions): Promise<{ page: OcrPage; lines: ReadLine[]; stopped?: boolean }>;
  /** the characters its recogniser can produce (loads the models). */
  charset(): Promise<ReadonlySet<string>>;
  /** recognise given line quads (image pixels, tl tr br bl), no detection: crop readings (../crossread.ts). */
  readLines(img: { png: Buffer; width: number; height: number }, quads: Quad[]): Promise<CtcChar[][]>;
  close(): Promise<void>;
}

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** Create the reader; models load on first use. */
export function createOnnxReader(opts: OnnxReaderOptions = {}): OnnxReader {
  const so = (): Ort.InferenceSession.SessionOptions => ({
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
    enableCpuMemArena: opts.memArena ?? true,
    enableMemPattern: opts.memPattern ?? false,
    extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
  });
  // The detector loads on the first page read whole: crop readings (the vendor line of every
  // tesseract receipt) need the recogniser only, and the detector's session is its own memory.
  let loadedDet: Promise<Ort.InferenceSession> | null = null;
  const loadDet = () =>
    (loadedDet ??= (async () => {
      const { ort } = await load();
      return ort.InferenceSession.create(modelPaths(opts.models).det, so());
    })());
  let loaded: Promise<{ ort: typeof Ort; rec: Ort.InferenceSession; dict: string[] }> | null = null;
  const load = () =>
    (loaded ??= (async () => {
      const ort = await import("onnxruntime-node");
      const paths = modelPaths(opts.models);
      const rec = await ort.InferenceSession.create(paths.rec, so());
      // One character a line; PP-OCR appends the space as the last class.
      const dict = [
        ...readFileSync(paths.dict, "utf8")
          .replace(/\r/g, "")
          .split("\n")
          .filter((l, i, a) => l !== "" || i < a.length - 1),
        " ",
      ];
      return { ort, rec, dict };
    })());

  async function readPage(img: { png: Buffer; width: number; height: number }, ropts: RecognizeOnnxOptions = {}) {
    const index = ropts.index ?? 0;
    const budget = new CpuBudget(ropts.cpuBudgetMs ?? opts.cpuBudgetMs ?? DEFAULT_PAGE_BUDGET_MS, `page ${index + 1}`);
    try {
      const [{ ort, rec, dict }, det] = await Promise.all([load(), loadDet()]);
      const raw = await sharp(img.png).removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
      const rgb: Rgb = { data: new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length), width: raw.info.width, height: raw.info.height };
      // Detection at ≤ detMaxSide, sides a multiple of 32 (the network's stride).
      const s = Math.min(1, (ropts.detMaxSide ?? opts.detMaxSide ?? 960) / Math.max(rgb.width, rgb.height));
      const dw = Math.max(32, Math.round((rgb.width * s) / 32) * 32);
      const dh = Math.max(32, Math.round((rgb.height * s) / 32) * 32);
      const small = await sharp(raw.data, { raw: { width: rgb.width, height: rgb.height, channels: 3 } })
        .resize(dw, dh, { fit: "fill" })
        .raw()
        .toBuffer();
      const x = new Float32Array(3 * dw * dh);
      const plane = dw * dh;
      for (let i = 0; i < plane; i++) {
        for (let c = 0; c < 3; c++) {
          const b = 2 - c; // BGR planes, as PaddleOCR feeds OpenCV images
          x[b * plane + i] = ((small[i * 3 + c] ?? 0) / 255 - (MEAN[b] ?? 0)) / (STD[b] ?? 1);
        }
      }
      const detOut = await det.run({ [det.inputNames[0]!]: new ort.Tensor("float32", x, [1, 3, dh, dw]) });
      const prob = detOut[det.outputNames[0]!]!.data as Float32Array;
      const boxes = boxesFromMap(prob, dw, dh, rgb.width / dw, rgb.height / dh, opts);
      budget.check();
      // One line an inference: batching similar widths (padded) cost 45 % more CPU on receipts_de (1 thread).
      const read: ReadLine[] = [];
      for (const b of boxes) {
        const width = Math.max(16, Math.min(3200, Math.round((REC_HEIGHT * b.length) / Math.max(1, b.height))));
        const strip = sampleLine(rgb, b.quad, width);
        const out = (await rec.run({ [rec.inputNames[0]!]: new ort.Tensor("float32", strip, [1, 3, REC_HEIGHT, width]) }))[rec.outputNames[0]!]!;
        const [, steps = 0, classes = 0] = out.dims;
        const chars = decodeCtc(out.data as Float32Array, steps, classes, dict, {
          ...(ropts.spaceProb !== undefined ? { spaceProb: ropts.spaceProb } : {}),
          ...(ropts.sepProb !== undefined ? { sepProb: ropts.sepProb } : {}),
        });
        read.push({ quad: b.quad, height: b.height, chars, ...(ropts.inkBoxes ? { ink: lineInk(strip, width) } : {}) });
        budget.check();
        if (ropts.stopWhen && read.length % STOP_EVERY === 0 && read.length < boxes.length && ropts.stopWhen(read)) {
          return { page: pageFromLines(read, { index, width: img.width, height: img.height, language: "ppocr" }), lines: read, stopped: true };
        }
      }
      opts.onRead?.(read, { width: img.width, height: img.height });
      return { page: pageFromLines(read, { index, width: img.width, height: img.height, language: "ppocr" }), lines: read };
    } finally {
      budget.dispose();
    }
  }

  async function readLines(img: { png: Buffer; width: number; height: number }, quads: Quad[]): Promise<CtcChar[][]> {
    if (quads.length === 0) return [];
    const { ort, rec, dict } = await load();
    const raw = await sharp(img.png).removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    const rgb: Rgb = { data: new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length), width: raw.info.width, height: raw.info.height };
    const out: CtcChar[][] = [];
    for (const q of quads) {
      const len = Math.hypot(q[1].x - q[0].x, q[1].y - q[0].y);
      const height = Math.hypot(q[3].x - q[0].x, q[3].y - q[0].y);
      const width = Math.max(16, Math.min(3200, Math.round((REC_HEIGHT * len) / Math.max(1, height))));
      const res = (await rec.run({ [rec.inputNames[0]!]: new ort.Tensor("float32", sampleLine(rgb, q, width), [1, 3, REC_HEIGHT, width]) }))[
        rec.outputNames[0]!
      ]!;
      const [, steps = 0, classes = 0] = res.dims;
      out.push(decodeCtc(res.data as Float32Array, steps, classes, dict));
    }
    return out;
  }

  async function charset(): Promise<ReadonlySet<string>> {
    const { dict } = await load();
    chars ??= new Set(dict);
    return chars;
  }
  let chars: Set<string> | null = null;

  async function close(): Promise<void> {
    const [l, d] = [loaded, loadedDet];
    loaded = null;
    loadedDet = null;
    await Promise.all([d?.then((det) => det.release()), l?.then(({ rec }) => rec.release())]);
  }

  const recognize = async (img: { png: Buffer; width: number; height: number }, ropts?: RecognizeOnnxOptions) => (await readPage(img, ropts)).page;
  return { recognize, readPage, charset, readLines, close };
}
