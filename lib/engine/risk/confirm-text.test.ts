import { describe, expect, it } from "vitest";
import type { OcrPage, OcrWord } from "../types";
import { derive } from "./derive";
import { contactDomains, nameInContact } from "./text";
import { fitRisk, type RiskExample } from "./model";

// A description cell of a text layer whose row adds up: its letters and its cut are confirmed.
const cell = { text_layer: 1, line_cell: 1, free_text: 1, row_confirmed: 1, row_confirmed_text: 1 };

describe("confirmed free text (derived from base features)", () => {
  it("confirms a text layer's description whose row adds up and whose extent is closed", () => {
    expect(derive(cell)).toMatchObject({ text_sure: 1, text_confirmed: 1, tl_text_sure: 1, tl_text_confirmed: 1 });
    expect(derive({ ...cell, row_confirmed_text: 0 })).toMatchObject({ text_sure: 1, text_confirmed: 0 });
  });

  it("asks OCR'd text for sure words, sure letters and no guessed space", () => {
    const ocr = { ...cell, text_layer: 0, ocr_sure: 1 };
    expect(derive(ocr).text_confirmed).toBe(1);
    expect(derive({ ...ocr, ocr_sure: 0 }).text_sure).toBe(0);
    expect(derive({ ...ocr, char_below_90: 1 }).text_sure).toBe(0);
    expect(derive({ ...ocr, tight_space: 1 }).text_sure).toBe(0);
  });

  it("never confirms text cut short or joined, CJK text, or a number", () => {
    for (const doubt of ["orphan_below", "orphan_beside", "mixed_size", "under_large", "cjk_value", "width_twin", "holds_figure"])
      expect(derive({ ...cell, [doubt]: 1 }).text_sure, doubt).toBe(0);
    expect(derive({ ...cell, type_number: 1 }).text_sure).toBe(0);
  });

  it("is idempotent (the trainer derives again from stored features)", () => {
    const once = derive({ ...cell, ocr_sure: 1 });
    expect(derive(once)).toEqual(once);
  });
});

describe("a party's name in an e-mail address or web domain of its page", () => {
  const page = (texts: string[]) => ({ words: texts.map((text, i) => ({ id: `w${i}`, text }) as OcrWord) }) as unknown as OcrPage;

  it("finds a word of the name spelt in the domain, accents and case aside", () => {
    const d = contactDomains(page(["Tel.", "+49 565", "kontakt@krause-bueroeinrichtung.de", "www.example.com"]));
    expect(nameInContact("Krause Büroeinrichtung KG", d)).toBe(true);
    expect(nameInContact("Apotheke Nordlicht", d)).toBe(false);
    // short words (a legal form, an initial) never match on their own
    expect(nameInContact("KG", d)).toBe(false);
  });
});

describe("the light prior of the text confirmations", () => {
  it("lets a confirmation held only by right values earn more weight than the full penalty allows", () => {
    // 300 confirmed values all right, 3,000 others 2 % wrong
    const ex: RiskExample[] = [
      ...Array.from({ length: 300 }, () => ({ features: { text_sure: 1 }, wrong: false })),
      ...Array.from({ length: 3000 }, (_, i) => ({ features: { text_sure: 0 }, wrong: i % 50 === 0 })),
    ];
    const light = fitRisk(ex, ["text_sure"], { l2: 10 });
    const full = fitRisk(ex, ["text_sure"], { l2: 10, penalty: {} });
    expect(light.weights[0]!).toBeLessThan(full.weights[0]! - 0.5);
  });
});
