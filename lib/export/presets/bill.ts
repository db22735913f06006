import { neutralizeFormula } from "@/lib/export/csv";
import { currencyCode } from "@/lib/sheet/conventions";
import { buildReviewQueue } from "@/lib/sheet/queue";
import type { SheetCell, SheetRow } from "@/lib/sheet/types";

/**
 * One document as an accounting import sees it: supplier, number, dates, currency and
 * amounts, all from the corrected values' normalized forms (numbers, ISO dates, ISO 4217
 * codes). Every preset writes from this, never from printed strings.
 */
export interface Bill {
  documentId: string;
  fileName: string;
  supplier: string;
  /** what per-supplier settings are keyed by: VAT id, Japanese registration number, IBAN, else the name. */
  supplierKey: string;
  number: string;
  /** ISO yyyy-mm-dd. */
  issueDate: string | null;
  dueDate: string | null;
  /** ISO 4217, "" when the document names none. */
  currency: string;
  total: number | null;
  tax: number | null;
  net: number | null;
  lines: BillLine[];
}

export interface BillLine {
  description: string;
  quantity: number | null;
  unitPrice: number | null;
  amount: number | null;
}

/** A document left out of a preset export, and why. */
export interface Excluded {
  fileName: string;
  reason: string;
}

const first = (row: SheetRow, names: string[]) => names.map((n) => row.cells[n]).find((c) => c && c.value !== null);
const text = (c: SheetCell | undefined) => (c?.value ?? "").replace(/\s+/g, " ").trim();
const num = (c: SheetCell | undefined) => (typeof c?.normalized === "number" ? c.normalized : null);
const isoDate = (c: SheetCell | undefined) => (typeof c?.normalized === "string" && /^\d{4}-\d{2}-\d{2}$/.test(c.normalized) ? c.normalized : null);

/** The key per-supplier settings use: an identifier printed on the document beats the name. */
export function supplierKey(row: SheetRow): string {
  for (const name of ["vendor_tax_id", "registration_number", "iban"]) {
    const v = text(row.cells[name])
      .replace(/[\s.-]/g, "")
      .toUpperCase();
    if (v) return `${name}:${v}`;
  }
  return `name:${text(row.cells.vendor).normalize("NFKC").toLowerCase()}`;
}

/** A text value safe to put in an import file: one line, no formula start. */
export function cleanText(s: string): string {
  return neutralizeFormula(s.replace(/\s+/g, " ").trim());
}

function toBill(row: SheetRow): Bill {
  const taxCells = ["tax_10", "tax_8"].map((n) => num(row.cells[n])).filter((v): v is number => v !== null);
  const tax = num(row.cells.tax) ?? (taxCells.length > 0 ? taxCells.reduce((a, b) => a + b, 0) : null);
  const total = num(row.cells.total);
  const net = num(row.cells.subtotal) ?? (total !== null && tax !== null ? round2(total - tax) : null);
  const currencyCell = row.cells.currency;
  const currency =
    (typeof currencyCell?.normalized === "string" ? currencyCode(currencyCell.normalized) : undefined) ??
    currencyCode(text(currencyCell)) ??
    row.conventions?.currency ??
    "";
  const items = row.arrays.line_items ?? [];
  return {
    documentId: row.documentId,
    fileName: row.fileName,
    supplier: text(row.cells.vendor),
    supplierKey: supplierKey(row),
    number: text(first(row, ["invoice_number", "receipt_no", "delivery_no"])),
    issueDate: isoDate(first(row, ["issue_date", "delivery_date"])),
    dueDate: isoDate(row.cells.due_date),
    currency,
    total,
    tax,
    net,
    lines: items
      .map((item) => ({
        description: text(item.description),
        quantity: num(item.quantity),
        unitPrice: num(item.unit_price),
        amount: num(item.amount),
      }))
      .filter((l) => l.description !== "" || l.amount !== null),
  };
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The bills a preset exports. Unfinished documents are skipped; a document whose
 * review queue is not empty (an unreviewed doubt) is excluded unless `includeDoubtful`,
 * and so is one without a total or a date (nothing to book).
 */
export function toBills(rows: SheetRow[], opts: { includeDoubtful?: boolean } = {}): { bills: Bill[]; excluded: Excluded[] } {
  const bills: Bill[] = [];
  const excluded: Excluded[] = [];
  for (const row of rows) {
    if (row.status !== "done" && row.status !== "reviewed") continue;
    const doubts = row.status === "reviewed" ? 0 : buildReviewQueue([row]).length;
    if (doubts > 0 && !opts.includeDoubtful) {
      excluded.push({ fileName: row.fileName, reason: `${doubts} value(s) still to review` });
      continue;
    }
    const bill = toBill(row);
    if (bill.total === null || bill.issueDate === null) {
      excluded.push({ fileName: row.fileName, reason: bill.total === null ? "no total as a number" : "no date" });
      continue;
    }
    bills.push(bill);
  }
  return { bills, excluded };
}
