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
      const ocrPages: OcrPage[] = [];
      const ocrMs: number[] = [];
      for (const [index, p] of input.pages.entries()) {
        const t0 = performance.now();
        const fromText = p.textLayer && !opts.forceOcr ? pageFromTextLayer(p.textLayer, index) : null;
        if (fromText) ocrPages.push(fromText);
        else if (p.image) {
          const img = await decodeImage(p.image, opts.maxPixels ? { maxPixels: opts.maxPixels } : {});
          const page = await (await getOcr()).recognize(img, { index, ...(input.lang ? { lang: input.lang } : {}) });
          ocrPages.push({ ...page, index });
        } else if (p.textLayer) {
          throw new EngineError("unprocessable_image", `page ${index + 1}: the text layer is unusable and no image was given`);
        } else throw new EngineError("invalid_request", `page ${index + 1} has neither an image nor a text layer`);
        ocrMs.push(Math.round(performance.now() - t0));
      }
      const result = await extractFromPages(ocrPages, { fields }, { extractor: await getExtractor(), ocrMs });
      return { ...result, ocrPages };
    },
    async close() {
      await ocr?.close?.();
      ocr = undefined;
    },
  };
}
