import { describe, expect, it } from "vitest";
import { buildSheetRow } from "@/lib/sheet/build";
import { correction, fv, meta, result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { csvTable, neutralizeFormula, quoteCsv, toCsv } from "./csv";

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

  it("writes one row per document with line items as readable lines (never JSON), without BOM when asked", () => {
    const csv = toCsv(rows(), schema, { lines: false, bom: false });
    expect(csv.charCodeAt(0)).toBe("f".charCodeAt(0));
    const [head, d1, d3, end] = csv.split("\r\n");
    expect(head).toBe(`${HEAD},line_items`);
    // one line per item, fields joined by " | ", an item's own line breaks folded
    expect(d1).toBe(`${D1},"Paper, ""A4"" | 12,340.00\nToner black | 90.00"`);
    expect(csv).not.toContain("[{");
    expect(d3).toBe(`d3.pdf,INV-2049,12.03.2026,"'=HYPERLINK(""http://x"")","12,430.00","-1.234,56",,`);
    expect(end).toBe("");
  });

  it("adds normalized columns beside the printed ones: '.' decimals, ISO dates, ISO currency codes", () => {
    const withCurrency = { ...schema, fields: [...schema.fields.slice(0, 4), { name: "currency", type: "string" as const }, ...schema.fields.slice(4)] };
    const row = buildSheetRow({
      document: meta("d1"),
      result: result({ currency: fv("eur", 1, { normalized: "eur" }) }),
      corrections: [correction("d1", "total", "edit", "22.632,43 €"), correction("d1", "invoice_date", "edit", "01.03.27")],
      schema: withCurrency,
    });
    const csv = toCsv([row], withCurrency, { lines: true, normalized: true, bom: false }).split("\r\n");
    expect(csv[0]).toBe(
      "file_name,invoice_no,invoice_date,invoice_date_normalized,vendor,subtotal,subtotal_normalized,currency,currency_normalized," +
        "total,total_normalized,note,line,line_items.description,line_items.amount,line_items.amount_normalized",
    );
    expect(csv[1]).toBe(
      `d1.pdf,INV-2049,01.03.27,2027-03-01,"'=HYPERLINK(""http://x"")","12,430.00",12430,eur,EUR,22.632,43 €,22632.43,,1,"Paper, ""A4""","12,340.00",12340`.replace(
        "22.632,43 €",
        '"22.632,43 €"',
      ),
    );
    expect(csv[2]?.endsWith(`,2,"Toner\nblack",90.00,90`)).toBe(true);
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
    ["\n=1+1", "'\n=1+1"],
    ["\r\n=HYPERLINK(1)", "'\r\n=HYPERLINK(1)"],
    ["＝1+1", "'＝1+1"],
    ["　＝SUM(A1)", "'　＝SUM(A1)"],
    ["＋1", "'＋1"],
    ["＠A1", "'＠A1"],
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

describe("csvTable", () => {
  it("neutralizes every cell (an actor's name, a corrected value) and quotes what needs it, header as given", () => {
    const csv = csvTable(["at", "actor", "details"], [["2026-12-05T23:00:00.000Z", "=cmd|' /C calc'!A0", '{"new":"+1,5"}']], { bom: false });
    expect(csv).toBe(`at,actor,details\r\n2026-12-05T23:00:00.000Z,'=cmd|' /C calc'!A0,"{""new"":""+1,5""}"\r\n`);
    expect(csvTable(["a"], [["-12.50"], ["@SUM(A1)"]])).toBe("\uFEFFa\r\n-12.50\r\n'@SUM(A1)\r\n");
  });
});
