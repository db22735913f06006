import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildSheetRow } from "@/lib/sheet/build";
import { correction, meta, result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { toXlsx } from "./xlsx";

async function readBack(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error("no worksheet");
  return ws;
}

describe("toXlsx", () => {
  const row = buildSheetRow({
    document: meta("d1"),
    result: result(),
    corrections: [correction("d1", "total", "edit", "-1.300,00")],
    schema,
  });

  it("types numbers as numbers, dates as dates and text as text", async () => {
    const buf = await toXlsx([row], schema, { lines: true });
    expect([...buf.subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip container
    const ws = await readBack(buf);
    expect(ws.name).toBe("Lines");
    const header = ws.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual([
      "file_name",
      "invoice_no",
      "invoice_date",
      "vendor",
      "subtotal",
      "total",
      "note",
      "line",
      "line_items.description",
      "line_items.amount",
    ]);
    const r = ws.getRow(2);
    expect(r.getCell(1).value).toBe("d1.pdf");
    expect(r.getCell(3).value).toEqual(new Date("2026-03-12T00:00:00.000Z"));
    expect(r.getCell(3).numFmt).toBe("yyyy-mm-dd");
    // text stays text: no apostrophe, no formula
    expect(r.getCell(4).value).toBe('=HYPERLINK("http://x")');
    expect(r.getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(r.getCell(5).value).toBe(12430);
    expect(r.getCell(6).value).toBe(-1300);
    expect(r.getCell(7).value).toBeNull();
    expect(r.getCell(8).value).toBe(1);
    expect(r.getCell(10).value).toBe(12340);
    expect(ws.getRow(3).getCell(9).value).toBe("Toner\nblack");
    // a multi-line value keeps its break, shown wrapped (Excel runs the lines together without it)
    expect(ws.getRow(3).getCell(9).alignment).toMatchObject({ wrapText: true });
    expect(ws.getRow(2).getCell(9).alignment?.wrapText).toBeFalsy();
    expect(ws.getRow(3).getCell(10).value).toBe(90);
  });

  it("types corrections read with the document's conventions, and falls back to text when nothing reads", async () => {
    // The document writes "90.00": its decimal mark is ".", so a typed "1,234" is 1234.
    const typed = buildSheetRow({
      document: meta("d3"),
      result: result(),
      corrections: [correction("d3", "subtotal", "edit", "1,234"), correction("d3", "invoice_date", "edit", "01.03.27")],
      schema,
    });
    const tws = await readBack(await toXlsx([typed], schema, { lines: false }));
    expect(tws.getRow(2).getCell(5).value).toBe(1234);
    expect(tws.getRow(2).getCell(3).value).toEqual(new Date("2027-03-01T00:00:00.000Z"));
    const odd = buildSheetRow({
      document: meta("d2"),
      result: result(),
      corrections: [correction("d2", "subtotal", "edit", "12 apples")],
      schema,
    });
    const ws = await readBack(await toXlsx([odd], schema, { lines: false, version: "corrected" }));
    expect(ws.name).toBe("Documents");
    expect(ws.getRow(2).getCell(5).value).toBe("12 apples");
    const orig = await readBack(await toXlsx([odd], schema, { lines: false, version: "original" }));
    expect(orig.getRow(2).getCell(5).value).toBe(12430);
  });
});
