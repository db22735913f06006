import { cleanText } from "./bill";
import { csvRecord } from "./encode";
import { bookingLines, decimal, type ExportPreset, orderedDate } from "./preset";
import { presetLabel } from "./menu";
import { settingsFor } from "./settings";

/**
 * Xero bills import (Business → Bills to pay → Import): the bill template's columns,
 * required ones starred as in Xero's template. One row per line item (same InvoiceNumber
 * = one bill); amounts as printed on the lines, so pick "tax exclusive" on import when the
 * lines are net. UTF-8 without BOM (the BOM would become part of "*ContactName").
 */
export const HEADER = [
  "*ContactName",
  "EmailAddress",
  "POAddressLine1",
  "POAddressLine2",
  "POAddressLine3",
  "POAddressLine4",
  "POCity",
  "PORegion",
  "POPostalCode",
  "POCountry",
  "*InvoiceNumber",
  "*InvoiceDate",
  "*DueDate",
  "Total",
  "InventoryItemCode",
  "Description",
  "*Quantity",
  "*UnitAmount",
  "*AccountCode",
  "*TaxType",
  "TaxAmount",
  "TrackingName1",
  "TrackingOption1",
  "TrackingName2",
  "TrackingOption2",
  "Currency",
];

export const xero: ExportPreset = {
  id: "xero",
  label: presetLabel("xero"),
  encoding: "utf-8",
  extension: "csv",
  defaults: { account: "400", taxCode: "Tax on Purchases", costCentre: "", payableAccount: "" },
  write(bills, ctx) {
    const order = ctx.settings.dateOrder ?? "dmy";
    const out = [csvRecord(HEADER)];
    for (const b of bills) {
      const s = settingsFor(ctx.settings, b.supplierKey, this.defaults);
      const date = orderedDate(b.issueDate, order);
      for (const line of bookingLines(b)) {
        out.push(
          csvRecord([
            cleanText(b.supplier) || "Unknown supplier",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            cleanText(b.number) || b.documentId,
            date,
            orderedDate(b.dueDate ?? b.issueDate, order),
            "",
            "",
            cleanText(line.description),
            decimal(line.quantity, 4),
            decimal(line.unitPrice, 4),
            s.account,
            s.taxCode,
            "",
            s.costCentre ? "Cost centre" : "",
            s.costCentre,
            "",
            "",
            b.currency,
          ]),
        );
      }
    }
    return `${out.join("\r\n")}\r\n`;
  },
};
