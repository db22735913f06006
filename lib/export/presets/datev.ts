import { cleanText } from "./bill";
import { BUCHUNGSSTAPEL_COLUMNS } from "./datev-columns";
import type { ExportPreset } from "./preset";
import { presetLabel } from "./menu";
import { settingsFor } from "./settings";

/**
 * DATEV-Format Buchungsstapel (EXTF 700, category 21, Formatversion 13), Windows-1252,
 * ";" separated, CRLF. Line 1: the 31-field header; line 2: the 125 headings; then one
 * booking per document: the gross total on the expense account (Soll) against the
 * supplier's creditor account, Belegdatum TTMM, the invoice number in Belegfeld 1.
 */
const col = (name: string) => {
  const i = BUCHUNGSSTAPEL_COLUMNS.indexOf(name);
  if (i < 0) throw new Error(`no DATEV column ${name}`);
  return i;
};
const AT = {
  amount: col("Umsatz (ohne Soll/Haben-Kz)"),
  side: col("Soll/Haben-Kennzeichen"),
  currency: col("WKZ Umsatz"),
  account: col("Konto"),
  contra: col("Gegenkonto (ohne BU-Schlüssel)"),
  bu: col("BU-Schlüssel"),
  date: col("Belegdatum"),
  beleg1: col("Belegfeld 1"),
  text: col("Buchungstext"),
  kost1: col("KOST1 - Kostenstelle"),
  due: col("Fälligkeit"),
  fixed: col("Festschreibung"),
};

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const compact = (iso: string) => iso.replaceAll("-", "");
/** Belegfeld 1 holds at most 36 of a–z A–Z 0–9 $ & % * + - / (DATEV's field rule). */
export const belegfeld = (s: string) => s.replace(/[^A-Za-z0-9$&%*+\-/]/g, "").slice(0, 36);
/** "1234,56": DATEV amounts are unsigned with a decimal comma. */
const umsatz = (n: number) => Math.abs(n).toFixed(2).replace(".", ",");

export const datev: ExportPreset = {
  id: "datev",
  label: presetLabel("datev"),
  encoding: "windows-1252",
  currencies: ["EUR", ""],
  extension: "csv",
  defaults: { account: "4900", taxCode: "9", costCentre: "", payableAccount: "70000" },
  write(bills, ctx) {
    const d = ctx.settings.datev;
    const dates = bills
      .map((b) => b.issueDate ?? "")
      .filter(Boolean)
      .sort();
    const from = dates[0] ?? ctx.now.toISOString().slice(0, 10);
    const to = dates.at(-1) ?? from;
    const start = d.fiscalYearStart ?? "0101";
    // The fiscal year holding the first booking: it starts on `start` of that year or the one before.
    const year = Number(from.slice(0, 4)) - (from.slice(5, 7) + from.slice(8, 10) < start ? 1 : 0);
    const n = ctx.now;
    const stamp = `${n.getUTCFullYear()}${[n.getUTCMonth() + 1, n.getUTCDate(), n.getUTCHours(), n.getUTCMinutes(), n.getUTCSeconds()]
      .map((v) => String(v).padStart(2, "0"))
      .join("")}${String(n.getUTCMilliseconds()).padStart(3, "0")}`;
    const header = [
      q("EXTF"),
      "700",
      "21",
      q("Buchungsstapel"),
      "13",
      stamp,
      "",
      q("RE"),
      q(""),
      q(""),
      d.consultant ?? "1001",
      d.client ?? "1",
      `${year}${start}`,
      String(d.accountLength ?? 4),
      compact(from),
      compact(to),
      q(cleanText(ctx.label).slice(0, 30)),
      q(""),
      "1",
      "0",
      "0",
      q("EUR"),
      "",
      q(""),
      "",
      "",
      q(d.chart ?? "03"),
      "",
      "",
      q(""),
      q(""),
    ];
    const lines = [header.join(";"), BUCHUNGSSTAPEL_COLUMNS.join(";")];
    for (const b of bills) {
      const s = settingsFor(ctx.settings, b.supplierKey, this.defaults);
      const row: string[] = BUCHUNGSSTAPEL_COLUMNS.map(() => "");
      const total = b.total ?? 0;
      row[AT.amount] = umsatz(total);
      // An expense is booked Soll on the expense account; a credit note (negative) Haben.
      row[AT.side] = q(total < 0 ? "H" : "S");
      row[AT.currency] = q(b.currency || "EUR");
      row[AT.account] = s.account;
      row[AT.contra] = s.payableAccount;
      row[AT.bu] = q(s.taxCode);
      row[AT.date] = b.issueDate ? b.issueDate.slice(8, 10) + b.issueDate.slice(5, 7) : "";
      row[AT.beleg1] = q(belegfeld(b.number));
      row[AT.text] = q(cleanText([b.supplier, b.number].filter(Boolean).join(" ")).slice(0, 60));
      row[AT.kost1] = q(s.costCentre);
      row[AT.due] = b.dueDate ? `${b.dueDate.slice(8, 10)}${b.dueDate.slice(5, 7)}${b.dueDate.slice(0, 4)}` : "";
      row[AT.fixed] = "0";
      lines.push(row.join(";"));
    }
    return `${lines.join("\r\n")}\r\n`;
  },
};
