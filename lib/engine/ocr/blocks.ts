/**
 * A clean page read block by block (X-Y cut, preprocess/segment.ts) by the tesseract.js pool, and
 * the choice of model while reading: an unhinted page decides its script and language from the
 * first blocks read, with no detection pass of its own.
 */
import type { RecognizeResult, Worker } from "tesseract.js";
import type { TessBlock } from "./convert";
import { latinLanguage, looksJapanese, plainLatin, wordsOfBlocks } from "./language";
import type { WorkerPool } from "./pool";
import { PROBE_LINES, unsureCrops } from "./script-probe";
import { type Crop, stackCrops } from "./stack";

/** Characters read before the language is decided (or 35 % of the page's block area). */
const DETECT_CHARS = 400;

export type BlockData = RecognizeResult["data"];

export interface BlockRead {
  /** each crop's reading, in the crops' order. */
  results: BlockData[];
  /** the model the page was read with. */
  model: string;
}

export interface BlockReadOptions {
  /** the page's model, or undefined to decide it from the first blocks read (eng, eng+Japanese, deu, fra, …). */
  model?: string;
  /** a Japanese page ends the read ("japanese": the caller reads it again upscaled) instead of being read on. */
  restartJapanese: boolean;
  /** unhinted: read the first blocks with the English model alone (see readBlocks). */
  englishFirst: boolean;
  signal: AbortSignal;
}

const area = (c: { width: number; height: number }) => c.width * c.height;

/**
 * Read `crops` one by one, the largest first. A page has one skew: it is measured on the largest
 * block and handed to the others (rotateAuto runs tesseract's line finder once more per block, ~16 % of the pass).
 * Unhinted, the first blocks decide: Japanese keeps eng+Japanese (or restarts), a German or French page reads those
 * blocks again with its own model. With `englishFirst` they are read by the English model alone (about half the
 * CPU of eng+Japanese on SROIE receipts); the page stays with it when that reading is plainly Latin
 * (language.ts plainLatin) or its least sure lines hold no Japanese (script-probe.ts), and is read again with
 * both models otherwise.
 */
export async function readBlocks(pool: WorkerPool, crops: Crop[], o: BlockReadOptions): Promise<BlockRead | "japanese"> {
  const totalArea = crops.reduce((a, c) => a + area(c), 0);
  const largest = crops.reduce((bi, c, i) => (area(c) > area(crops[bi]!) ? i : bi), 0);
  const order = [largest, ...[...crops.keys()].filter((i) => i !== largest)];
  let pending = o.model === undefined;
  let model = o.model ?? (o.englishFirst ? "eng" : "eng+Japanese");
  let results: (BlockData | undefined)[] = [];
  let rad: number | undefined;
  let seen = "";
  let seenArea = 0;
  /** the blocks the English reading was judged on (their unsure lines probed, if any). */
  let judged: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const c = crops[i]!;
    const opts = rad === undefined ? { rotateAuto: true } : { rotateRadians: rad };
    const data = await pool.use(model, (w: Worker) => w.recognize(c.png, opts, { blocks: true, text: pending }).then((r) => r.data), o.signal, area(c));
    rad ??= data.rotateRadians ?? 0;
    results[i] = data;
    if (!pending) continue;
    seen += `${data.text ?? ""}\n`;
    seenArea += area(c);
    if (seen.replace(/\s/gu, "").length < DETECT_CHARS && seenArea < 0.35 * totalArea && k < order.length - 1) continue;
    pending = false;
    if (model === "eng") {
      judged = order.slice(0, k + 1);
      const read = judged.map((j) => readOf(crops, results, j));
      if (!plainLatin(read.flatMap((r) => wordsOfBlocks(r.blocks))) && (await japaneseInUnsure(pool, read, o.signal, true))) {
        if (o.restartJapanese) return "japanese";
        // Read from the start with both models, the script decided from that reading as below.
        model = "eng+Japanese";
        pending = true;
        seen = "";
        seenArea = 0;
        results = [];
        k = -1;
        continue;
      }
    } else if (looksJapanese(seen)) {
      if (o.restartJapanese) return "japanese";
      continue;
    }
    const latin = latinLanguage(seen);
    if (latin === "eng") continue;
    model = latin;
    results = [];
    k = -1;
  }
  // The rest of a page the English model kept: Japanese in a block after plainly Latin ones (an English heading, a
  // table of figures first) shows in the unsure lines of a block not plainly Latin itself, probed together.
  if (o.englishFirst && o.model === undefined && model === "eng") {
    const rest = [...crops.keys()]
      .filter((j) => !judged.includes(j))
      .map((j) => readOf(crops, results, j))
      .filter((r) => !plainLatin(wordsOfBlocks(r.blocks)));
    if (rest.length > 0 && (await japaneseInUnsure(pool, rest, o.signal, false))) {
      if (o.restartJapanese) return "japanese";
      return readBlocks(pool, crops, { ...o, model: "eng+Japanese", englishFirst: false });
    }
  }
  return { results: results as BlockData[], model };
}

const readOf = (crops: Crop[], results: (BlockData | undefined)[], j: number) => ({
  png: crops[j]!.png,
  blocks: results[j]?.blocks as unknown as TessBlock[] | undefined,
});

/**
 * Whether the least sure lines of some blocks' English readings read as Japanese with both models. No unsure line
 * at all: `none` (true for the first blocks, a reading not plainly Latin with too little text to judge: both models
 * decide, as index.ts does for a page read whole).
 */
async function japaneseInUnsure(
  pool: WorkerPool,
  read: { png: Buffer; blocks: TessBlock[] | undefined }[],
  signal: AbortSignal,
  none: boolean,
): Promise<boolean> {
  // The least sure lines of all the blocks on one strip: one read with both models.
  const lines = (await Promise.all(read.map((r) => unsureCrops(r.png, r.blocks)))).flat().sort((a, b) => a.conf - b.conf);
  if (lines.length === 0) return none;
  const stack = await stackCrops(lines.slice(0, PROBE_LINES).map((l) => l.crop));
  const text = await pool.use(
    "eng+Japanese",
    (w: Worker) => w.recognize(stack.png, {}, { text: true }).then((d) => d.data.text ?? ""),
    signal,
    stack.width * stack.height,
  );
  return looksJapanese(text);
}
