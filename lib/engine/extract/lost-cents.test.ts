import { describe, expect, it } from "vitest";
import { makePage } from "../layout/testing";
import { getTemplate } from "../templates";
import { writtenLike } from "./lost-cents";
import { createRulesExtractor } from "./rules";
import type { RawValue } from "./types";

describe("lost cents", () => {
  it("writes an amount the way the page writes its amounts", () => {
    expect(writtenLike("9 551,18 €", 1910.24)).toBe("1 910,24 €");
    expect(writtenLike("28\u202f067,29\u00a0€", 23389.41)).toBe("23\u202f389,41\u00a0€");
    expect(writtenLike("2375,67 €", 1451.38)).toBe("1451,38 €");
    expect(writtenLike("$1,346.83", 67.34)).toBe("$67.34");
    expect(writtenLike("EUR 22,031.63", 5067.27)).toBe("EUR 5,067.27");
    expect(writtenLike("no amount", 1)).toBeUndefined();
  });

  // dev-001-0006's OCR: the tax "1 910,24 €" read "191024€".
  const page = (tax: string) =>
    makePage([
      { y: 40, runs: [["Bonnet Imprimerie SAS", 60]], h: 20 },
      {
        y: 200,
        runs: [
          ["Licence logiciel", 60],
          ["4 536,10", 800],
        ],
      },
      {
        y: 220,
        runs: [
          ["Maintenance serveur", 60],
          ["5 015,08", 800],
        ],
      },
      {
        y: 300,
        runs: [
          ["Total HT", 620],
          ["9 551,18 €", 800],
        ],
      },
      {
        y: 320,
        runs: [
          ["TVA 20 %", 620],
          [tax, 800],
        ],
      },
      {
        y: 340,
        runs: [
          ["Net à payer", 620],
          ["11 461,42 €", 800],
        ],
      },
    ]);
  const fields = getTemplate("invoice")?.fields ?? [];

  it("restores a tax whose separators the reader lost when subtotal + tax = total closes on it, never as the print", async () => {
    const out = await createRulesExtractor().extract([page("191024€")], fields);
    const tax = out.fields.tax as RawValue;
    expect(tax.text).toBe("1 910,24 €");
    expect(tax.evidence?.repaired).toBe(1);
  });

  it("restores nothing when the arithmetic does not close on the hundredth", async () => {
    // (the print itself, above the total, is no tax either: as before, none)
    const out = await createRulesExtractor().extract([page("191124€")], fields);
    expect(out.fields.tax).toBeNull();
  });
});
