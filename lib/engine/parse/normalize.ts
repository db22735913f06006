import type { FieldType } from "../types";
import { type DecimalMark, parseAmount } from "./amount";
import { type DateOrder, parseDate } from "./date";

/** Locale hints that settle ambiguous numbers and dates. */
export interface NormalizeHints {
  decimal?: DecimalMark;
  dateOrder?: DateOrder;
}

/** Normalized value of a verbatim text for a field type: number, ISO date, trimmed string, or undefined when not derivable. */
export function normalizeValue(type: FieldType, text: string, hints?: NormalizeHints): number | string | undefined {
  if (type === "number") return parseAmount(text, hints?.decimal);
  if (type === "date") return parseDate(text, hints?.dateOrder);
  if (type === "string") {
    const s = text.replace(/\s+/g, " ").trim();
    return s || undefined;
  }
  return undefined;
}
