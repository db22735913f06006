import { describe, expect, it } from "vitest";
import { createRulesExtractor } from "../extract/rules";
import type { RawValue } from "../extract/types";
import { makePage } from "../layout/testing";
import { getTemplate } from "./index";
import { fieldHints, foldDiacritics, lexiconLanguages } from "./lexicon";

// All EU official languages (EN/DE/FR are written out in lexicon.ts) plus the issue's other languages.
const REQUIRED = [
  "bg",
  "cs",
  "da",
  "el",
  "es",
  "et",
  "fi",
  "ga",
  "hr",
  "hu",
  "it",
  "lt",
  "lv",
  "mt",
  "nl",
  "pl",
  "pt",
  "ro",
  "sk",
  "sl",
  "sv",
  "no",
  "is",
  "tr",
  "zh",
  "ko",
  "ms",
];
const FIELDS = ["total", "subtotal", "tax", "issue_date", "due_date", "invoice_number", "receipt_no", "vendor_tax_id"];

describe("lexicon as data", () => {
  it("has labels for every required field in every required language", async () => {
    const data = (await import("./lexicon/labels.json")).default as unknown as Record<string, Record<string, string[]>>;
    for (const lang of REQUIRED) {
      expect(lexiconLanguages, lang).toContain(lang);
      for (const f of FIELDS) expect(data[lang]?.[f]?.length ?? 0, `${lang}.${f}`).toBeGreaterThan(0);
    }
  });

  it("folds Latin diacritics only, so labels read without a language model still match", () => {
    expect(foldDiacritics("Kopā")).toBe("Kopa");
    expect(foldDiacritics("Wartość brutto")).toBe("Wartosc brutto");
    expect(foldDiacritics("Ödenecek Tutar")).toBe("Odenecek Tutar");
    expect(foldDiacritics("ご請求金額")).toBe("ご請求金額");
    expect(fieldHints.total?.labels).toEqual(expect.arrayContaining(["Kopā", "Kopa", "Yhteensä", "Yhteensa", "합계", "Toplam"]));
  });

  it("reads a Latvian and a Polish till receipt by their labels", async () => {
    const receipt = getTemplate("receipt")?.fields ?? [];
    const lv = makePage([
      { y: 40, runs: [["Veikals", 300]], h: 20 },
      {
        y: 200,
        runs: [
          ["Maize", 60],
          ["1,20", 800],
        ],
      },
      {
        y: 220,
        runs: [
          ["Piens", 60],
          ["0,99", 800],
        ],
      },
      {
        y: 260,
        runs: [
          ["KOPA EUR", 60],
          ["2,19", 800],
        ],
      },
      {
        y: 280,
        runs: [
          ["PVN 21%", 60],
          ["0,38", 800],
        ],
      },
      { y: 320, runs: [["Datums: 14.03.2024", 60]] },
    ]);
    const out = await createRulesExtractor().extract([lv], receipt);
    expect((out.fields.total as RawValue | null)?.text).toBe("2,19");
    expect((out.fields.tax as RawValue | null)?.text).toBe("0,38");
    expect((out.fields.issue_date as RawValue | null)?.text).toBe("14.03.2024");
    const pl = makePage([
      { y: 40, runs: [["Sklep", 300]], h: 20 },
      {
        y: 200,
        runs: [
          ["Chleb", 60],
          ["4,50", 800],
        ],
      },
      {
        y: 240,
        runs: [
          ["SUMA PTU", 60],
          ["0,84", 800],
        ],
      },
      {
        y: 260,
        runs: [
          ["SUMA PLN", 60],
          ["4,50", 800],
        ],
      },
    ]);
    const p = await createRulesExtractor().extract([pl], receipt);
    expect((p.fields.total as RawValue | null)?.text).toBe("4,50");
    expect((p.fields.tax as RawValue | null)?.text).toBe("0,84");
  });

  it("reads a Dutch invoice's number under a bare 'Factuur' column header, beside 'Factuur datum'", async () => {
    const invoice = getTemplate("invoice")?.fields ?? [];
    const nl = makePage([
      { y: 120, runs: [["Factuuradres", 130]] },
      { y: 140, runs: [["Noordwind Handel", 130]] },
      { y: 160, runs: [["Lindelaan 7", 130]] },
      { y: 180, runs: [["9999 ZZ Ergens", 130]] },
      {
        y: 300,
        runs: [
          ["Factuur datum", 500],
          ["Factuur", 700],
        ],
      },
      {
        y: 320,
        runs: [
          ["3-4-2024", 500],
          ["ZX40021977", 700],
        ],
      },
      {
        y: 400,
        runs: [
          ["Totaalbedrag", 500],
          ["12,50", 800],
        ],
      },
      { y: 860, runs: [["Zuidkaap Leveringen B.V.", 60]] },
      { y: 880, runs: [["Havenweg 12, 9998 YY Elders", 60]] },
    ]);
    const out = await createRulesExtractor().extract([nl], invoice);
    expect((out.fields.invoice_number as RawValue | null)?.text).toBe("ZX40021977");
    expect((out.fields.issue_date as RawValue | null)?.text).toBe("3-4-2024");
  });
});
