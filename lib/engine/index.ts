/**
 * The engine's public entry: everything the API, the web app, the job workers, the CLI
 * and the benchmark call. The pipeline is a list of named stages, each in its own folder,
 * each data in → data out:
 *   read        (read/)         page bytes or text layers → OcrPage[] (+ decoded images; glyphs.ts: a × read as x told by its ink)
 *   extract     (extract/)      OcrPage[] → raw values with their evidence
 *   match       (match/)        raw values → located FieldValues + what the matcher knows of each
 *   normalize   (normalize/)    numbers and dates → `normalized` where unambiguous
 *   validate    (validate/)     located values → check issues in words
 *   second pass (second-pass/)  unsure cells re-read, the document extracted again (OCR only)
 *   vendor      (cross-read/vendor.ts)  the vendor's line read by a second reader, its letters repaired, extracted again
 *   memory      (memory/)       a supplier's reviewed documents → candidates printed on the page, risk up or down
 *   cross read  (cross-read/)   OCR'd values read again by a second reader → agreement per value (OCR only)
 *   risk        (risk/)         every signal → each value's `risk`; risky values → review issues
 *   e-invoice   (einvoice/)     an e-invoice XML → exact values, located on the pages read, print ≠ XML flagged
 * `extractFromPages` is pure after OCR (extract → risk); `createEngine` is the shell that
 * does I/O (read, the second pass). The engine never reads process.env: the app passes
 * configuration in.
 */

import { type CrossAgreements, crossReadValues } from "./cross-read";
import { rereadVendor, type VendorReread } from "./cross-read/vendor";
import type { LlmConfig } from "./extract/llm";
import { totalWorse } from "./extract/rank/evidence";
import type { Extractor, RawExtraction, RawValue } from "./extract/types";
import { type MatchInfos, matchExtraction } from "./match";
import { adjustRisk, type MemoryVerdict, recall, type SupplierMemory } from "./memory";
import { addNormalized, documentMoney } from "./normalize";
import { addressedToUsIssue, type OwnCompany, ownMatcher, withoutOwnVendor } from "./own";
import { parseAmount } from "./parse/amount";
import { type OcrAdapter, type PageInput, readPages } from "./read";
import { imageTextIssues } from "./read/image-text";
import { assessRisk, type RiskModel, SHIPPED_RISK_MODEL } from "./risk";
import { secondPass } from "./second-pass";
import { getTemplate, perDocument } from "./templates";
import { type DocumentResult, EngineError, type FieldSpec, type OcrPage, type PageInfo } from "./types";
import { validate } from "./validate";
import { contextFromPages } from "./validate/context";
import { ENGINE_VERSION } from "./version";

export type { CrossAgreement, CrossAgreements } from "./cross-read";
export type { LlmConfig } from "./extract/llm";
export type { Evidence, Extractor, RawExtraction } from "./extract/types";
export { matchExtraction, matchValue } from "./match";
export {
  type FieldMemory,
  forget,
  learnField,
  learnPlaces,
  letterhead,
  MEMORY_CODE,
  remember,
  rememberLetterhead,
  type SupplierMemory,
  supplierKeys,
  supplierKeysOf,
} from "./memory";
export { addNormalized } from "./normalize";
export type { OwnCompany } from "./own";
export type { OcrAdapter, PageInput } from "./read";
export { ACCEPT_RISK, type RiskModel, SHIPPED_RISK_MODEL } from "./risk";
export * from "./types";
export { validate } from "./validate";
export { ENGINE_VERSION } from "./version";

/** What to extract: a template id or an explicit FieldSpec list (fields win). */
export interface ExtractRequest {
  templateId?: string;
  fields?: FieldSpec[];
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

/** A result before the risk stage, with what the extractor and the matcher knew beside it. */
interface Analysis extends DocumentResult {
  raw: RawExtraction;
  info: MatchInfos;
  memory: MemoryVerdict[];
  /** amounts whose "." the normalize stage read as a thousands group against the page's own grouping. */
  regrouped: ReadonlySet<string>;
}

/** Options of the pure path. */
export interface ExtractOptions {
  /** the organisation's own names and ids ("my company"): never the vendor; a document naming none of them is flagged. */
  own?: OwnCompany;
  extractor?: Extractor;
  ocrMs?: number[];
  /** the risk model (the shipped weights.json by default; the bench injects cross-validated fits). */
  riskModel?: RiskModel;
  /** put the risk model's inputs on the result (`riskFeatures`), for the bench and the trainer. */
  explain?: boolean;
  /** the supplier's memory (learned from reviewed documents by the app): ranks candidates, adjusts risk. */
  memory?: SupplierMemory;
  /** what a second reader said of each value (the shell's cross-read stage), a risk signal. */
  cross?: CrossAgreements;
}

const scalarsOf = (fields: FieldSpec[]) => new Map(fields.filter((f) => f.type !== "array").map((f) => [f.name, f.type]));

/** extract → memory → match → normalize → validate. */
async function analyze(
  pages: OcrPage[],
  fields: FieldSpec[],
  extractor: Extractor,
  ocrMs?: number[],
  own?: OwnCompany,
  memory?: SupplierMemory,
): Promise<Analysis> {
  const extracted = await extractor.extract(pages, fields, own ? { own } : undefined);
  // Any extractor (an LLM too) never hands back ourselves as the vendor.
  const recalled = recall(pages, scalarsOf(fields), memory, own ? withoutOwnVendor(extracted, ownMatcher(own)) : extracted, {
    perDocument: new Set(fields.filter(perDocument).map((f) => f.name)),
  });
  const raw = recalled.raw;
  const { data, info } = matchExtraction(pages, fields, raw);
  const context = contextFromPages(pages);
  const regrouped = addNormalized(fields, data, documentMoney(pages, context));
  const issues = validate(fields, data, { confidence: (path) => info[path]?.ocrConf, context });
  // Values read by OCR from a text-layer page's images are no exact text (read/image-text.ts).
  if (pages.some((p) => p.source === "textlayer" && p.words.some((w) => w.fromImage))) issues.push(...imageTextIssues(pages, data, info));
  const notOurs = own
    ? addressedToUsIssue(
        pages,
        ownMatcher(own),
        fields.map((f) => f.name),
      )
    : null;
  if (notOurs) issues.push(notOurs);
  return {
    engineVersion: ENGINE_VERSION,
    extractor: extractor.name,
    data,
    issues,
    pages: pages.map((p, i) => pageInfo(p, ocrMs?.[i])),
    raw,
    info,
    memory: recalled.verdicts,
    regrouped,
  };
}

/** risk: every value gets its estimated risk; the risky ones get a review issue. */
function finish(a: Analysis, pages: OcrPage[], fields: FieldSpec[], opts: ExtractOptions): DocumentResult {
  const { raw, info, memory, regrouped, ...result } = a;
  const risk = assessRisk(
    { pages, fields, raw, data: result.data, info, issues: result.issues, memory, regrouped, ...(opts.cross ? { cross: opts.cross } : {}) },
    { ...(opts.riskModel ? { model: opts.riskModel } : {}), explain: opts.explain === true },
  );
  const remembered = adjustRisk(risk.data, [...result.issues, ...risk.issues], memory, opts.riskModel ?? SHIPPED_RISK_MODEL, scalarsOf(fields));
  return {
    ...result,
    data: remembered.data,
    issues: remembered.issues,
    ...(risk.features ? { riskFeatures: risk.features } : {}),
    ...(opts.explain && memory.length > 0 ? { memoryVerdicts: memory } : {}),
  };
}

/** Pure after OCR: extract, locate every value on the pages, add `normalized`, run the checks, estimate each value's risk. */
/** A memory given as data is used from the first reading on; one found from the first reading is used on a second. */
const memoryNow = (m: DocumentInput["memory"]) => (typeof m === "function" ? undefined : m);

export async function extractFromPages(pages: OcrPage[], req: ExtractRequest, opts: ExtractOptions = {}): Promise<DocumentResult> {
  const fields = resolveFields(req);
  const extractor = opts.extractor ?? (await loadRulesExtractor());
  return finish(await analyze(pages, fields, extractor, opts.ocrMs, opts.own, opts.memory), pages, fields, opts);
}

/** Input of `processDocument`: the pages of one document and what to extract. */
export interface DocumentInput extends ExtractRequest {
  pages: PageInput[];
  /** OCR language(s), e.g. "eng", "deu", "eng+Japanese"; detected when omitted. */
  lang?: string;
  /** the document's e-invoice XML (standalone, or embedded in the PDF the pages come from): values come from it. */
  eInvoice?: Uint8Array;
  /** the organisation's own names and ids ("my company"): the buyer, never the vendor. */
  ownCompany?: OwnCompany;
  /** the supplier's memory (see ExtractOptions.memory), or how to find it from the first reading's values
   * (the app looks the supplier up by the tax id / IBAN / name read; the document is then read again with it, without new OCR). */
  memory?: SupplierMemory | ((firstReading: DocumentResult["data"], pages: OcrPage[]) => Promise<SupplierMemory | null | undefined>);
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
  /** OCR the text printed inside the images of text-layer pages (read/image-text.ts; default true). */
  imageText?: boolean;
  /** re-read doubtful number values and cells behind failed checks, one line at a time,
   * upscaled, with a number character set (default true; needs an adapter with `reread`). */
  secondPass?: boolean;
  /** the risk model (default: the shipped one). */
  riskModel?: RiskModel;
  /** put the risk model's inputs on every result (`riskFeatures`). */
  explain?: boolean;
  /** read every OCR'd value again with a second reader (cross-read/; needs an adapter with `crossRead`). Default
   * false: the shipped risk model does not weigh the agreement yet (measured: no gain in the auto-accepted share
   * under CV for ~1 s CPU a clean page, see docs/accuracy.md). */
  crossRead?: boolean;
  /** read the vendor's line again with the second reader and repair its letters (cross-read/vendor.ts; needs an
   * adapter with `crossRead`). Default true: receipts' vendors +8 points for ~0.1 s CPU a page (docs/accuracy.md). */
  vendorReread?: boolean;
  /** observe each vendor re-read (the bench's `--vendor-readings`). */
  onVendorReread?: (r: VendorReread) => void;
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
  const finishOpts: ExtractOptions = { ...(opts.riskModel ? { riskModel: opts.riskModel } : {}), explain: opts.explain === true };
  return {
    async processDocument(input) {
      const fields = resolveFields(input);
      if (input.pages.length === 0 && !input.eInvoice) throw new EngineError("invalid_request", "a document needs at least one page");
      const read = await readPages(input.pages, getOcr, {
        ...(opts.forceOcr ? { forceOcr: true } : {}),
        ...(opts.imageText === false ? { imageText: false } : {}),
        ...(opts.maxPixels ? { maxPixels: opts.maxPixels } : {}),
        ...(input.lang ? { lang: input.lang } : {}),
      });
      let pages = read.pages;
      const ex = await getExtractor();
      if (input.eInvoice) {
        // The XML gives the values; the page's own reading is the second opinion shown where they disagree.
        const { eInvoiceResult } = await import("./einvoice/stage");
        const printed =
          pages.length > 0
            ? finish(await analyze(pages, fields, ex, read.ocrMs, input.ownCompany, memoryNow(input.memory)), pages, fields, finishOpts)
            : undefined;
        return { ...eInvoiceResult(input.eInvoice, fields, pages, printed, input.ownCompany), ocrPages: pages };
      }
      let result = await analyze(pages, fields, ex, read.ocrMs, input.ownCompany, memoryNow(input.memory));
      const adapter = ocr;
      if (opts.secondPass !== false && adapter?.reread && read.images.some(Boolean)) {
        const t0 = performance.now();
        const reread = adapter.reread.bind(adapter);
        ({ pages, result } = await secondPass(
          { ...adapter, reread },
          read.images,
          pages,
          fields,
          result,
          (p) => analyze(p, fields, ex, read.ocrMs, input.ownCompany, memoryNow(input.memory)),
          (a, b) => totalWorse(a.raw.fields.total as RawValue | null | undefined, b.raw.fields.total as RawValue | null | undefined, parseAmount),
        ));
        // The second pass is OCR time: spread it over the OCR'd pages.
        const extra = (performance.now() - t0) / read.images.filter(Boolean).length;
        result = {
          ...result,
          pages: result.pages.map((pi, i) => (read.images[i] && pi.ocrMs !== undefined ? { ...pi, ocrMs: Math.round(pi.ocrMs + extra) } : pi)),
        };
      }
      // The vendor's line read by a second reader, its letters repaired, and the document extracted again from it.
      let vendorCross: CrossAgreements | undefined;
      if (opts.vendorReread !== false && adapter?.crossRead && read.images.some(Boolean)) {
        // An optional repair: if the second reader cannot run (its models fail to load), its readings count as
        // none and the first reading stands rather than the document failing — receipts read by tesseract alone
        // worked before this stage existed. Only the reader's failure is absorbed; a fault in the stage still throws.
        const second = adapter.crossRead.bind(adapter);
        const tolerant: OcrAdapter = {
          ...adapter,
          crossRead: (img, page, regions) => second(img, page, regions).catch(() => regions.map(() => null)),
        };
        const vr = await rereadVendor(tolerant, read.images, pages, fields, result.data, result.raw, result.info, {
          ...(opts.onVendorReread ? { onReread: opts.onVendorReread } : {}),
        });
        vendorCross = vr.cross;
        if (vr.changed) {
          pages = vr.pages;
          result = { ...(await analyze(pages, fields, ex, read.ocrMs, input.ownCompany, memoryNow(input.memory))), pages: result.pages };
        }
      }
      if (typeof input.memory === "function") {
        const memory = await input.memory(result.data, pages);
        if (memory && memory.entries.length > 0) result = { ...(await analyze(pages, fields, ex, read.ocrMs, input.ownCompany, memory)), pages: result.pages };
      }
      // A second, independent reading of every OCR'd value's words (crops only): agreement is a risk feature.
      const cross =
        opts.crossRead === true && ocr?.crossRead && read.images.some(Boolean)
          ? await crossReadValues(ocr, read.images, pages, fields, result.data, result.raw, result.info)
          : undefined;
      const agreed = cross || vendorCross ? { ...vendorCross, ...cross } : undefined;
      return { ...finish(result, pages, fields, agreed ? { ...finishOpts, cross: agreed } : finishOpts), ocrPages: pages };
    },
    async close() {
      await ocr?.close?.();
      ocr = undefined;
    },
  };
}
