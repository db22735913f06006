import { describe, expect, it } from "vitest";
import { makePage } from "../layout/testing";
import { getTemplate } from "../templates";
import { columnHints, columnLanguages, lexiconLanguages } from "../templates/lexicon";
import { createRulesExtractor } from "./rules";
import type { RawRow } from "./types";

const fields = getTemplate("invoice")?.fields ?? [];
const items = async (header: [string, number][], rows: [string, number][][]) => {
  const page = makePage([
    { y: 50, runs: [["Przykład Handel Sp. z o.o.", 50]] },
    { y: 200, runs: header },
    ...rows.map((runs, i) => ({ y: 230 + 20 * i, runs })),
  ]);
  const raw = (await createRulesExtractor().extract([page], fields)).fields;
  const out = Array.isArray(raw.line_items) ? (raw.line_items as RawRow[]) : [];
  return out.map((r) => [r.cells.description?.text, r.cells.quantity?.text, r.cells.unit_price?.text, r.cells.amount?.text]);
};

describe("line-item column headers in the lexicon's languages (lexicon/columns.json)", () => {
  it("has column headers in every language that has field labels (labels.json), each with the four main columns", () => {
    expect(columnLanguages.length).toBeGreaterThan(20);
    for (const lang of lexiconLanguages.filter((l) => !["en", "de", "fr", "ja"].includes(l))) expect(columnLanguages, lang).toContain(lang);
    // folded forms are there for readers without the language's model
    expect(columnHints.quantity?.labels).toEqual(expect.arrayContaining(["Ilość", "Ilosc", "Množství", "Mnozstvi"]));
  });

  it("reads a Polish table: description, quantity, unit price and amount in their columns", async () => {
    const got = await items(
      [
        ["Nazwa towaru", 50],
        ["Ilość", 420],
        ["Cena netto", 560],
        ["Wartość netto", 760],
      ],
      [
        [
          ["Papier ksero A4", 50],
          ["10", 430],
          ["12,50", 570],
          ["125,00", 780],
        ],
        [
          ["Toner czarny", 50],
          ["2", 430],
          ["210,00", 570],
          ["420,00", 780],
        ],
      ],
    );
    expect(got).toEqual([
      ["Papier ksero A4", "10", "12,50", "125,00"],
      ["Toner czarny", "2", "210,00", "420,00"],
    ]);
  });

  it("reads a Dutch table whose quantity column is 'Aantal' (was read into the description)", async () => {
    const got = await items(
      [
        ["Omschrijving", 50],
        ["Prijs", 420],
        ["Aantal", 560],
        ["Bedrag", 760],
      ],
      [
        [
          ["Onderhoudsset", 50],
          ["49,99", 420],
          ["1", 570],
          ["49,99", 780],
        ],
      ],
    );
    expect(got).toEqual([["Onderhoudsset", "1", "49,99", "49,99"]]);
  });
});
