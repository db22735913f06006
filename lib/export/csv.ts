import { isPlainNumber } from "@/lib/sheet/normalize";
import type { SheetRow, SpaceSchema } from "@/lib/sheet/types";
import { type ExportOptions, toExportTable } from "./table";

const BOM = "\uFEFF";
/**
 * Leading characters a spreadsheet reads as the start of a formula (OWASP CSV injection),
 * their full-width forms (＝＋－＠, which CJK-locale spreadsheets also take), and the
 * control characters (tab, CR, LF) some spreadsheets skip before looking for one.
 */
const FORMULA_START = /^[=+\-@\uff1d\uff0b\uff0d\uff20\t\r\n]/;

/**
 * Neutralize a cell a spreadsheet would run as a formula by prefixing an apostrophe,
 * but leave plain numbers like "-12.50" or "-1.234,56" alone so they stay numbers.
 * Leading spaces (also no-break and ideographic) do not hide a formula from every spreadsheet, so they are looked past.
 */
export function neutralizeFormula(text: string): string {
  const head = text.replace(/^[ \u00a0\u3000]+/, "");
  if (!FORMULA_START.test(head)) return text;
  if (isPlainNumber(text)) return text;
  return `'${text}`;
}

/** RFC 4180: quote a field holding a comma, a quote, CR or LF; double inner quotes. */
export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table as CSV text: RFC 4180 quoting, every cell's formula neutralized, CRLF line ends, BOM unless `bom: false`. */
export function csvTable(header: string[], rows: string[][], opts: { bom?: boolean } = {}): string {
  const lines = [header.map(quoteCsv).join(",")];
  for (const row of rows) lines.push(row.map((v) => quoteCsv(neutralizeFormula(v))).join(","));
  return `${opts.bom === false ? "" : BOM}${lines.join("\r\n")}\r\n`;
}

/** The space's rows as CSV text (CRLF line ends, BOM unless `bom: false`). */
export function toCsv(rows: SheetRow[], schema: SpaceSchema, opts: ExportOptions): string {
  const table = toExportTable(rows, schema, opts);
  return csvTable(
    table.header,
    table.rows.map((row) => row.map((v) => v.text)),
    { bom: opts.bom !== false },
  );
}
