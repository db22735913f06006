import { describe, expect, it } from "vitest";
import { buildSheetRow } from "@/lib/sheet/build";
import { correction, meta, result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { neutralizeFormula, quoteCsv, toCsv } from "./csv";

function rows() {
  const corrections = [correction("d1", "total", "edit", "-1.300,00")];
  return [
    buildSheetRow({ document: meta("d1"), result: result(), corrections, schema }),
    buildSheetRow({ document: meta("d2", { status: "queued" }), result: null, corrections: [], schema }),
    buildSheetRow({ document: meta("d3", { status: "reviewed" }), result: result({ line_items: { value: [] } }), corrections: [], schema }),
  ];
}

const HEAD = "file_name,invoice_no,invoice_date,vendor,subtotal,total,note";
const D1 = `d1.pdf,INV-2049,12.03.2026,"'=HYPERLINK(""http://x"")","12,430.00","-1.300,00",`;

describe("toCsv", () => {
  it("unfolds line items with the scalars repeated, BOM first, CRLF, RFC 4180 quoting", () => {
    const csv = toCsv(rows(), schema, { lines: true });
    const bytes = Buffer.from(csv, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe(
      "\uFEFF" +
        `${HEAD},line,line_items.description,line_items.amount\r\n` +
        `${D1},1,"Paper, ""A4""","12,340.00"\r\n` +
        `${D1},2,"Toner\nblack",90.00\r\n` +
        `d3.pdf,INV-2049,12.03.2026,"'=HYPERLINK(""http://x"")","12,430.00","-1.234,56",,,,\r\n`,
    );
  });

  it("writes one row per document with arrays as JSON, without BOM when asked", () => {
    const csv = toCsv(rows(), schema, { lines: false, bom: false });
    expect(csv.charCodeAt(0)).toBe("f".charCodeAt(0));
    const [head, d1, d3, end] = csv.split("\r\n");
    expect(head).toBe(`${HEAD},line_items`);
    expect(d1?.startsWith(`${D1},"[{""description"":""Paper, \\""A4\\"""",""amount"":""12,340.00""}`)).toBe(true);
    expect(d3).toBe(`d3.pdf,INV-2049,12.03.2026,"'=HYPERLINK(""http://x"")","12,430.00","-1.234,56",,`);
    expect(end).toBe("");
  });

  it("exports the engine's originals and only reviewed documents on request", () => {
    expect(toCsv(rows(), schema, { lines: false, version: "original" })).toContain(`"-1.234,56"`);
    expect(toCsv(rows(), schema, { lines: false, version: "original" })).not.toContain("-1.300,00");
    const reviewed = toCsv(rows(), schema, { lines: false, reviewedOnly: true, bom: false }).split("\r\n");
    expect(reviewed).toHaveLength(3);
    expect(reviewed[1]?.startsWith("d3.pdf,")).toBe(true);
  });
});

describe("neutralizeFormula", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+49 30 1234", "'+49 30 1234"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["  =1", "'  =1"],
    ["-", "'-"],
    ["-12.50", "-12.50"],
    ["-1.234,56", "-1.234,56"],
    ["-1 234,56", "-1 234,56"],
    ["+7", "+7"],
    ["ACME GmbH", "ACME GmbH"],
    ["a=b", "a=b"],
  ])("%j → %j", (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });

  it("quotes only what needs quoting", () => {
    expect(quoteCsv("plain")).toBe("plain");
    expect(quoteCsv('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsv("a\r\nb")).toBe('"a\r\nb"');
  });
});
