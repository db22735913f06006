import { type DateOrder, type DecimalMark, findDates, normalizeValue, parseAmount } from "../parse";
import { minorUnits } from "../parse/minor-units";
import { columnHints, fieldHints, isMoneyKind } from "../templates/lexicon";
import { type FieldResult, type FieldSpec, isArrayValue } from "../types";
import { DOT_GROUPED, type DocumentMoney } from "./currency";

export { type DocumentMoney, documentCurrency, documentMoney } from "./currency";

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

/** A money field or column (the lexicon's kinds): a quantity or a rate keeps its decimals whatever the currency. */
const isMoney = (spec: FieldSpec, inLine: boolean) =>
  inLine ? columnHints[spec.name]?.kind === "money" : !!fieldHints[spec.name] && isMoneyKind(fieldHints[spec.name]!.kind);

/** A number with one mark, before exactly three final digits ("1.250", "KWD 12,500"). */
const LONE_THOUSANDTHS = /^[^\d.,]*\d+([.,])\d{3}[^\d.,]*$/;

/**
 * An amount of a three-decimal currency (dinars, rials): its code taken off ("KWD 1.250"), a lone mark before three
 * digits is the decimal mark ("1.250" is 1.25, "12,500" is 12.5) unless the pages print that mark as a group in numbers
 * with both marks ("1.250,500": then "1.250" is 1250); other forms read as everywhere ("1,250.500" is 1250.5).
 */
function thousandthsAmount(text: string, code: string, pageDecimal: DecimalMark, hint: DecimalMark): number | undefined {
  const bare = text.replace(new RegExp(`\\b${code}\\b`), "").trim();
  const mark = LONE_THOUSANDTHS.exec(bare)?.[1] as DecimalMark;
  return parseAmount(bare, mark ? (pageDecimal ?? mark) : hint);
}

/**
 * Add `normalized` to number and date values where it is derivable without guessing (in place). In a currency
 * without minor units (ISO 4217 exponent 0: yen, won) an amount never has decimals, so a "." before three digits
 * groups thousands ("38.000" is 38000, whatever decimal mark the other values suggest). The value text stays as
 * read; returned are the paths of such values unless the pages group thousands with dots themselves (no
 * comma-grouped number, another dot-grouped one): on a page that groups with commas the dot is a misread comma
 * (a blurred photo), so the number is a repair of the print, not the print. In a three-decimal currency (ISO 4217
 * exponent 3: KWD, BHD, OMR, …) a "." or "," before three final digits is the decimal mark (thousandthsAmount).
 */
export function addNormalized(fields: FieldSpec[], data: Record<string, FieldResult>, money: DocumentMoney = {}): Set<string> {
  const hints = localeHints(data, fields);
  const noMinor = money.currency !== undefined && minorUnits(money.currency) === 0;
  const threeMinor = money.currency !== undefined && minorUnits(money.currency) === 3 ? money.currency : undefined;
  const regrouped = new Set<string>();
  const apply = (spec: FieldSpec, fv: { value: string | null; normalized?: number | string } | undefined, path: string, inLine: boolean) => {
    if (!fv?.value || (spec.type !== "number" && spec.type !== "date")) return;
    const text = fv.value.normalize("NFKC");
    if (noMinor && spec.type === "number" && isMoney(spec, inLine) && !text.includes(",") && new RegExp(DOT_GROUPED.source).test(text)) {
      const n = parseAmount(text, ",");
      if (n === undefined) return;
      fv.normalized = n;
      const g = money.grouping;
      const pageDots = !!g && g.commas === 0 && [...g.dots].some((d) => d !== Math.abs(n));
      if (!pageDots) regrouped.add(path);
      return;
    }
    if (threeMinor && spec.type === "number" && isMoney(spec, inLine)) {
      const n = thousandthsAmount(text, threeMinor, money.grouping?.decimal, hints.decimal);
      if (n !== undefined) {
        fv.normalized = n;
        return;
      }
    }
    const n = normalizeValue(spec.type, fv.value, hints);
    if (n !== undefined) fv.normalized = n;
  };
  for (const f of fields) {
    const r = data[f.name];
    if (!r) continue;
    if (!isArrayValue(r)) apply(f, r, f.name, false);
    else
      r.value.forEach((row, i) => {
        for (const c of f.children ?? []) apply(c, row.field_bboxes[c.name], `${f.name}.${i}.${c.name}`, true);
      });
  }
  return regrouped;
}
