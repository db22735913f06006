import { findDates, isEuVatShape, isValidBic, isValidFrVat, isValidIban, isValidJpRegistrationNumber, parseAmount, parseDate, parsePercent } from "../parse";
import type { CheckIssue, FieldResult, FieldSpec, FieldValue } from "../types";
import { isArrayValue } from "../types";
import { contextFromValues, type DocumentContext } from "./context";
import { plausible } from "./plausible";
import { KNOWN_RATES, PER_RATE, ROLES } from "./roles";

/**
 * Checks that route values to review: arithmetic (line amounts, sums, per-rate tax),
 * identifier shapes and check digits, dates that exist, missing required fields, weak
 * matches. Every issue names the cells it involves by path ("total",
 * "line_items.2.amount") and says in words what disagrees, quoting the printed numbers.
 */

/** Share of value characters found on the page below which a value needs review. */
export const LOW_RATIO = 0.85;

type Scalar = { path: string; fv: FieldValue };

function pick(data: Record<string, FieldResult>, names: readonly string[]): Scalar | undefined {
  for (const n of names) {
    const r = data[n];
    if (r && !isArrayValue(r) && r.value !== null) return { path: n, fv: r };
  }
  return undefined;
}

const num = (s: Scalar | undefined) => (s?.fv.value != null ? parseAmount(s.fv.value) : undefined);

/** Printed decimals of an amount text ("1.234,56 €" → 2, "¥12,345" → 0). */
function decimals(text: string): number {
  const m = /[.,](\d{1,3})\D*$/.exec(text.normalize("NFKC"));
  // Three digits after the last separator is a thousands group, not decimals.
  return m && m[1]!.length < 3 ? m[1]!.length : 0;
}

/** Half a unit of the coarser printed precision, plus float slack. */
function tolerance(...texts: string[]): number {
  const d = Math.min(...texts.map(decimals));
  return 0.5 * 10 ** -d + 1e-6;
}

/** Format a computed number the way `sample` prints numbers (separators, decimals). */
export function formatLike(n: number, sample: string): string {
  const s = sample.normalize("NFKC");
  const d = decimals(sample);
  const decMark = d > 0 ? (/,\d{1,2}\D*$/.test(s) ? "," : ".") : "";
  const group = /\d\.\d{3}(?!\d)/.test(s) && decMark !== "." ? "." : /\d[ \u00A0\u202F]\d{3}/.test(s) ? " " : decMark === "," ? "." : ",";
  const [int, frac] = Math.abs(n).toFixed(d).split(".");
  const grouped = (int ?? "0").replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${n < 0 ? "-" : ""}${grouped}${frac ? decMark + frac : ""}`;
}

const pct = (r: number) => `${Math.round(r * 1000) / 10} %`;

function arithmetic(data: Record<string, FieldResult>, out: CheckIssue[]) {
  const subtotal = pick(data, ROLES.subtotal);
  const tax = pick(data, ROLES.tax);
  const total = pick(data, ROLES.total);
  const sub = num(subtotal);
  const tx = num(tax);
  const tot = num(total);

  // Line items: the first array field with amounts.
  for (const [name, r] of Object.entries(data)) {
    if (!isArrayValue(r)) continue;
    let sum = 0;
    let counted = 0;
    const amountPaths: string[] = [];
    // the amounts of rows whose own quantity × unit price = amount holds: a failing Σ does not blame them
    const closing = new Set<string>();
    let sample = "";
    r.value.forEach((row, i) => {
      const cell = (names: readonly string[]) => {
        for (const n of names) {
          const c = row.field_bboxes[n];
          if (c?.value != null) return { path: `${name}.${i}.${n}`, fv: c };
        }
        return undefined;
      };
      const a = cell(ROLES.amount);
      const q = cell(ROLES.quantity);
      const p = cell(ROLES.unitPrice);
      const av = num(a);
      const qv = num(q);
      const pv = num(p);
      if (a && av !== undefined) {
        sum += av;
        counted++;
        amountPaths.push(a.path);
        sample ||= a.fv.value!;
      }
      if (a && q && p && av !== undefined && qv !== undefined && pv !== undefined) {
        const expect = qv * pv;
        if (Math.abs(expect - av) <= tolerance(a.fv.value!, p.fv.value!) + 1e-9 || Math.abs(expect - av) <= 0.0051) closing.add(a.path);
        else {
          out.push({
            code: "line_amount",
            severity: "error",
            message: `line ${i + 1}: quantity ${q.fv.value} × unit price ${p.fv.value} = ${formatLike(expect, a.fv.value!)} ≠ amount ${a.fv.value}`,
            fields: [q.path, p.path, a.path],
          });
        }
      }
    });
    // Prices that include the tax ("Prijzen zijn inclusief BTW", most till receipts): the rows add up to the total, and
    // the net subtotal and the tax close the total on their own. Every figure agrees; nothing is to blame.
    const gross =
      total &&
      tot !== undefined &&
      sub !== undefined &&
      tx !== undefined &&
      Math.abs(sum - tot) <= tolerance(total.fv.value!) * counted &&
      Math.abs(sub + tx - tot) <= tolerance(total.fv.value!) * 2;
    if (counted > 0 && subtotal && sub !== undefined && !gross && Math.abs(sum - sub) > tolerance(subtotal.fv.value!) * counted) {
      // The check reads every amount, but a row whose own product holds is most likely read right: the mismatch is
      // the subtotal's, a row that does not close, or a row the table lost. Naming every row queued 34 right rows for
      // one lost row; the subtotal carries the document's mismatch, and a re-check still runs on any amount (`reads`).
      const blamed = amountPaths.filter((p) => !closing.has(p));
      const lost = blamed.length === 0 ? " (every row adds up on its own: a row may be missing or misread)" : "";
      out.push({
        code: "subtotal_sum",
        severity: "error",
        message: `Σ line amounts ${formatLike(sum, sample || subtotal.fv.value!)} ≠ subtotal ${subtotal.fv.value}${lost}`,
        fields: [subtotal.path, ...blamed],
        ...(blamed.length < amountPaths.length ? { reads: amountPaths.filter((p) => closing.has(p)) } : {}),
      });
    }
    break;
  }

  // Per-rate taxes (Japan prints 消費税(10%) and (8%) separately).
  const rateTaxes = PER_RATE.map(([t, b, rate]) => ({ tax: pick(data, [t]), base: pick(data, [b]), rate }));
  let taxSum = tx;
  let taxPaths = tax ? [tax.path] : [];
  if (tx === undefined && rateTaxes.some((r) => r.tax)) {
    taxSum = rateTaxes.reduce((s, r) => s + (num(r.tax) ?? 0), 0);
    taxPaths = rateTaxes.flatMap((r) => (r.tax ? [r.tax.path] : []));
  }
  for (const r of rateTaxes) {
    const t = num(r.tax);
    const b = num(r.base);
    if (t === undefined || b === undefined) continue;
    const expect = b * r.rate;
    // Japanese tax is floored per rate; accept floor, round or ceil of the exact product.
    if (Math.abs(expect - t) >= 1 + tolerance(r.tax!.fv.value!)) {
      out.push({
        code: "tax_rate",
        severity: "error",
        message: `tax ${r.tax!.fv.value} ≠ ${pct(r.rate)} of ${r.base!.fv.value} (${formatLike(Math.floor(expect), r.tax!.fv.value!)})`,
        fields: [r.tax!.path, r.base!.path],
      });
    }
  }

  // A printed cash rounding closes the sum (subtotal + tax + rounding = total); without one nothing is assumed.
  const rounding = pick(data, ROLES.rounding);
  const round = num(rounding);
  if (subtotal && total && sub !== undefined && tot !== undefined && taxSum !== undefined) {
    const expect = sub + taxSum + (round ?? 0);
    if (Math.abs(expect - tot) > tolerance(total.fv.value!) * 2) {
      // Tax included in the subtotal: the total is the subtotal, or the subtotal and its rounding.
      const included = [0, round ?? 0].some((r) => Math.abs(sub + r - tot) <= tolerance(total.fv.value!));
      const rounded = rounding && round !== undefined ? ` + rounding ${rounding.fv.value}` : "";
      out.push({
        code: "total_sum",
        severity: included ? "warning" : "error",
        message: included
          ? `subtotal ${subtotal.fv.value}${rounded} equals total ${total.fv.value}: tax seems included, not added`
          : `subtotal ${subtotal.fv.value} + tax ${formatLike(taxSum, total.fv.value!)}${rounded} = ${formatLike(expect, total.fv.value!)} ≠ total ${total.fv.value}`,
        fields: [subtotal.path, ...taxPaths, ...(rounded ? [rounding!.path] : []), total.path],
      });
    }
  }

  // Single-rate tax consistency: with a printed rate, tax = subtotal × rate; without, the ratio should be a rate in use.
  if (tax && subtotal && tx !== undefined && sub !== undefined && sub > 0) {
    const rateField = pick(data, ROLES.taxRate);
    const printed = rateField?.fv.value ? parsePercent(rateField.fv.value) : undefined;
    const tol = tolerance(tax.fv.value!) + 1e-9;
    if (printed !== undefined && printed > 0) {
      const expect = (sub * printed) / 100;
      if (Math.abs(expect - tx) > Math.max(tol, 10 ** -decimals(tax.fv.value!)) + 1e-9) {
        out.push({
          code: "tax_rate",
          severity: "error",
          message: `tax ${tax.fv.value} ≠ ${rateField!.fv.value} of subtotal ${subtotal.fv.value} (${formatLike(expect, tax.fv.value!)})`,
          fields: [tax.path, subtotal.path, rateField!.path],
        });
      }
    } else if (!rateTaxes.some((r) => r.tax) && tx > 0) {
      const fits = KNOWN_RATES.some((r) => Math.abs(sub * r - tx) <= Math.max(tol * 2, 1e-9 + 10 ** -decimals(tax.fv.value!)));
      if (!fits)
        out.push({
          code: "tax_rate",
          severity: "warning",
          message: `tax ${tax.fv.value} is ${pct(tx / sub)} of subtotal ${subtotal.fv.value}, not a usual VAT rate (mixed rates?)`,
          fields: [tax.path, subtotal.path],
        });
    }
  }
}

/** Plausibility: a document number that is a date, a total smaller than what it totals. */
function plausibility(data: Record<string, FieldResult>, out: CheckIssue[]) {
  for (const n of ROLES.documentIds) {
    const id = pick(data, [n]);
    if (id && parseDate(id.fv.value!, "dmy") !== undefined)
      out.push({ code: "id_shape", severity: "warning", message: `${n} ${id.fv.value} looks like a date, not a number`, fields: [id.path] });
  }
  const total = pick(data, ROLES.total);
  const tot = num(total);
  if (!total || tot === undefined || tot <= 0) return;
  let biggest: Scalar | undefined;
  for (const [name, r] of Object.entries(data)) {
    if (!isArrayValue(r)) continue;
    r.value.forEach((row, i) => {
      for (const n of ROLES.amount) {
        const c = row.field_bboxes[n];
        if (c?.value == null) continue;
        const v = parseAmount(c.value);
        if (v !== undefined && v > tot + 0.005 && (!biggest || v > num(biggest)!)) biggest = { path: `${name}.${i}.${n}`, fv: c };
        break;
      }
    });
  }
  if (biggest)
    out.push({
      code: "total_range",
      severity: "error",
      message: `total ${total.fv.value} is less than line amount ${biggest.fv.value}`,
      fields: [total.path, biggest.path],
    });
}

function identifiers(data: Record<string, FieldResult>, out: CheckIssue[], ctx: DocumentContext) {
  const reg = pick(data, ROLES.registration);
  // Japan's registration number is checked only on a document that shows Japanese evidence (script or yen).
  if (reg && ctx.countries.has("JP") && /^\s*[TＴ]/.test(reg.fv.value!) && !isValidJpRegistrationNumber(reg.fv.value!)) {
    out.push({
      code: "registration_number",
      severity: "error",
      message: `registration number ${reg.fv.value} is not T + 13 digits with a valid check digit`,
      fields: [reg.path],
    });
  }
  const iban = pick(data, ROLES.iban);
  if (iban && !isValidIban(iban.fv.value!)) {
    out.push({ code: "iban", severity: "error", message: `IBAN ${iban.fv.value} fails the mod-97 check`, fields: [iban.path] });
  }
  const bic = pick(data, ROLES.bic);
  if (bic && !isValidBic(bic.fv.value!)) {
    out.push({
      code: "bic",
      severity: "error",
      message: `BIC ${bic.fv.value} is not 4 letters + a country code + 2 (or 5) letters or digits`,
      fields: [bic.path],
    });
  }
  for (const n of ROLES.vatId) {
    const v = pick(data, [n]);
    if (!v) continue;
    const s = v.fv
      .value!.normalize("NFKC")
      .replace(/[\s.-]/g, "")
      .toUpperCase();
    // Only EU-prefixed ids are checked; ABN, EIN, GSTIN and the like have other shapes.
    if (!/^(AT|BE|DE|DK|ES|FI|FR|GB|IE|IT|LU|NL|PL|PT|SE|CH|EL)[0-9A-Z]/.test(s)) continue;
    const ok = s.startsWith("FR") ? isValidFrVat(s) : isEuVatShape(s);
    if (!ok)
      out.push({
        code: "vat_id",
        severity: "error",
        message: `VAT id ${v.fv.value} does not have a valid ${s.slice(0, 2)} shape${s.startsWith("FR") ? " and key" : ""}`,
        fields: [v.path],
      });
  }
}

function dates(fields: FieldSpec[], data: Record<string, FieldResult>, out: CheckIssue[]) {
  for (const f of fields) {
    if (f.type !== "date") continue;
    const r = data[f.name];
    if (!r || isArrayValue(r) || r.value === null) continue;
    if (parseDate(r.value, "dmy") || parseDate(r.value, "mdy")) continue;
    const spans = findDates(r.value);
    out.push({
      code: "invalid_date",
      severity: spans.length > 0 ? "error" : "warning",
      message: spans.length > 0 ? `${f.name} ${r.value} is not a date that exists` : `${f.name} ${r.value} is not recognised as a date`,
      fields: [f.name],
    });
  }
}

function presence(fields: FieldSpec[], data: Record<string, FieldResult>, out: CheckIssue[], opts: ValidateOptions) {
  const minConf = opts.minOcrConfidence ?? MIN_OCR_CONFIDENCE;
  // Free text has no arithmetic or checksum behind it: the OCR's doubt must be smaller for it to pass.
  const minText = Math.max(minConf, opts.minTextConfidence ?? MIN_TEXT_CONFIDENCE);
  const low = (path: string, fv: FieldValue, type: FieldSpec["type"] = "string") => {
    if (fv.value === null) return;
    if (fv.match_ratio < LOW_RATIO) {
      out.push({
        code: "low_confidence",
        severity: "warning",
        message: `only ${Math.round(fv.match_ratio * 100)} % of "${fv.value}" was found on the page`,
        fields: [path],
      });
      return;
    }
    // A perfect match on a misread word is still a misread: the OCR's own doubt routes it to review.
    const conf = opts.confidence?.(path, fv);
    if (conf !== undefined && conf < (type === "string" ? minText : minConf))
      out.push({
        code: "ocr_confidence",
        severity: "warning",
        message: `the OCR is unsure of "${fv.value}" (word confidence ${Math.round(conf * 100)} %)`,
        fields: [path],
      });
  };
  for (const f of fields) {
    const r = data[f.name];
    const empty = !r || (isArrayValue(r) ? r.value.length === 0 : r.value === null);
    if (f.required && empty) out.push({ code: "missing_required", severity: "error", message: `${f.name} is required but was not found`, fields: [f.name] });
    if (!r) continue;
    if (!isArrayValue(r)) {
      low(f.name, r, f.type);
      continue;
    }
    r.value.forEach((row, i) => {
      for (const [k, fv] of Object.entries(row.field_bboxes)) low(`${f.name}.${i}.${k}`, fv, f.children?.find((c) => c.name === k)?.type ?? "string");
    });
  }
}

/** Word confidence below which an OCR'd value goes to review even when it matched perfectly. */
export const MIN_OCR_CONFIDENCE = 0.5;
/** The same for text values (names, addresses, descriptions, ids), which no arithmetic cross-checks. */
export const MIN_TEXT_CONFIDENCE = 0.7;

/** Optional inputs of `validate`. */
export interface ValidateOptions {
  /** OCR confidence behind a located value, by path (the matcher's `info[path].ocrConf`). */
  confidence?: (path: string, fv: FieldValue) => number | undefined;
  minOcrConfidence?: number;
  minTextConfidence?: number;
  /** the countries the document shows evidence of (from its pages); derived from the values when absent. */
  context?: DocumentContext;
}

/** Run every check over a located result; issues are ordered arithmetic, plausibility, identifiers, dates, presence. */
export function validate(fields: FieldSpec[], data: Record<string, FieldResult>, opts: ValidateOptions = {}): CheckIssue[] {
  const out: CheckIssue[] = [];
  arithmetic(data, out);
  plausibility(data, out);
  identifiers(data, out, opts.context ?? contextFromValues(data));
  dates(fields, data, out);
  plausible(fields, data, out, opts);
  presence(fields, data, out, opts);
  return out;
}

/**
 * The paths whose values a check reads: the cells it names, and for the sum a rounding it reads when one is
 * there (a reviewer who adds the rounding line the engine missed settles a failed sum).
 */
export function checkInputs(issue: CheckIssue): string[] {
  const read = checkedPaths(issue);
  return issue.code === "total_sum" ? [...new Set([...read, ...ROLES.rounding])] : read;
}

/** Every value a check read: those it names, and those it read without blaming (`reads`, e.g. rows that add up). */
export function checkedPaths(issue: CheckIssue): string[] {
  return issue.reads ? [...issue.fields, ...issue.reads] : issue.fields;
}

/** Paths that a failed check (error or warning) sends to review. */
export function flaggedPaths(issues: CheckIssue[]): Set<string> {
  return new Set(issues.flatMap((i) => i.fields));
}
