/**
 * The e-invoice stage's result: every value exactly as the XML carries it, located on the
 * printed page (text layer or OCR) by the shared matcher so it gets its box, and
 * cross-checked — a number, date or invoice number the page does not show is flagged for
 * review with the page's own reading beside the XML's.
 */
import { CONFIDENT, matchValue, missingValue } from "../match";
import type { ArrayRow, CheckIssue, FieldResult, FieldSpec, FieldValue, OcrPage } from "../types";
import { isArrayValue } from "../types";
import { type Mapped, mapFields } from "./fields";
import type { EInvoice } from "./model";
import { pageLines, printedForms } from "./printed";
import { extendsName, otherInColumn, sameSpot } from "./cells";

/** Keys whose disagreement with the print matters (codes and free text may be printed otherwise). */
const CHECKED = new Set(["invoice_number", "issue_date", "due_date", "subtotal", "tax", "total", "amount_due", "amount", "quantity", "unit_price"]);

/** Checked values must be printed character for character (the matcher tolerates OCR slips: 1.095,55 ≈ 1.005,55). */
const located = (m: Mapped, ratio: number) => (CHECKED.has(m.key) ? ratio >= 1 : ratio >= CONFIDENT);

/** Candidate texts tried per value (the page's own readings come first). */
const MAX_FORMS = 12;

function normalized(m: Mapped): number | string | undefined {
  if (m.kind === "number") {
    const n = Number(m.xml);
    return Number.isFinite(n) ? n : undefined;
  }
  if (m.kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(m.xml)) return m.xml;
  return undefined;
}

/** Where a line-item cell is expected: its row's band (on one page) and its column's x range. */
interface Band {
  page?: number;
  rowBand?: [number, number];
  colBand?: [number, number];
}

/** Each column's x range: the median edges of its cells located in the first pass. */
function columnBands(rows: Record<string, FieldValue>[], rowsMapped: Record<string, Mapped>[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  const keys = new Set(rows.flatMap((r) => Object.keys(r)));
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const k of keys) {
    const boxes = rows.flatMap((r, i) => {
      const v = r[k];
      const m = rowsMapped[i]?.[k];
      return v?.bbox && m && located(m, v.match_ratio) ? [v.bbox] : [];
    });
    if (boxes.length >= 2) out[k] = [med(boxes.map((b) => b.xmin)) - 3, med(boxes.map((b) => b.xmax)) + 3];
  }
  return out;
}

/**
 * Each column's x range for the cross-check: as columnBands, from cells no other cell of their row
 * was located on (a price equal to its amount found on the amount's print says nothing of its column).
 */
function checkBands(rows: Record<string, FieldValue>[], rowsMapped: Record<string, Mapped>[]): Record<string, [number, number]> {
  const alone = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k, v]) => !Object.entries(r).some(([o, w]) => o !== k && sameSpot(v, w)))));
  return columnBands(alone, rowsMapped);
}

/**
 * The printed form of a value that locates best: fully matched first, inside the row's band
 * (line items), a form read off the page before a generic format, then the longer text.
 */
function bestMatch(pages: OcrPage[], lines: ReturnType<typeof pageLines>, m: Mapped, pr: Band = {}): FieldValue {
  const forms = printedForms(lines, m.kind, m.xml).slice(0, MAX_FORMS);
  let best: { fv: FieldValue; score: number } | undefined;
  for (const f of forms) {
    const raw = { text: f.text, page: pr.page ?? f.page };
    const fv = matchValue(pages, raw, { ...(pr.rowBand ? { rowBand: pr.rowBand } : {}), ...(pr.colBand ? { colBand: pr.colBand } : {}) }).value;
    const inRow = pr.rowBand && fv.page === pr.page && mid(fv) >= pr.rowBand[0] && mid(fv) <= pr.rowBand[1];
    const inCol = pr.colBand && fv.bbox && Math.min(fv.bbox.xmax, pr.colBand[1]) - Math.max(fv.bbox.xmin, pr.colBand[0]) > 0;
    // A code's word ("Stk") is anywhere on a page: only its own row counts.
    if (m.kind === "code" && pr.rowBand && !inRow) continue;
    const score =
      fv.match_ratio * 100 + (inRow ? 10 : 0) + (inCol ? 5 : 0) + (f.fromPage ? 1 : 0) - (f.signFlipped ? 3 : 0) + Math.min(f.text.length, 50) / 100;
    if (!best || score > best.score) best = { fv, score };
  }
  return best?.fv ?? matchValue(pages, { text: m.xml, page: 0 }).value;
}

/** The XML value with the box where it is printed (when the page shows it). */
function finish(fv: FieldValue | undefined, m: Mapped, located: boolean): FieldValue {
  const n = normalized(m);
  // Unlocated: a checked value keeps its (low) ratio and goes to review; a code or a text the page words
  // otherwise (unit "H87", an address) is exact all the same, so nothing asks a reviewer about it.
  const ratio = CHECKED.has(m.key) ? (fv?.match_ratio ?? 0) : 1;
  const base: FieldValue = located && fv ? { ...fv } : { ...missingValue(), value: m.xml, match_ratio: ratio };
  // A value the page shows in another form keeps the printed form; its meaning is the XML's.
  base.bbox_source = "e_invoice_xml";
  // The XML value is exact; it is at risk only where the printed page disagrees (set by the caller).
  base.risk = located || !CHECKED.has(m.key) ? 0 : 1;
  if (n !== undefined) base.normalized = n;
  else delete base.normalized;
  return base;
}

/** Cells matched first in a row: long, distinctive texts (a quantity "5" is not one); their place is the row's band. */
const ANCHORS = ["description", "item_code", "amount"];

const mid = (v: FieldValue) => (v.bbox ? (v.bbox.ymin + v.bbox.ymax) / 2 : Number.NaN);

/**
 * Locate one line item: its anchors first (description, then the others inside the
 * description's band, since an amount like "200,00" may repeat in other rows), then the
 * short cells inside the band of the row.
 */
function locateRow(
  pages: OcrPage[],
  lines: ReturnType<typeof pageLines>,
  row: Record<string, Mapped>,
  cols: Record<string, [number, number]> = {},
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  let band: { page: number; y: [number, number] } | undefined;
  const widen = (m: Mapped, v: FieldValue) => {
    if (!v.bbox || v.page === null || !located(m, v.match_ratio)) return;
    if (band && band.page !== v.page) return;
    const y0 = Math.min(band?.y[0] ?? Infinity, v.bbox.ymin);
    const y1 = Math.max(band?.y[1] ?? -Infinity, v.bbox.ymax);
    band = { page: v.page, y: [y0, y1] };
  };
  const order = [...ANCHORS.filter((k) => row[k]), ...Object.keys(row).filter((k) => !ANCHORS.includes(k))];
  for (const k of order) {
    const m = row[k]!;
    const pad = band ? Math.max(4, (band.y[1] - band.y[0]) * 0.25) : 0;
    const pr: Band = {
      ...(band ? { page: band.page, rowBand: [band.y[0] - pad, band.y[1] + pad] as [number, number] } : {}),
      ...(cols[k] ? { colBand: cols[k] } : {}),
    };
    out[k] = bestMatch(pages, lines, m, pr);
    widen(m, out[k]);
  }
  return out;
}

export interface EInvoiceResultOptions {
  /** the page's own extraction (rules/LLM): its readings are shown beside the XML's where they disagree. */
  printed?: Record<string, FieldResult>;
}

/** Values and review issues of an e-invoice; `pages` empty = nothing printed to compare with. */
export function eInvoiceData(
  inv: EInvoice,
  fields: FieldSpec[],
  pages: OcrPage[],
  opts: EInvoiceResultOptions = {},
): { data: Record<string, FieldResult>; issues: CheckIssue[] } {
  const { scalars, rows } = mapFields(inv, fields);
  const data: Record<string, FieldResult> = {};
  const issues: CheckIssue[] = [];
  const lines = pageLines(pages);
  const printedText = (name: string): string | null => {
    const r = opts.printed?.[name];
    return r && !isArrayValue(r) ? r.value : null;
  };
  for (const f of fields) {
    if (f.type === "array") continue;
    const m = scalars[f.name];
    if (!m) {
      data[f.name] = missingValue();
      continue;
    }
    if (pages.length === 0) {
      data[f.name] = { ...finish(undefined, m, false), match_ratio: 1, risk: 0 };
      continue;
    }
    const fv = bestMatch(pages, lines, m);
    const found = located(m, fv.match_ratio);
    data[f.name] = finish(fv, m, found);
    if (!found && CHECKED.has(m.key)) {
      const seen = printedText(f.name);
      issues.push({
        code: "e_invoice_print_mismatch",
        severity: m.kind === "number" ? "error" : "warning",
        message: seen
          ? `${f.name}: the XML says ${m.xml}, the printed page reads "${seen}"`
          : `${f.name}: the XML says ${m.xml}, which the printed page does not show`,
        fields: [f.name],
      });
    }
  }
  for (const f of fields) {
    if (f.type !== "array") continue;
    const mapped = rows[f.name] ?? [];
    if (pages.length === 0) {
      data[f.name] = {
        value: mapped.map((r) => ({
          field_bboxes: Object.fromEntries(Object.entries(r).map(([k, m]) => [k, { ...finish(undefined, m, false), match_ratio: 1, risk: 0 }])),
        })),
      };
      continue;
    }
    // Two passes: the second knows each column's x range (an amount equal to its unit price).
    const first = mapped.map((r) => locateRow(pages, lines, r));
    const cols = columnBands(first, mapped);
    const matched = Object.keys(cols).length > 0 ? mapped.map((r) => locateRow(pages, lines, r, cols)) : first;
    const bands = checkBands(matched, mapped);
    const out: ArrayRow[] = mapped.map((r, i) => {
      const fb: Record<string, FieldValue> = {};
      for (const c of f.children ?? []) {
        const m = r[c.name];
        const fv = matched[i]?.[c.name];
        if (!m) {
          fb[c.name] = missingValue();
          continue;
        }
        const onPage = !!fv && located(m, fv.match_ratio);
        // A checked value found only outside its column while the page prints another number in it (a net price equal
        // to the row's amount, the printed price before a discount in the price column) is not printed as itself.
        const other = onPage && CHECKED.has(m.key) && fv.page !== null ? otherInColumn(pages[fv.page], fv, bands[c.name]) : undefined;
        const found = onPage && other === undefined;
        fb[c.name] = finish(fv, m, found);
        if (!found && CHECKED.has(m.key)) {
          issues.push({
            code: "e_invoice_print_mismatch",
            severity: m.key === "amount" ? "error" : "warning",
            message: other
              ? `${f.name} row ${i + 1}: the XML ${c.name} is ${m.xml}, the page prints ${other} as the ${c.name}`
              : `${f.name} row ${i + 1}: the XML ${c.name} ${m.xml} is not on the printed page`,
            fields: [`${f.name}.${i}.${c.name}`],
          });
        }
        // The page prints the item as the XML's longer description, which holds the name: the name is not the printed text.
        const text = inv.lines[i]?.item_text;
        if (onPage && m.key === "description" && extendsName(m.xml, text)) {
          const pr = fv.page !== null ? { page: fv.page } : {};
          const long = bestMatch(pages, lines, { key: "item_text", xml: text, kind: "string" }, pr);
          if (long.match_ratio >= CONFIDENT && sameSpot(long, fv)) {
            fb[c.name] = { ...fb[c.name]!, risk: 0.5 };
            issues.push({
              code: "e_invoice_print_mismatch",
              severity: "warning",
              message: `${f.name} row ${i + 1}: the page prints the item as "${long.value}", the XML names it "${m.xml}"`,
              fields: [`${f.name}.${i}.${c.name}`],
            });
          }
        }
      }
      return { field_bboxes: fb };
    });
    data[f.name] = { value: out };
    // A line printed on the page that the XML lacks: the page's own extraction shows more rows.
    const pr = opts.printed?.[f.name];
    const printedRows = pr && isArrayValue(pr) ? pr.value.filter((r) => Object.values(r.field_bboxes).some((v) => v.value)).length : 0;
    // Profiles without lines (MINIMUM, BASIC WL) say nothing about them: only a partial list is compared.
    if (out.length > 0 && printedRows > out.length) {
      issues.push({
        code: "e_invoice_print_mismatch",
        severity: "warning",
        message: `${f.name}: the printed page shows ${printedRows} rows, the XML ${out.length}`,
        fields: [f.name],
      });
    }
  }
  return { data, issues };
}
