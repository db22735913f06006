import type { OwnCompany } from "../own";
import type { FieldSpec, OcrPage } from "../types";

/**
 * Why an extractor chose a value, for the risk stage (optional: a missing evidence is "unknown").
 * `source` names the mechanism that produced the winner; `margin` is its lead over the
 * runner-up candidate (0–1, 0 = a tie, 1 = no rival); `candidates` counts the ones considered.
 */
export interface Evidence {
  source: "label" | "structure" | "arithmetic" | "position" | "table" | "model" | (string & {});
  /** the ranking's own 0–1 score of the winner. */
  score?: number;
  /** lead over the runner-up, 0–1. */
  margin?: number;
  /** how many candidates competed. */
  candidates?: number;
  /** independent structure that agrees with the winner, 0/1 each: `payment` (the payment lines repeat it or
   * tendered − change closes on it), `sum` (the amounts above, Σ lines or subtotal + tax add up to it),
   * `repeat` (printed again elsewhere on the page), `rounding` (it is the 0.05 cash rounding of another printed
   * amount that the sum or the payment lines support). Language-independent: read by the risk stage. */
  support?: { payment?: number; sum?: number; repeat?: number; rounding?: number };
  /** another printed amount is its 0.05 rounding or rounds to it (an unrounded sum above a rounded total):
   * which of the two is the total is a question of the layout, not of arithmetic. 0/1. */
  roundingTwin?: number;
  /** 1: the value is not the print but the extractor's restoration of a misread one (a date one digit confusion
   * from the only date of this era it can be, the total tendered − change or the arithmetic implies); whatever
   * else supports it, it is never auto-accepted. */
  repaired?: number;
}

/**
 * What an extractor returns before the matcher locates it: text only, plus optional
 * hints. Coordinates are never taken from here; the matcher re-locates every value on
 * the page itself (wordIds are hints, validated against row/column consistency).
 */
export interface RawValue {
  /** verbatim text as printed (may span lines: "\n" between lines). */
  text: string;
  /** 0-based page index where the extractor found it. */
  page: number;
  /** ids of the OcrPage words the extractor used (a hint, not trusted blindly). */
  wordIds?: string[];
  /** the extractor's own 0–1 confidence in the choice (not the match ratio). */
  confidence?: number;
  /** the cell is one printed value serving several rows (merged cell). */
  shared?: boolean;
  /** how the value was chosen (read by the risk stage; absent = unknown). */
  evidence?: Evidence;
  /** the text is a reviewer's spelling of what the page prints (supplier memory): the matcher locates it
   * but keeps this text instead of the page's own reading (its case, its OCR misreads). */
  reviewed?: boolean;
  /** the value is not printed as such but implied by this printed text (a currency code from "€");
   * the matcher locates the mark instead, and the value is reported as `inferred`. */
  inferredFrom?: { text: string; wordIds?: string[] };
}

/** One row of an array field: child name → value (null when the row lacks it). */
export interface RawRow {
  cells: Record<string, RawValue | null>;
}

/** Scalar field → RawValue|null; array field → RawRow[]. */
export type RawField = RawValue | null | RawRow[];

export interface RawExtraction {
  fields: Record<string, RawField>;
}

/** What an extractor may know about the document's context besides its pages. */
export interface ExtractContext {
  /** the organisation's own names and ids: the buyer, never the vendor. */
  own?: OwnCompany;
}

/** Any extractor: rules (default) or an LLM behind an OpenAI-compatible endpoint. */
export interface Extractor {
  readonly name: "rules" | "llm";
  extract(pages: OcrPage[], fields: FieldSpec[], ctx?: ExtractContext): Promise<RawExtraction>;
}
