/**
 * The engine's public entry: everything the API, the web app, the job workers, the CLI
 * and the benchmark call. Two layers:
 *  - `extractFromPages` is pure after OCR (OcrPage[] in, DocumentResult out):
 *    extract → match → normalize → validate.
 *  - `createEngine` is the shell that does I/O: decode image bytes, OCR them (or take a
 *    usable PDF text layer instead), then `extractFromPages`.
 * The engine never reads process.env: the app passes configuration in.
 */
import type { LlmConfig } from "./extract/llm";
import type { Extractor } from "./extract/types";
import { decodeImage } from "./image";
import { matchExtraction, ocrConfidence } from "./match";
import type { Reading, RereadRegion } from "./ocr/reread";
import { confirmByChecks, failedPaths, type Proposal, proposals } from "./ocr/confirm";
import { chooseRegions, type Disagreement, disagreementIssues, mergeReadings, type Region } from "./ocr/second-pass";
import { pageFromTextLayer } from "./ocr/textlayer";
import { type DecimalMark, type DateOrder, findDates, normalizeValue } from "./parse";
import { getTemplate } from "./templates";
import {
  type DocumentResult,
  EngineError,
  type FieldResult,
  type FieldSpec,
  isArrayValue,
  type OcrPage,
  type PageInfo,
  type TextLayerPage,
} from "./types";
import { validate } from "./validate";
import { ENGINE_VERSION } from "./version";

export { ENGINE_VERSION } from "./version";
export * from "./types";
export type { Extractor, RawExtraction } from "./extract/types";
export type { LlmConfig } from "./extract/llm";
export { validate } from "./validate";
export { matchExtraction, matchValue } from "./match";

/** What to extract: a template id or an explicit FieldSpec list (fields win). */
export interface ExtractRequest {
  templateId?: string;
  fields?: FieldSpec[];
}

/** The OCR seam: anything that turns a decoded page image into an OcrPage (tesseract.js by default). */
export interface OcrAdapter {
  recognize(img: { png: Buffer; width: number; height: number }, opts: { index: number; lang?: string }): Promise<OcrPage>;
  /** read regions of a page again (the targeted second pass); adapters without it get none. */
  reread?(img: { png: Buffer; width: number; height: number }, page: OcrPage, regions: RereadRegion[]): Promise<(Reading | null)[]>;
  close?(): Promise<void>;
}

/** Resolve the FieldSpecs of a request; unknown template → EngineError('invalid_request'). */
export function resolveFields(req: ExtractRequest): FieldSpec[] {
  if (req.fields && req.fields.length > 0) return req.fields;
  const id = req.templateId ?? "invoice";
  const t = getTemplate(id);
  if (!t) throw new EngineError("invalid_request", `unknown templateId "${id}" (built-in: invoice, delivery, receipt)`);
  return t.fields;
}

// Stages with heavy or optional dependencies load lazily: the pure path never pays for OCR.
async function loadRulesExtractor(): Promise<Extractor> {
  return (await import("./extract/rules")).createRulesExtractor();
}

/** Locale hints for `normalized`, learned from the document itself so only unambiguous values normalize. */
function localeHints(data: Record<string, FieldResult>, fields: FieldSpec[]): { decimal?: DecimalMark; dateOrder?: DateOrder } {
  let comma = 0;
  let dot = 0;
  let dmy = 0;
  let mdy = 0;
  const visit = (spec: FieldSpec, text: string | null) => {
    if (!text) return;
    if (spec.type === "number") {
      if (/\d,\d{1,2}(?!\d)\D*$/.test(text)) comma++;
      if (/\d\.\d{1,2}(?!\d)\D*$/.test(text)) dot++;
    }
    if (spec.type === "date") {
      for (const s of findDates(text)) {
        const m = /(\d{1,2})[./-](\d{1,2})[./-]\d{2,4}/.exec(s.text);
        if (!m) continue;
        if (Number(m[1]) > 12) dmy++;
        else if (Number(m[2]) > 12) mdy++;
        else if (s.text.includes(".")) dmy++;
      }
    }
  };
  for (const f of fields) {
    const r = data[f.name];
    if (!r) continue;
    if (!isArrayValue(r)) visit(f, r.value);
    else for (const row of r.value) for (const c of f.children ?? []) visit(c, row.field_bboxes[c.name]?.value ?? null);
  }
  return {
    decimal: comma > dot ? "," : dot > comma ? "." : undefined,
    dateOrder: dmy > 0 && mdy === 0 ? "dmy" : mdy > 0 && dmy === 0 ? "mdy" : undefined,
  };
}

/** Add `normalized` to number and date values where it is derivable without guessing. */
export function addNormalized(fields: FieldSpec[], data: Record<string, FieldResult>): void {
  const hints = localeHints(data, fields);
  const apply = (spec: FieldSpec, fv: { value: string | null; normalized?: number | string } | undefined) => {
    if (!fv?.value || (spec.type !== "number" && spec.type !== "date")) return;
    const n = normalizeValue(spec.type, fv.value, hints);
    if (n !== undefined) fv.normalized = n;
  };
  for (const f of fields) {
    const r = data[f.name];
    if (!r) continue;
    if (!isArrayValue(r)) apply(f, r);
    else for (const row of r.value) for (const c of f.children ?? []) apply(c, row.field_bboxes[c.name]);
  }
}

function pageInfo(p: OcrPage, ocrMs?: number): PageInfo {
  return {
    index: p.index,
    width: p.width,
    height: p.height,
    rotation: p.rotation,
    skew: p.skew,
    language: p.language,
    source: p.source,
    ...(ocrMs !== undefined ? { ocrMs } : {}),
  };
}

/** Pure after OCR: extract, locate every value on the pages, add `normalized`, run the checks. */
export async function extractFromPages(
  pages: OcrPage[],
  req: ExtractRequest,
  opts: { extractor?: Extractor; ocrMs?: number[] } = {},
): Promise<DocumentResult> {
  const fields = resolveFields(req);
  const extractor = opts.extractor ?? (await loadRulesExtractor());
  const raw = await extractor.extract(pages, fields);
  const data = matchExtraction(pages, fields, raw);
  addNormalized(fields, data);
  return {
    engineVersion: ENGINE_VERSION,
    extractor: extractor.name,
    data,
    issues: validate(fields, data, { confidence: ocrConfidence }),
    pages: pages.map((p, i) => pageInfo(p, opts.ocrMs?.[i])),
  };
}

/** One page of input: image bytes, a text layer, or both (the text layer wins when usable). */
export interface PageInput {
  image?: Uint8Array;
  textLayer?: TextLayerPage;
}

/** Input of `processDocument`: the pages of one document and what to extract. */
export interface DocumentInput extends ExtractRequest {
  pages: PageInput[];
  /** OCR language(s), e.g. "eng", "deu", "eng+Japanese"; detected when omitted. */
  lang?: string;
}

/** Options of the engine shell. */
export interface EngineOptions {
  /** use the LLM extractor with this endpoint instead of the rules. */
  llm?: LlmConfig;
  /** a ready extractor (wins over `llm`). */
  extractor?: Extractor;
  /** a custom OCR adapter (tests, a cloud OCR); the embedded tesseract.js by default. */
  ocr?: OcrAdapter;
  /** pixel ceiling for decoded images (decompression bombs). */
  maxPixels?: number;
  /** force OCR even when a usable text layer is given. */
  forceOcr?: boolean;
  /** re-read doubtful number values and cells behind failed checks, one line at a time,
   * upscaled, with a number character set (default true; needs an adapter with `reread`). */
  secondPass?: boolean;
}

type Img = { png: Buffer; width: number; height: number };

/**
 * The targeted second pass (see ocr/second-pass.ts): re-read the regions behind failed
 * checks and unsure or malformed numbers, merge the readings and extract again. One
 * well-formed number replaced by another is kept only when it makes failed checks pass
 * (the arithmetic confirms it); mended numbers and shown spaces are kept unless the checks
 * get worse. Values the readings disagree on, and that no check confirmed, go to review.
 */
async function secondPass(
  ocr: OcrAdapter & Required<Pick<OcrAdapter, "reread">>,
  images: (Img | undefined)[],
  pages: OcrPage[],
  fields: FieldSpec[],
  first: DocumentResult,
  extract: (pages: OcrPage[]) => Promise<DocumentResult>,
): Promise<{ pages: OcrPage[]; result: DocumentResult }> {
  const regions = chooseRegions(pages, fields, first);
  if (regions.length === 0) return { pages, result: first };
  const reads: { i: number; mine: Region[]; readings: (Reading | null)[]; props: Proposal[] }[] = [];
  for (const [i, page] of pages.entries()) {
    const img = images[i];
    const mine = regions.filter((r) => r.page === page.index);
    if (!img || mine.length === 0) continue;
    const readings = await ocr.reread(img, page, mine);
    // One well-formed value against another: a third reading from another crop votes.
    const vote = proposals(page, mine, readings).map((p) => p.region);
    const alt: (Reading | null | undefined)[] = [];
    const thirds = vote.length > 0 ? await ocr.reread(img, page, vote.map((k) => ({ ...mine[k]!, alt: true }))) : [];
    vote.forEach((k, j) => {
      alt[k] = thirds[j];
    });
    reads.push({ i, mine, readings, props: proposals(page, mine, readings, alt) });
  }
  const confirmed = new Set(confirmByChecks(first.data, reads.flatMap((r) => r.props), (d) => validate(fields, d)));
  const merge = (withConfirmed: boolean) => {
    const out = [...pages];
    const disagreed = new Map<number, Disagreement[]>();
    let adopted = 0;
    for (const r of reads) {
      const accept = new Set(withConfirmed ? r.props.filter((p) => confirmed.has(p)).map((p) => p.region) : []);
      const m = mergeReadings(pages[r.i]!, r.mine, r.readings, { accept });
      out[r.i] = m.page;
      adopted += m.adopted.length;
      // Readings the checks confirmed need no review.
      const open = m.disagreed.filter((d) => !(d.adopted && accept.has(d.region)));
      if (open.length) disagreed.set(pages[r.i]!.index, open);
    }
    return { pages: out, disagreed, adopted };
  };
  const before = failedPaths(first.issues);
  let final = { pages, result: first };
  const all = merge(true);
  let disagreed = new Map([...all.disagreed].map(([k, ds]) => [k, ds.map((d) => ({ ...d, ids: d.before }))]));
  // Keep the merged pages unless the extraction from them fails more checks; without the
  // confirmed readings as the fallback (re-extraction can move values between cells).
  for (const m of confirmed.size > 0 ? [all, merge(false)] : [all]) {
    if (m.adopted === 0) break;
    const next = await extract(m.pages);
    if (failedPaths(next.issues) <= before) {
      final = { pages: m.pages, result: next };
      disagreed = m.disagreed;
      break;
    }
  }
  const issues = disagreementIssues(final.pages, fields, final.result.data, disagreed);
  return { pages: final.pages, result: { ...final.result, issues: [...final.result.issues, ...issues] } };
}

/** The engine shell: a long-lived object holding the OCR workers; call close() when done. */
export interface Engine {
  processDocument(input: DocumentInput): Promise<DocumentResult & { ocrPages: OcrPage[] }>;
  close(): Promise<void>;
}

/** Create the engine shell (OCR workers start lazily on the first image page). */
export function createEngine(opts: EngineOptions = {}): Engine {
  let ocr: OcrAdapter | undefined = opts.ocr;
  let extractor: Extractor | undefined = opts.extractor;
  const getOcr = async (): Promise<OcrAdapter> => {
    if (!ocr) {
      const mod = await import("./ocr");
      ocr = mod.createOcrEngine();
    }
    return ocr;
  };
  const getExtractor = async (): Promise<Extractor> => {
    if (extractor) return extractor;
    if (opts.llm) {
      extractor = (await import("./extract/llm")).createLlmExtractor(opts.llm);
    } else extractor = await loadRulesExtractor();
    return extractor;
  };
  return {
    async processDocument(input) {
      const fields = resolveFields(input);
      if (input.pages.length === 0) throw new EngineError("invalid_request", "a document needs at least one page");
      let ocrPages: OcrPage[] = [];
      const ocrMs: number[] = [];
      const images: (Img | undefined)[] = [];
      for (const [index, p] of input.pages.entries()) {
        const t0 = performance.now();
        const fromText = p.textLayer && !opts.forceOcr ? pageFromTextLayer(p.textLayer, index) : null;
        images.push(undefined);
        if (fromText) ocrPages.push(fromText);
        else if (p.image) {
          const img = await decodeImage(p.image, opts.maxPixels ? { maxPixels: opts.maxPixels } : {});
          const page = await (await getOcr()).recognize(img, { index, ...(input.lang ? { lang: input.lang } : {}) });
          ocrPages.push({ ...page, index });
          images[index] = img;
        } else if (p.textLayer) {
          throw new EngineError("unprocessable_image", `page ${index + 1}: the text layer is unusable and no image was given`);
        } else throw new EngineError("invalid_request", `page ${index + 1} has neither an image nor a text layer`);
        ocrMs.push(Math.round(performance.now() - t0));
      }
      const ex = await getExtractor();
      const extract = (pages: OcrPage[]) => extractFromPages(pages, { fields }, { extractor: ex, ocrMs });
      let result = await extract(ocrPages);
      const adapter = ocr;
      if (opts.secondPass !== false && adapter?.reread && images.some(Boolean)) {
        const t0 = performance.now();
        const reread = adapter.reread.bind(adapter);
        ({ pages: ocrPages, result } = await secondPass({ ...adapter, reread }, images, ocrPages, fields, result, extract));
        // The second pass is OCR time: spread it over the OCR'd pages.
        const extra = (performance.now() - t0) / images.filter(Boolean).length;
        result = { ...result, pages: result.pages.map((pi, i) => (images[i] && pi.ocrMs !== undefined ? { ...pi, ocrMs: Math.round(pi.ocrMs + extra) } : pi)) };
      }
      return { ...result, ocrPages };
    },
    async close() {
      await ocr?.close?.();
      ocr = undefined;
    },
  };
}
