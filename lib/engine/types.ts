/**
 * The engine's shared vocabulary. Every stage (ocr → layout → extract → match → validate)
 * speaks these types; nothing here imports from the app, the database or the network.
 *
 * Geometry: one coordinate system end to end, the 0–1000 grid of the page image
 * (0,0 top-left; 1000,1000 bottom-right). Floats inside the engine; integers only at the
 * API edge (see `toApiBBox`).
 */

/** A point on the 0–1000 page grid. */
import type { MemoryVerdict } from "./memory/types";

export interface Point {
  x: number;
  y: number;
}

/** Four points tl, tr, br, bl of an oriented rectangle, on the 0–1000 grid. */
export type Quad = [Point, Point, Point, Point];

/** An axis-aligned box on the 0–1000 grid (floats inside the engine). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One recognized character with its own box. */
export interface OcrSymbol {
  text: string;
  box: Box;
  /** 0–1 */
  conf: number;
  /** true when the engine only gave a phrase box and this box was interpolated. */
  interpolated?: boolean;
  /** what the reader read when the glyphs stage (read/glyphs.ts) replaced it from its geometry ("x" for a ×). */
  read?: string;
}

/** One word; ids are `w0`, `w1`, … in reading order across the whole page. */
export interface OcrWord {
  id: string;
  text: string;
  box: Box;
  /** oriented rectangle following the text's baseline (tl, tr, br, bl). */
  quad: Quad;
  /** 0–1 */
  conf: number;
  symbols: OcrSymbol[];
  lineId: string;
  blockId?: string;
  /** another reader's differing reading of the same ink (fused OCR): a doubt for review. */
  alt?: string;
  /** read by OCR from the page image on a page read from its text layer (text printed inside an image, read/image-text.ts). */
  fromImage?: true;
}

/** One text line: ordered word ids. */
export interface OcrLine {
  id: string;
  wordIds: string[];
  box: Box;
  /** baseline angle in degrees (positive = clockwise on screen). */
  angle: number;
  blockId?: string;
}

export type OcrSource = "tesseract" | "textlayer" | "llm" | "other";

/** The one page model every stage shares. Words are in reading order. */
export interface OcrPage {
  /** 0-based index of the page within its document. */
  index: number;
  /** pixel size of the page image the grid refers to. */
  width: number;
  height: number;
  /** rotation that was detected and undone before recognition (boxes are in the original frame). */
  rotation: 0 | 90 | 180 | 270;
  /** residual skew in degrees that was detected (boxes are in the original frame). */
  skew: number;
  /** language/script model(s) used, e.g. "eng", "deu", "eng+Japanese". */
  language: string;
  source: OcrSource;
  words: OcrWord[];
  lines: OcrLine[];
  /** set when preprocessing flattened a photographed sheet before reading it (boxes stay on the original). */
  flattening?: PageFlattening;
  /** "onnx": the PP-OCR reader read it alone (a till receipt, a large sheet): a second PP-OCR reading is no second opinion. */
  reader?: "onnx";
}

/**
 * How a photographed page was flattened: the sheet's corners on the original page image (0–1000
 * grid; tl, tr, br, bl of the upright sheet) and the flattened image's pixel size. The corners
 * map onto the flattened page's grid corners by one homography (lib/engine/preprocess/flatten.ts).
 */
export interface PageFlattening {
  quad: Quad;
  width: number;
  height: number;
}

/** A text item from a PDF text layer, already in page-image pixels, origin top-left. */
export interface TextLayerItem {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** rotation of the run in degrees (0 for ordinary horizontal text). */
  angle?: number;
}

/** A page's text layer as the browser (pdfjs) or the CLI sends it. */
export interface TextLayerPage {
  /** size of the raster the items refer to, in pixels. */
  width: number;
  height: number;
  items: TextLayerItem[];
  /** where the PDF paints images on the page, in the same pixels (pdf/images.ts); absent: unknown, the whole page is searched. */
  images?: { x: number; y: number; width: number; height: number }[];
}

export type FieldType = "string" | "number" | "date" | "array";

/** What the caller wants extracted. `children` only on `array`. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  description?: string;
  /** a missing required value goes to the review queue. */
  required?: boolean;
  /**
   * not the supplier's: every document has its own value (an invoice or receipt number, a time). Supplier memory
   * learns where it is printed, never its text as the supplier's (templates/index.ts perDocument).
   */
  perDocument?: boolean;
  children?: FieldSpec[];
}

/** A built-in template: data, not code. */
export interface Template {
  id: string;
  label: string;
  description: string;
  fields: FieldSpec[];
}

/** Integer bbox on the 0–1000 grid, as the API contract defines it. */
export interface ApiBBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

export type BboxSource =
  | "vision_symbol_match"
  | "token_id"
  | "token_id_hybrid"
  | "low_confidence"
  | "shared_value"
  /** the value was read from the e-invoice XML; the box, when set, is where the page prints it. */
  | "e_invoice_xml"
  /** the value is not printed as such but implied by printed text (`inferred_from`, e.g. "€" → EUR); the box is that text. */
  | "inferred";

/** One located scalar value (the contract's detailed shape plus `page`). */
export interface FieldValue {
  /** verbatim as printed; null when the document does not have it. */
  value: string | null;
  /** number or ISO date, only when derivable unambiguously (type number/date). */
  normalized?: number | string;
  bbox: ApiBBox | null;
  vertices: Point[] | null;
  match_ratio: number;
  bbox_source: BboxSource | null;
  /** 0-based page index the value was located on (null when not located). */
  page: number | null;
  /** set when bbox_source is "inferred": the printed text the value was inferred from ("€"). */
  inferred_from?: string;
  /** estimated probability (0–1) that the value is wrong, from every signal the engine has
   * (the risk stage); absent on results made before it existed. */
  risk?: number;
}

/** One row of an array field. */
export interface ArrayRow {
  field_bboxes: Record<string, FieldValue>;
}

/** An array field (line items). */
export interface ArrayValue {
  value: ArrayRow[];
}

export type FieldResult = FieldValue | ArrayValue;

/**
 * A finding that routes values to review. `fields` are paths: "total",
 * "line_items.2.amount". Results carry issues instead of throwing.
 */
export interface CheckIssue {
  code:
    | "line_amount"
    | "subtotal_sum"
    | "total_sum"
    | "tax_rate"
    | "registration_number"
    | "iban"
    | "vat_id"
    | "invalid_date"
    | "missing_required"
    | "low_confidence"
    | (string & {});
  severity: "error" | "warning";
  /** human words, e.g. "Σ line amounts 12,340 ≠ subtotal 12,430". */
  message: string;
  fields: string[];
  /**
   * values the check read without naming them (Σ lines ≠ subtotal reads every amount, names only the rows that do
   * not add up on their own): a re-check after an edit of one of them, and the OCR's second look, still cover them.
   */
  reads?: string[];
  /** another document the finding points at (a possible duplicate's earlier copy); set by the app, never the engine. */
  related?: { documentId: string; fileName: string };
}

/** Per page facts the result reports. */
export interface PageInfo {
  index: number;
  width: number;
  height: number;
  rotation: number;
  skew: number;
  language: string;
  source: OcrSource;
  ocrMs?: number;
}

/** One result per document. */
export interface DocumentResult {
  engineVersion: string;
  extractor: "rules" | "llm" | "e_invoice";
  data: Record<string, FieldResult>;
  issues: CheckIssue[];
  pages: PageInfo[];
  /** the risk model's inputs by path; only when the caller asked (`explain`: the bench, the trainer). */
  riskFeatures?: Record<string, Record<string, number>>;
  /** what supplier memory concluded per value; only when the caller asked (`explain`: the bench). */
  memoryVerdicts?: MemoryVerdict[];
  /** set when the values come from an e-invoice XML (Factur-X/ZUGFeRD/XRechnung/Peppol). */
  eInvoice?: { syntax: "cii" | "ubl"; profile?: string };
}

/** Typed engine failure; the API maps `code` to a status. */
export class EngineError extends Error {
  constructor(
    readonly code: "unsupported_media_type" | "unprocessable_image" | "payload_too_large" | "invalid_request" | "engine_error",
    message: string,
  ) {
    super(message);
    this.name = "EngineError";
  }
}

/** True when a field result is an array field. */
export function isArrayValue(r: FieldResult): r is ArrayValue {
  return Array.isArray((r as ArrayValue).value);
}
