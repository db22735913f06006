import { describe, expect, it } from "vitest";
import { buildSheetRow } from "@/lib/sheet/build";
import { meta, result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { toCsv } from "./csv";
import { headerLabels, labelHeader } from "./headers";
import { toExportTable } from "./table";

describe("export column headers per language", () => {
  const row = buildSheetRow({ document: meta("d1"), result: result(), corrections: [], schema });

  it("keeps the field names by default (what importers map)", () => {
    expect(toExportTable([row], schema, { lines: true }).header.slice(0, 3)).toEqual(["file_name", "invoice_no", "invoice_date"]);
  });

  it("words every header in Japanese from the UI's catalogue, twins and line-item columns included", () => {
    const ja = headerLabels("ja");
    const header = toExportTable([row], schema, { lines: true, normalized: true, labels: ja }).header;
    expect(header[0]).toBe("ファイル名");
    expect(header).toContain("合計");
    expect(header).toContain("合計（正規化）");
    expect(header).toContain("行");
    expect(header.some((h) => h.endsWith(" · 金額"))).toBe(true);
    // a field the catalogue lacks reads as its humanized name, never a raw key
    expect(labelHeader("invoice_no", ja)).toBe("Invoice no");
    const csv = toCsv([row], schema, { lines: true, labels: ja });
    expect(csv.split("\r\n")[0]).toContain("ファイル名");
  });

  it("words headers in English as the screens do", () => {
    const header = toExportTable([row], schema, { lines: false, labels: headerLabels("en") }).header;
    expect(header.slice(0, 3)).toEqual(["File", "Invoice no", "Invoice date"]);
  });
});
