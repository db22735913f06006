import { parseDate } from "../parse";
import type { CheckIssue, FieldResult, FieldSpec, FieldValue } from "../types";
import { isArrayValue } from "../types";
import { ROLES } from "./roles";

/**
 * Plausibility checks that catch OCR misreads the arithmetic cannot see: postcodes that
 * break their country's shape ("B3J 159" for "B3J 1S9"), bracket and bar artefacts inside
 * words ("K1P 5]2"), letters among the digits of a number ("80Z"), an amount printed
 * without the decimals every other amount has ("702770 €"), a due date before the issue
 * date, and short letter+digit prefixes where O/0, I/1, S/5 are easily swapped ("P0-23452").
 */

type Opts = { confidence?: (path: string, fv: FieldValue) => number | undefined };

const scalar = (data: Record<string, FieldResult>, name: string): FieldValue | undefined => {
  const r = data[name];
  return r && !isArrayValue(r) && r.value !== null ? r : undefined;
};

// Postcode shapes that follow a region code in an address line.
const CA_PROVINCE = /\b(AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\s+([A-Z0-9\]|[]{3}\s?[A-Z0-9\]|[]{3})\s*$/m;
const CA_POSTCODE = /^[A-Z]\d[A-Z]\s?\d[A-Z]\d$/;
const US_STATE =
  /\b(A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\s+([0-9A-Z]{5})(-[0-9A-Z]{4})?\s*$/m;

/** Why an address looks misread, or undefined. */
function addressDoubt(text: string): string | undefined {
  const ca = CA_PROVINCE.exec(text);
  if (ca?.[2] && !CA_POSTCODE.test(ca[2])) return `Canadian postcode ${ca[2]} is not letter-digit-letter digit-letter-digit`;
  // A UK postcode holds digits where OCR reads l, I or O ("Glasgow Gl 3SL" for "G1 3SL").
  const uk = /\b([A-Z]{1,2}[0-9lIO][A-Z0-9]?)\s([0-9lIO][A-Z]{2})\b/.exec(text);
  if (uk && !/^[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}$/.test(uk[0])) return `UK postcode ${uk[0]} has a letter where a digit belongs`;
  const us = US_STATE.exec(text);
  if (us?.[2] && !/^\d{5}$/.test(us[2])) return `ZIP code ${us[2]} has letters among its digits`;
  return bracketInWord(text);
}

const NAME_FIELD = /^(vendor|customer|buyer|seller|supplier)(_name)?$/;

/** A name word with a digit OCR makes of a letter ("SDN 8HD" for "BHD", "C0FFEE"): why, or undefined. */
function digitInName(text: string): string | undefined {
  for (const w of text.split(/[\s.,()&/-]+/)) {
    if (/\p{L}{2}/u.test(w) && /[0158]/.test(w) && /[0158]\p{L}|\p{L}[0158]/u.test(w) && !/^\d+(st|nd|rd|th|kg|g|ml|l|m|cm|mm|km|pcs?|x)$/i.test(w))
      return `"${w}" mixes a digit into a word of the name`;
  }
  return undefined;
}

/** Table rules and specks read as brackets or bars inside a word ("5]2", "[E9712572R"): why, or undefined. */
function bracketInWord(text: string): string | undefined {
  const junk = /[\p{L}\p{N}][\]|[{}¦][\p{L}\p{N}]|[\p{L}\p{N}][\]|[{}¦](?=\s|$)|(?:^|\s)[\]|[{}¦][\p{L}\p{N}]/u.exec(text);
  return junk ? `"${junk[0].trim()}" holds a bracket or bar inside a word` : undefined;
}

/** Printed decimals of a number text (3 after the last separator is a thousands group). */
function decimals(text: string): number {
  const m = /\d[.,](\d{1,3})(?!\d)(?!.*\d)/u.exec(text.normalize("NFKC"));
  return m?.[1] && m[1].length < 3 ? m[1].length : 0;
}

// Currency codes and words printed with amounts, glued or not ("EUR7.24", "RM 5.00", "1,200円").
const CURRENCY_WORDS =
  /\b[A-Z]{2,3}\b|(?:USD|EUR|GBP|JPY|CAD|AUD|CHF|NZD|MYR|SGD|HKD|INR|RM)(?=[\d\s.,-])|(?<=[\d\s])(?:USD|EUR|GBP|JPY|CAD|AUD|CHF|NZD|MYR|SGD|HKD|INR|RM)\b|円|Fr\./gu;

// Letters that OCR swaps with digits inside identifiers.
const CONFUSABLE = /[0O1Il5S8B2Z6G]/;

function checkAddresses(fields: FieldSpec[], data: Record<string, FieldResult>, out: CheckIssue[]) {
  for (const f of fields) {
    if (f.type !== "string") continue;
    const fv = scalar(data, f.name);
    const why = fv?.value
      ? /address/.test(f.name)
        ? addressDoubt(fv.value)
        : (bracketInWord(fv.value) ?? (NAME_FIELD.test(f.name) ? digitInName(fv.value) : undefined))
      : undefined;
    if (why) out.push({ code: "ocr_shape", severity: "warning", message: `${f.name}: ${why} (misread?)`, fields: [f.name] });
  }
}

function checkNumbers(fields: FieldSpec[], data: Record<string, FieldResult>, out: CheckIssue[]) {
  const money: { name: string; text: string }[] = [];
  for (const f of fields) {
    if (f.type !== "number") continue;
    const fv = scalar(data, f.name);
    if (!fv?.value) continue;
    // Currency codes and symbols aside, a number has no letters among its digits.
    const bare = fv.value.normalize("NFKC").replace(CURRENCY_WORDS, "");
    const glued = /\d[\p{L}]|[\p{L}]\d/u.exec(bare);
    if (glued) {
      out.push({ code: "number_shape", severity: "error", message: `${f.name} ${fv.value} has letters among its digits (misread?)`, fields: [f.name] });
      continue;
    }
    money.push({ name: f.name, text: fv.value });
  }
  // A four-digit amount without the thousands separator the others print lost it to OCR ("€1916.21" beside "€8,331.33").
  const grouped = (t: string) => /\d[,.'’ \u00A0\u202F]\d{3}(?!\d)/.test(t.replace(/[.,]\d{1,2}\D*$/, ""));
  const big = money.filter((m) => /\d{4}/.test(m.text.replace(/[.,]\d{1,2}\D*$/, "")) || grouped(m.text));
  if (big.filter((m) => grouped(m.text)).length >= 2)
    for (const m of big)
      if (!grouped(m.text))
        out.push({
          code: "amount_grouping",
          severity: "warning",
          message: `${m.name} ${m.text} lacks the thousands separator the other amounts print (misread?)`,
          fields: [m.name],
        });
  // An amount without the decimals all the others print has likely lost its decimal mark.
  const counts = money.map((m) => decimals(m.text));
  const usual = counts.filter((d) => d === 2).length;
  money.forEach((m, i) => {
    const d = counts[i] ?? 0;
    if (usual >= 2 && d !== 2 && !/^\D*0*\D*$/.test(m.text))
      out.push({
        code: "amount_decimals",
        severity: "warning",
        message: `${m.name} ${m.text} is printed with ${d} decimals while the other amounts have 2 (lost decimal mark?)`,
        fields: [m.name],
      });
  });
}

function checkDates(data: Record<string, FieldResult>, out: CheckIssue[]) {
  const issue = scalar(data, "issue_date");
  const due = scalar(data, "due_date");
  if (!issue?.value || !due?.value) return;
  const iso = (fv: FieldValue) => (typeof fv.normalized === "string" ? fv.normalized : (parseDate(fv.value ?? "", "dmy") ?? parseDate(fv.value ?? "", "mdy")));
  const a = iso(issue);
  const b = iso(due);
  if (a && b && b < a)
    out.push({
      code: "date_order",
      severity: "warning",
      message: `due date ${due.value} is before the issue date ${issue.value}`,
      fields: ["issue_date", "due_date"],
    });
}

function checkIds(data: Record<string, FieldResult>, out: CheckIssue[], opts: Opts) {
  for (const n of ROLES.documentIds) {
    const fv = scalar(data, n);
    if (!fv?.value) continue;
    // A short letter prefix holding a digit look-alike ("P0-", "1NV-"), or a digit run holding a letter look-alike ("20O5").
    const prefix = fv.value
      .split(/[-/\s.#:]+/)
      .find((t) => t.length <= 4 && /\p{L}/u.test(t) && /\d/.test(t) && /^[A-Z0-9]+$/.test(t) && CONFUSABLE.test(t.replace(/[A-Z]/g, "")));
    const inDigits = /\d[OIlSBZG]\d/.exec(fv.value);
    const conf = opts.confidence?.(n, fv);
    if ((prefix || inDigits) && (conf === undefined || conf < 0.9))
      out.push({
        code: "id_confusable",
        severity: "warning",
        message: `${n} ${fv.value} mixes letters and digits that OCR confuses (${prefix ?? inDigits?.[0]})`,
        fields: [n],
      });
  }
}

/** Characters OCR makes of glyphs it does not know: "×" read as "x", "²" read as "?". Why, or undefined. */
function confusableGlyph(text: string): string | undefined {
  if (/\d\s?[xX]\s?\d|(?:^|\s)[xX]+\d/.test(text)) return `"x" between numbers may be a misread "×"`;
  if (/\p{L}\?(?=[\s,;]|$)/u.test(text) && !/\?$/.test(text.trim())) return `"?" inside the text may be a misread symbol`;
  return undefined;
}

function checkTextCells(fields: FieldSpec[], data: Record<string, FieldResult>, out: CheckIssue[]) {
  for (const f of fields) {
    const r = data[f.name];
    if (!r || !isArrayValue(r)) continue;
    r.value.forEach((row, i) => {
      for (const c of f.children ?? []) {
        const fv = row.field_bboxes[c.name];
        if (!fv?.value) continue;
        const path = `${f.name}.${i}.${c.name}`;
        if (c.type === "number") {
          // "S" for 5, "1O" for 10: a number cell is digits, separators and at most a currency sign or code.
          const bare = fv.value.normalize("NFKC").replace(CURRENCY_WORDS, "");
          if (!/\d/.test(bare) || /\d\p{L}|\p{L}\d/u.test(bare))
            out.push({ code: "number_shape", severity: "error", message: `${path} ${fv.value} is not a number (misread?)`, fields: [path] });
          continue;
        }
        if (c.type !== "string") continue;
        const why = confusableGlyph(fv.value) ?? bracketInWord(fv.value);
        if (why) out.push({ code: "ocr_shape", severity: "warning", message: `${path}: ${why}`, fields: [path] });
      }
    });
  }
}

/** Run the plausibility checks; issues are appended to `out`. */
export function plausible(fields: FieldSpec[], data: Record<string, FieldResult>, out: CheckIssue[], opts: Opts = {}) {
  checkAddresses(fields, data, out);
  checkTextCells(fields, data, out);
  checkNumbers(fields, data, out);
  checkDates(data, out);
  checkIds(data, out, opts);
}
