import { cleanText } from "./bill";
import { csvRecord } from "./encode";
import { bookingLines, decimal, type ExportPreset, orderedDate } from "./preset";
import { presetLabel } from "./menu";
import { settingsFor } from "./settings";

/**
 * QuickBooks Online bills import (Settings → Import data → Bills): one row per bill line;
 * rows with the same "Bill no." and supplier form one bill. UTF-8 without BOM.
 */
export const HEADER = [
  "Bill no.",
  "Supplier",
  "Bill Date",
  "Due Date",
  "Terms",
  "Location",
  "Memo",
  "Account",
  "Line Description",
  "Line Amount",
  "Line Tax Code",
  "Line Tax Amount",
  "Currency",
];

export const quickbooks: ExportPreset = {
  id: "quickbooks",
  label: presetLabel("quickbooks"),
  encoding: "utf-8",
  extension: "csv",
  defaults: { account: "Purchases", taxCode: "", costCentre: "", payableAccount: "" },
  write(bills, ctx) {
    const order = ctx.settings.dateOrder ?? "mdy";
    const out = [csvRecord(HEADER)];
    for (const b of bills) {
      const s = settingsFor(ctx.settings, b.supplierKey, this.defaults);
      for (const line of bookingLines(b)) {
        out.push(
          csvRecord([
            cleanText(b.number) || b.documentId,
            cleanText(b.supplier) || "Unknown supplier",
            orderedDate(b.issueDate, order),
            orderedDate(b.dueDate ?? b.issueDate, order),
            "",
            s.costCentre,
            cleanText(b.fileName),
            s.account,
            cleanText(line.description),
            decimal(line.amount),
            s.taxCode,
            "",
            b.currency,
          ]),
        );
      }
    }
    return `${out.join("\r\n")}\r\n`;
  },
};
