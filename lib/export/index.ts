/** CSV and XLSX exports of a space's sheet. */
export { neutralizeFormula, quoteCsv, toCsv } from "./csv";
export { type ExportOptions, type ExportTable, type ExportValue, toExportTable } from "./table";
export { toXlsx, xlsxCellValue } from "./xlsx";
