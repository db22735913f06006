import { detectCurrency, parseAmount, parseDate } from "@/lib/engine/parse";
import { type DocumentResult, type FieldSpec, type FieldValue, isArrayValue } from "@/lib/engine/types";

/**
 * A document's own writing conventions, learned from the engine's values on it: which
 * decimal mark its amounts use and which day/month order its dates use. A reviewer's
 * correction on that document is read with them ("1.234" on a German invoice is 1234).
 */
export interface DocumentConventions {
  decimal?: "." | ",";
  dateOrder?: "dmy" | "mdy";
  /** ISO 4217 code of the document's currency, when the engine read one. */
  currency?: string;
}

/** Every (spec, engine value) pair of a result, line-item cells included. */
function* valuesOf(result: DocumentResult, fields: FieldSpec[]): Generator<[FieldSpec, FieldValue]> {
  for (const f of fields) {
    const raw = result.data[f.name];
    if (!raw) continue;
    if (isArrayValue(raw)) {
      for (const item of raw.value) {
        for (const c of f.children ?? []) {
          const v = item.field_bboxes[c.name];
          if (v) yield [c, v];
        }
      }
    } else yield [f, raw];
  }
}

/**
 * Vote over the engine's values: an amount whose normalized number only one decimal mark
 * reproduces ("1.234,56" → 1234.56 only with ",") is a vote for that mark; a date whose
 * ISO value only one order reproduces ("12.03.2026" → 2026-03-12) a vote for that order.
 * Values both readings agree on say nothing. The majority wins; a tie learns nothing.
 */
export function learnConventions(result: DocumentResult | null, fields: FieldSpec[]): DocumentConventions {
  const out: DocumentConventions = {};
  if (!result) return out;
  const marks = { ".": 0, ",": 0 };
  const orders = { dmy: 0, mdy: 0 };
  for (const [spec, v] of valuesOf(result, fields)) {
    if (v.value === null || v.normalized === undefined) continue;
    if (spec.type === "number" && typeof v.normalized === "number") {
      const dot = parseAmount(v.value, ".") === v.normalized;
      const comma = parseAmount(v.value, ",") === v.normalized;
      if (dot !== comma) marks[dot ? "." : ","]++;
    } else if (spec.type === "date" && typeof v.normalized === "string") {
      const dmy = parseDate(v.value, "dmy") === v.normalized;
      const mdy = parseDate(v.value, "mdy") === v.normalized;
      if (dmy !== mdy) orders[dmy ? "dmy" : "mdy"]++;
    } else if (spec.name === "currency" && typeof v.normalized === "string") {
      const code = currencyCode(v.normalized) ?? currencyCode(v.value);
      if (code) out.currency = code;
    }
  }
  if (marks["."] !== marks[","]) out.decimal = marks["."] > marks[","] ? "." : ",";
  if (orders.dmy !== orders.mdy) out.dateOrder = orders.dmy > orders.mdy ? "dmy" : "mdy";
  return out;
}

/** An ISO 4217 code for a printed currency ("€", "eur", "円", "USD"), or undefined. */
export function currencyCode(text: string): string | undefined {
  const t = text.trim();
  if (/^[A-Za-z]{3}$/.test(t)) return t.toUpperCase();
  return detectCurrency(t) ?? detectCurrency(t.toUpperCase());
}

/** What a typed value means once read with the document's conventions. */
export type CorrectionReading =
  /** one meaning: a number, an ISO date, or an ISO currency code. */
  | { status: "ok"; normalized: number | string }
  /** several meanings: the reviewer picks one (candidates in the document's preferred order). */
  | { status: "ambiguous"; candidates: Array<number | string>; reason: string }
  /** not a number / date at all: stored as typed, exported as text. */
  | { status: "unreadable"; reason: string }
  /** a text field (or an emptied cell): nothing to normalize. */
  | { status: "text" };

const DECIMALS: Array<"." | ","> = [".", ","];
const ORDERS: Array<"dmy" | "mdy"> = ["dmy", "mdy"];
/** ISO 4217 currencies whose amounts have no decimals. */
const NO_MINOR_UNIT = new Set(["JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "UGX", "XOF", "XAF"]);

/**
 * Read a reviewer's corrected value with the document's conventions (reusing the
 * engine's parsers). A known convention settles a doubt ("03/04/2026" on a day-first
 * document); without one, two readings are `ambiguous` and the reviewer is asked. A value
 * only the other convention can read ("1234.50" on a comma-decimal document) is taken as
 * typed: a reviewer may write the way they are used to. Dotted dates are day-first
 * whatever the document (the engine's rule), so "01.03.27" is 1 March 2027.
 */
export function normalizeCorrection(spec: Pick<FieldSpec, "type" | "name">, text: string | null, conv: DocumentConventions = {}): CorrectionReading {
  if (text === null || text.trim() === "") return { status: "text" };
  if (spec.type === "number") {
    const settled = conv.decimal ? parseAmount(text, conv.decimal) : undefined;
    if (settled !== undefined) return { status: "ok", normalized: settled };
    let found = readings(DECIMALS.map((d) => [d, parseAmount(text, d)] as const));
    // Yen (and the like) have no minor unit: "12,345円" is twelve thousand.
    if (found.length > 1 && NO_MINOR_UNIT.has(detectCurrency(text) ?? conv.currency ?? "")) {
      // The reading with the mark as a thousands separator is the larger one.
      found = [found.reduce((a, b) => (Math.abs(Number(b[1])) > Math.abs(Number(a[1])) ? b : a))];
    }
    return decide(found, "a number", () => `“${text}” reads as ${found.map(([, v]) => String(v)).join(" or ")}`);
  }
  if (spec.type === "date") {
    // Without a learned order the engine's own rule reads only what is unambiguous.
    const settled = parseDate(text, conv.dateOrder);
    if (settled !== undefined) return { status: "ok", normalized: settled };
    const found = readings(ORDERS.map((o) => [o, parseDate(text, o)] as const));
    const word = (o: string) => (o === "dmy" ? "day first" : "month first");
    return decide(found, "a date", () => `“${text}” could be ${found.map(([o, v]) => `${v} (${word(o)})`).join(" or ")}`);
  }
  if (spec.name === "currency") {
    const code = currencyCode(text);
    return code ? { status: "ok", normalized: code } : { status: "unreadable", reason: `“${text}” names no currency` };
  }
  return { status: "text" };
}

/** The distinct readings, in the given order. */
function readings<H>(all: ReadonlyArray<readonly [H, number | string | undefined]>): Array<[H, number | string]> {
  const out: Array<[H, number | string]> = [];
  for (const [hint, value] of all) if (value !== undefined && !out.some(([, v]) => v === value)) out.push([hint, value]);
  return out;
}

function decide<H>(found: Array<[H, number | string]>, what: string, explain: () => string): CorrectionReading {
  const [first] = found;
  if (!first) return { status: "unreadable", reason: `not ${what}` };
  if (found.length === 1) return { status: "ok", normalized: first[1] };
  return { status: "ambiguous", candidates: found.map(([, v]) => v), reason: explain() };
}
