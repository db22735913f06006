import ExcelJS from "exceljs";
import type { SheetRow, SpaceSchema } from "@/lib/sheet/types";
import { type ExportOptions, type ExportValue, toExportTable } from "./table";

/** The value an XLSX cell holds: a number, a date, or text (never a formula). */
export function xlsxCellValue(v: ExportValue): number | Date | string | null {
  if (v.text === "") return null;
  if (v.type === "number" && typeof v.typed === "number") return v.typed;
  if (v.type === "date" && typeof v.typed === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.typed)) {
    return new Date(`${v.typed}T00:00:00.000Z`);
  }
  // Strings are written as shared strings: a leading "=" stays text, so no apostrophe.
  return v.text;
}

/** The space's rows as an XLSX workbook: typed numbers and dates, text as text. */
export async function toXlsx(rows: SheetRow[], schema: SpaceSchema, opts: ExportOptions): Promise<Buffer> {
  const table = toExportTable(rows, schema, opts);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Vouch";
  // A fixed timestamp keeps the bytes stable for a given export.
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet(opts.lines ? "Lines" : "Documents", { views: [{ state: "frozen", ySplit: 1 }] });
  const headerRow = ws.addRow(table.header);
  headerRow.font = { bold: true };
  for (const row of table.rows) {
    const added = ws.addRow(row.map(xlsxCellValue));
    row.forEach((v, i) => {
      const cell = added.getCell(i + 1);
      if (cell.value instanceof Date) cell.numFmt = "yyyy-mm-dd";
      else if (typeof cell.value === "number" && v.type === "number" && !Number.isInteger(cell.value)) cell.numFmt = "#,##0.00";
      // A value printed on several lines keeps its breaks; without wrap Excel would show them run together.
      else if (typeof cell.value === "string" && cell.value.includes("\n")) cell.alignment = { wrapText: true, vertical: "top" };
    });
  }
  table.header.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.min(40, Math.max(10, h.length + 2));
  });
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
