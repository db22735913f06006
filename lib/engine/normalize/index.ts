import { type DateOrder, type DecimalMark, findDates, normalizeValue } from "../parse";
import { type FieldResult, type FieldSpec, isArrayValue } from "../types";

/**
 * The normalize stage: add `normalized` (a number, an ISO date) to number and date values
 * where it is derivable without guessing. The decimal mark and the date order are learned
 * from the document itself, so only values its other values make unambiguous normalize.
 */

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

/** Add `normalized` to number and date values where it is derivable without guessing (in place). */
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
