import { describe, expect, it } from "vitest";
import { columnHints } from "../templates/lexicon";
import { analyzePage } from "./rows";
import { extractTable } from "./table";
import { makePage } from "./testing";

const specs = Object.entries(columnHints).map(([name, h]) => ({ name, labels: h.labels, numeric: h.kind === "money" || h.kind === "quantity" }));
const isTotals = (row: { segments: { text: string }[] }) => row.segments.some((s) => /^(subtotal|total|summe)/i.test(s.text));

describe("extractTable", () => {
  it("reads a German table: header lexicon, wrapped description, totals excluded", () => {
    const page = makePage([
      {
        y: 100,
        runs: [
          ["Pos.", 50],
          ["Menge", 100],
          ["Bezeichnung", 200],
          ["Einzelpreis", 600],
          ["Betrag", 800],
        ],
      },
      {
        y: 120,
        runs: [
          ["1", 50],
          ["2", 100],
          ["Bürostuhl ergonomisch", 200],
          ["249,00", 600],
          ["498,00", 800],
        ],
      },
      { y: 133, runs: [["mit Armlehnen", 200]] },
      {
        y: 150,
        runs: [
          ["2", 50],
          ["1", 100],
          ["Lampe", 200],
          ["19,99", 600],
          ["19,99", 800],
        ],
      },
      {
        y: 180,
        runs: [
          ["Summe", 600],
          ["517,99", 800],
        ],
      },
    ]);
    const rows = extractTable([analyzePage(page)], specs, isTotals);
    expect(rows.map((r) => [r.cells.description?.text, r.cells.quantity?.text, r.cells.unit_price?.text, r.cells.amount?.text])).toEqual([
      ["Bürostuhl ergonomisch mit Armlehnen", "2", "249,00", "498,00"],
      ["Lampe", "1", "19,99", "19,99"],
    ]);
  });

  it("reads headers decorated with a unit or currency, and resolves an ambiguous 'Item' column", () => {
    const page = makePage([
      {
        y: 100,
        runs: [
          ["Item", 50],
          ["Description", 150],
          ["Quantity (hrs)", 450],
          ["Price (EUR)", 620],
          ["Amount", 820],
        ],
      },
      {
        y: 120,
        runs: [
          ["A-100", 50],
          ["Consulting", 150],
          ["12", 480],
          ["95.00", 630],
          ["1,140.00", 820],
        ],
      },
    ]);
    const rows = extractTable([analyzePage(page)], specs, isTotals);
    expect(
      rows.map((r) => [r.cells.item_code?.text, r.cells.description?.text, r.cells.quantity?.text, r.cells.unit_price?.text, r.cells.amount?.text]),
    ).toEqual([["A-100", "Consulting", "12", "95.00", "1,140.00"]]);
  });

  it("concatenates a table continued on the next page", () => {
    const header: [string, number][] = [
      ["Description", 100],
      ["Qty", 500],
      ["Amount", 800],
    ];
    const p0 = makePage(
      [
        { y: 100, runs: header },
        {
          y: 120,
          runs: [
            ["Widget", 100],
            ["1", 500],
            ["5.00", 800],
          ],
        },
      ],
      0,
    );
    const p1 = makePage(
      [
        { y: 50, runs: header },
        {
          y: 70,
          runs: [
            ["Gadget", 100],
            ["2", 500],
            ["8.00", 800],
          ],
        },
        {
          y: 100,
          runs: [
            ["Total", 600],
            ["13.00", 800],
          ],
        },
      ],
      1,
    );
    const rows = extractTable([analyzePage(p0), analyzePage(p1)], specs, isTotals);
    expect(rows.map((r) => [r.page, r.cells.description?.text])).toEqual([
      [0, "Widget"],
      [1, "Gadget"],
    ]);
  });

  it("continues a table on the next page without a repeated header", () => {
    const header: [string, number][] = [
      ["Description", 100],
      ["Qty", 500],
      ["Amount", 800],
    ];
    const p0 = makePage(
      [
        { y: 820, runs: header },
        {
          y: 840,
          runs: [
            ["Widget", 100],
            ["1", 500],
            ["5.00", 800],
          ],
        },
        {
          y: 860,
          runs: [
            ["Bolt", 100],
            ["3", 500],
            ["0.90", 800],
          ],
        },
      ],
      0,
    );
    const p1 = makePage(
      [
        {
          y: 40,
          runs: [
            ["Gadget", 100],
            ["2", 500],
            ["8.00", 800],
          ],
        },
        {
          y: 70,
          runs: [
            ["Total", 600],
            ["13.90", 800],
          ],
        },
      ],
      1,
    );
    const rows = extractTable([analyzePage(p0), analyzePage(p1)], specs, isTotals);
    expect(rows.map((r) => [r.page, r.cells.description?.text, r.cells.amount?.text])).toEqual([
      [0, "Widget", "5.00"],
      [0, "Bolt", "0.90"],
      [1, "Gadget", "8.00"],
    ]);
  });

  it("reads a receipt without a header: text … amount rows and a qty @ price line", () => {
    const page = makePage([
      { y: 50, runs: [["Corner Shop", 300]] },
      {
        y: 100,
        runs: [
          ["MILK 1L", 50],
          ["1.29", 800],
        ],
      },
      {
        y: 120,
        runs: [
          ["MUFFIN", 50],
          ["7.48", 800],
        ],
      },
      { y: 135, runs: [["2 @ 3.74", 80]] },
      {
        y: 160,
        runs: [
          ["TOTAL", 50],
          ["8.77", 800],
        ],
      },
    ]);
    const rows = extractTable([analyzePage(page)], specs, isTotals);
    expect(rows.map((r) => [r.cells.description?.text, r.cells.quantity?.text, r.cells.unit_price?.text, r.cells.amount?.text])).toEqual([
      ["MILK 1L", undefined, undefined, "1.29"],
      ["MUFFIN", "2", "3.74", "7.48"],
    ]);
  });

  it("reads a qty @ price line whose @ the reader took for a letter, when quantity × price is the item's amount", () => {
    // dev-001-0051 / 0027's OCR: "e 5.00" under "2 x EGGS DOZEN 10.00", "3 e 2.00" under "CROISSANT 6.00".
    const page = makePage([
      { y: 50, runs: [["Blue Door Cafe", 300]] },
      {
        y: 100,
        runs: [
          ["2 x EGGS DOZEN", 50],
          ["10.00", 800],
        ],
      },
      { y: 115, runs: [["e 5.00", 80]] },
      {
        y: 130,
        runs: [
          ["CROISSANT", 50],
          ["6.00", 800],
        ],
      },
      { y: 145, runs: [["3 e 2.00", 80]] },
      {
        y: 160,
        runs: [
          ["TEA", 50],
          ["2.50", 800],
        ],
      },
      // no arithmetic behind it: an item of its own
      { y: 175, runs: [["A 4.00", 80]] },
      {
        y: 200,
        runs: [
          ["TOTAL", 50],
          ["24.50", 800],
        ],
      },
    ]);
    const rows = extractTable([analyzePage(page)], specs, isTotals);
    expect(rows.map((r) => [r.cells.description?.text, r.cells.quantity?.text, r.cells.unit_price?.text, r.cells.amount?.text])).toEqual([
      ["EGGS DOZEN", "2", "5.00", "10.00"],
      ["CROISSANT", "3", "2.00", "6.00"],
      ["TEA", undefined, undefined, "2.50"],
      ["A", undefined, undefined, "4.00"],
    ]);
  });

  it("joins a wrapped line without descenders and a dash printed mid-line, but not a note line in smaller type", () => {
    const page = makePage([
      {
        y: 100,
        runs: [
          ["Description", 100],
          ["Qty", 500],
          ["Amount", 800],
        ],
      },
      {
        y: 120,
        runs: [
          ["Project Management", 100],
          ["including", 268],
          ["1", 500],
          ["5.00", 800],
        ],
        h: 12,
      },
      { y: 135, runs: [["review and summary", 100]], h: 10 },
      { y: 148, runs: [["Ref. WO-16828", 100]], h: 10 },
      {
        y: 170,
        runs: [
          ["Cloud Hosting", 100],
          ["Monthly", 228],
          ["1", 500],
          ["9.00", 800],
        ],
        h: 12,
      },
      {
        y: 200,
        runs: [
          ["Total", 600],
          ["14.00", 800],
        ],
      },
    ]);
    // The dash between "Hosting" and "Monthly" is a sliver of ink below the line's centre.
    page.words.push({ id: "dash", text: "-", box: { x0: 214, y0: 177, x1: 222, y1: 178 }, quad: page.words[0]!.quad, conf: 1, symbols: [], lineId: "l9" });
    const rows = extractTable([analyzePage(page)], specs, isTotals);
    expect(rows.map((r) => r.cells.description?.text)).toEqual(["Project Management including review and summary", "Cloud Hosting - Monthly"]);
  });

  it("takes a column whose label sits on a line of a stacked header", () => {
    const page = makePage([
      { y: 110, runs: [["Art-Nr-Kunde", 200]] },
      {
        y: 125,
        runs: [
          ["Pos", 118],
          ["Beschreibung", 321],
          ["Nettopreis", 571],
          ["Menge", 672],
          ["Nettobetrag", 830],
        ],
      },
      { y: 136, runs: [["Art-Nr", 200]] },
      {
        y: 160,
        runs: [
          ["1", 118],
          ["TB100A4", 200],
          ["Trennblätter A4", 321],
          ["9,9000", 593],
          ["20 Stk", 677],
        ],
      },
      {
        y: 171,
        runs: [
          ["4012345001235", 200],
          ["198,00", 860],
        ],
      },
      {
        y: 200,
        runs: [
          ["Summe", 600],
          ["198,00", 860],
        ],
      },
    ]);
    const rows = extractTable([analyzePage(page)], specs, isTotals);
    expect(rows.map((r) => [r.cells.description?.text, r.cells.amount?.text])).toEqual([["Trennblätter A4", "198,00"]]);
    expect(rows[0]?.cells.item_code?.text).toContain("4012345001235");
  });

  it("reads an 'Amount' heading left of the description as the quantity when a 'Total' column holds the money", () => {
    const page = makePage([
      {
        y: 466,
        runs: [
          ["Amount", 100],
          ["Product", 201],
          ["VAT", 488],
          ["Price", 581],
          ["Total", 706],
        ],
      },
      {
        y: 488,
        runs: [
          ["1.00", 100],
          ["Design (hours)", 201],
          ["7%", 488],
          ["160.00 €", 581],
          ["160.00 €", 706],
        ],
      },
      {
        y: 527,
        runs: [
          ["400.00", 100],
          ["Ballons", 201],
          ["19%", 488],
          ["0.79 €", 581],
          ["316.00 €", 706],
        ],
      },
      {
        y: 584,
        runs: [
          ["Total", 560],
          ["476.00 €", 706],
        ],
      },
    ]);
    const rows = extractTable([analyzePage(page)], specs, isTotals);
    expect(rows.map((r) => [r.cells.quantity?.text, r.cells.description?.text, r.cells.unit_price?.text, r.cells.amount?.text])).toEqual([
      ["1.00", "Design (hours)", "160.00 €", "160.00 €"],
      ["400.00", "Ballons", "0.79 €", "316.00 €"],
    ]);
  });
});
