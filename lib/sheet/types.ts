import type { DocumentConventions } from "./conventions";
import type { ApiBBox, BboxSource, CheckIssue, FieldSpec, FieldType, Point } from "@/lib/engine/types";

/**
 * The review app's view model: one document = one row, one cell per field.
 * Built from the engine's DocumentResult plus the append-only corrections; shared by
 * the grid, the canvas, the review queue and the exports.
 */

/**
 * One reason a value needs a look. `code` is the engine's check code ("subtotal_sum", "iban", …) or the
 * sheet's own ("missing", "ratio", "risk", "inferred", "look"); `message` the English words; `params`
 * what a translation needs besides the code; `issue` the index of the row's issue it comes from.
 */
export interface Reason {
  code: string;
  message: string;
  params?: Record<string, string | number>;
  issue?: number;
}

/** Why a cell is tinted the way it is. */
export type CellState =
  | "confident"
  | "low_confidence"
  | "failed_check"
  | "corrected"
  | "missing"
  | "not_on_document"
  /** a reviewer confirmed the engine's value as it is. */
  | "accepted";

/** One value as the reviewer sees it. `path` is "total" or "line_items.2.amount". */
export interface SheetCell {
  path: string;
  /** the effective value: the latest correction if any, else the engine's. */
  value: string | null;
  /** the engine's verbatim value, never overwritten. */
  original: string | null;
  /** number or ISO date of the effective value, when unambiguous. */
  normalized?: number | string;
  /** the engine's normalized value of `original` (kept when a correction replaces it). */
  originalNormalized?: number | string;
  page: number | null;
  bbox: ApiBBox | null;
  vertices: Point[] | null;
  match_ratio: number;
  bbox_source: BboxSource | null;
  /** the engine's estimated probability that the original value is wrong (absent on old results). */
  risk?: number;
  state: CellState;
  /** human reasons that put the cell in the queue (English; `why` carries the same with codes). */
  reasons: string[];
  /** the reasons with their codes and parameters, in the order of `reasons` (the UI words them per locale). */
  why?: Reason[];
  /** the value is not printed as such but implied by this printed text (a currency code from "€"). */
  inferredFrom?: string;
  /** the schema type of the field (children of arrays carry their own). */
  type: FieldType;
  /** a missing required value goes to the review queue. */
  required: boolean;
  /** the latest correction, when a reviewer touched the cell. */
  correction?: CorrectionRecord;
  /** every correction of this cell, oldest first (the cell's history). */
  history: CorrectionRecord[];
}

export type DocumentStatus = "queued" | "processing" | "done" | "failed" | "reviewed";

export interface SheetPage {
  index: number;
  width: number;
  height: number;
  imageUrl: string;
  /** the flattened page when the engine warped a photo's sheet upright: shown by default, boxes mapped onto it. */
  flat?: FlatSheetPage;
}

/** A flattened page: its image, pixel size, and the sheet's corners on the original page's grid (tl, tr, br, bl). */
export interface FlatSheetPage {
  imageUrl: string;
  width: number;
  height: number;
  quad: Point[];
}

export interface SheetRow {
  documentId: string;
  fileName: string;
  status: DocumentStatus;
  error?: string | null;
  createdAt: string;
  pages: SheetPage[];
  /** scalar fields by name. */
  cells: Record<string, SheetCell>;
  /** array fields by name → rows of cells by child name. */
  arrays: Record<string, Array<Record<string, SheetCell>>>;
  issues: CheckIssue[];
  /** when the document was marked reviewed (null while it is not). */
  reviewedAt?: string | null;
  /** decimal mark, date order and currency learned from the engine's values (corrections are read with them). */
  conventions?: DocumentConventions;
}

/** One value that needs a reviewer's attention. */
export interface QueueItem {
  /** stable key: documentId + "/" + path. */
  key: string;
  documentId: string;
  fileName: string;
  path: string;
  /** "Total" or "Line items · row 3 · Amount". */
  label: string;
  value: string | null;
  matchRatio: number;
  page: number | null;
  vertices: Point[] | null;
  state: CellState;
  /** why the value is queued, in words; the first one is the most severe. */
  reasons: string[];
  /** the same reasons with their codes (for the reader's language). */
  why: Reason[];
  /**
   * every value the item is about, the focused `path` first: one failed check that names several
   * values (Σ lines ≠ subtotal) is one item listing them all; a single value is `[path]`.
   */
  paths: string[];
  /** the values of `paths` as shown, in the same order ("Subtotal" "1,200.00"…). */
  involved: Array<{ path: string; label: string; value: string | null }>;
  /** lower = riskier; the queue is sorted by it. */
  risk: number;
  /** the engine's estimated probability that the focused value is wrong (absent on old results). */
  chance?: number;
}

/** The document facts buildSheetRow needs besides the result. */
export interface DocumentMeta {
  documentId: string;
  fileName: string;
  status: DocumentStatus;
  error?: string | null;
  createdAt: string;
  pages: SheetPage[];
  reviewedAt?: string | null;
}

/** One append-only correction as stored. */
export interface CorrectionRecord {
  id: string;
  documentId: string;
  path: string;
  kind: "edit" | "accept" | "not_on_document";
  oldValue: string | null;
  newValue: string | null;
  /** `newValue` read with the document's conventions when it was stored (number, ISO date or currency code). */
  normalized?: number | string | null;
  /** a box the reviewer drew, on the 0–1000 grid of `page`. */
  box: ApiBBox | null;
  page: number | null;
  userId: string;
  userEmail?: string;
  createdAt: string;
}

/** The schema a space's sheet follows. */
export interface SpaceSchema {
  templateId: string | null;
  fields: FieldSpec[];
}
