import type { Bill } from "./bill";
import type { PresetEncoding } from "./encode";
import type { AccountingSettings, ExportSettings } from "./settings";

/** What every preset is called with besides the bills. */
export interface PresetContext {
  settings: ExportSettings;
  /** the file's creation time (DATEV's header carries it); fixed in tests. */
  now: Date;
  /** a label for the batch (DATEV's Bezeichnung), e.g. the space's name. */
  label: string;
}

import type { PresetId } from "./menu";

export type { PresetId };

/** An accounting software's import format. */
export interface ExportPreset {
  id: PresetId;
  /** what the export menu shows. */
  label: string;
  encoding: PresetEncoding;
  extension: "csv" | "txt";
  /** ISO codes the format can book ("" = the document names none); others are left out with the reason. */
  currencies?: readonly string[];
  /** the defaults used when neither the supplier nor the space sets a value. */
  defaults: Required<AccountingSettings> & { payableAccount: string };
  /** the file as text (CRLF line ends), before encoding. */
  write(bills: Bill[], ctx: PresetContext): string;
}

/** yyyy-mm-dd → yyyy/mm/dd (the Japanese importers' form). */
export const slashDate = (iso: string | null) => (iso ? iso.replaceAll("-", "/") : "");

/** yyyy-mm-dd → dd/mm/yyyy or mm/dd/yyyy. */
export function orderedDate(iso: string | null, order: "dmy" | "mdy"): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-");
  return order === "dmy" ? `${d}/${m}/${y}` : `${m}/${d}/${y}`;
}

/** A plain decimal with "." and at most 2 places (4 for unit prices), no grouping. */
export function decimal(n: number | null, places = 2): string {
  if (n === null) return "";
  const s = n.toFixed(places);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** Whole yen: Japanese journals take integer amounts. */
export const yen = (n: number | null) => (n === null ? "" : String(Math.round(n)));

/**
 * The lines to book: the document's line items when their amounts add up to its net or
 * gross total (±0.02 per line), else one line with the total, so a partial table never
 * books a wrong sum.
 */
export function bookingLines(bill: Bill): Array<{ description: string; quantity: number; unitPrice: number; amount: number }> {
  const lines = bill.lines.filter((l) => l.amount !== null);
  const sum = lines.reduce((a, l) => a + (l.amount ?? 0), 0);
  const tolerance = 0.02 * Math.max(1, lines.length);
  const matches = [bill.net, bill.total].some((t) => t !== null && Math.abs(t - sum) <= tolerance);
  if (lines.length > 0 && lines.length === bill.lines.length && matches) {
    return lines.map((l) => {
      const amount = l.amount ?? 0;
      const exact = l.quantity !== null && l.unitPrice !== null && Math.abs(l.quantity * l.unitPrice - amount) <= 0.01;
      return exact
        ? { description: l.description, quantity: l.quantity ?? 1, unitPrice: l.unitPrice ?? amount, amount }
        : { description: l.description, quantity: 1, unitPrice: amount, amount };
    });
  }
  const total = bill.total ?? 0;
  return [{ description: bill.number ? `Invoice ${bill.number}` : bill.fileName, quantity: 1, unitPrice: total, amount: total }];
}
