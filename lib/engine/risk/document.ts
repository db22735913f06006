import type { CheckIssue, FieldSpec } from "../types";
import { ROLES } from "../validate/roles";
import type { arithmeticSupport } from "./arith";

/**
 * Signals of the document as a whole, which every value of it carries: the checks that fail or warn elsewhere (an
 * unknown layout shows there first), the share of its amounts that nothing confirms, and whether its arithmetic
 * closes — every relation computed holds — with the totals pinned by two independent ones.
 */

/** Issue codes that say the OCR itself doubts a reading. */
export const OCR_CODES = new Set(["ocr_confidence", "ocr_disagreement", "ocr_shape", "number_shape", "id_confusable"]);
/** Codes the risk stage itself writes: never an input to its own features. */
export const RISK_CODE = "risk";

/** The scalar amounts the document's sums tie together. */
export const TOTALS = new Set<string>([...ROLES.total, ...ROLES.subtotal, ...ROLES.tax]);

type Support = ReturnType<typeof arithmeticSupport>;

/** What of a value the document-level signals read. */
export interface ValueRef {
  path: string;
  spec: Pick<FieldSpec, "name" | "type">;
  inLine: boolean;
}

/** The document-level signals, each in 0–1. */
export interface DocumentSignals {
  errors: number;
  warnings: number;
  ocrWarnings: number;
  confirmedShare: number;
  linesUnconfirmed: number;
  closed: number;
  /** closed, and its totals pinned by two independent relations (see `pinned`). */
  pinned: number;
}

/**
 * Whether the document's totals are pinned by two independent relations that hold: two of subtotal + tax = total,
 * subtotal × rate = tax and Σ lines = subtotal (or total); or Σ lines over amounts each of which its own row's
 * quantity × price holds. A misread total would then need a second misread that compensates it exactly in another
 * relation, which OCR does not make; a total one relation holds can still be a pair of numbers that happen to add up.
 */
export function pinned(relations: Support["relations"]): boolean {
  const held = relations.filter((r) => r.holds);
  const scalar = held.filter((r) => r.kind !== "row").length;
  const rowHeld = new Set(held.filter((r) => r.kind === "row").map((r) => r.paths[0]));
  const linesOnRows = held.some((r) => r.kind === "lines" && r.paths.length > 1 && r.paths.slice(1).every((p) => rowHeld.has(p)));
  return scalar >= 2 || linesOnRows;
}

/** The document-level signals of a result. */
export function documentSignals(issues: CheckIssue[], values: ValueRef[], support: Support): DocumentSignals {
  const { confirmed, tested, failed, relations } = support;
  const own = issues.filter((i) => i.code !== RISK_CODE);
  const numbers = values.filter((v) => v.spec.type === "number");
  // every relation computed holds: a failing Σ lines = subtotal whose members other relations hold still fails
  const closed =
    tested.size > 0 &&
    failed === 0 &&
    [...tested].every((p) => confirmed.has(p)) &&
    values.some((v) => !v.inLine && (ROLES.total as readonly string[]).includes(v.spec.name) && confirmed.has(v.path));
  return {
    errors: Math.min(1, own.filter((i) => i.severity === "error").length / 5),
    // A check's warning says something of the document (a rate no country uses, a date out of order); the OCR's own
    // doubt about a word (OCR_CODES) says something of that word, which its value's features already carry: counted
    // apart, so twelve faint unit abbreviations do not weigh on a table row whose arithmetic closes.
    warnings: Math.min(1, own.filter((i) => i.severity === "warning" && !OCR_CODES.has(i.code)).length / 10),
    ocrWarnings: Math.min(1, own.filter((i) => i.severity === "warning" && OCR_CODES.has(i.code)).length / 10),
    confirmedShare: numbers.length ? numbers.filter((v) => confirmed.has(v.path)).length / numbers.length : 0,
    linesUnconfirmed: values.some((v) => v.inLine) && !values.some((v) => v.inLine && confirmed.has(v.path)) ? 1 : 0,
    closed: closed ? 1 : 0,
    pinned: closed && pinned(relations) ? 1 : 0,
  };
}
