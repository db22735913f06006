import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getTemplate } from "../templates";
import type { OcrPage } from "../types";
import { createRulesExtractor } from "./rules";
import type { RawValue } from "./types";

// A till receipt rendered in a made-up language (no word of it is in any lexicon) and read by
// the default tesseract OCR once, frozen: the total, date and vendor must come from structure.
const pages = JSON.parse(readFileSync(path.join(import.meta.dirname, "__fixtures__/unlisted-language-receipt.ocr.pages.json"), "utf8")) as OcrPage[];
const text = (v: unknown) => (v as RawValue | null)?.text;

describe("a receipt in a language without lexicon entries", () => {
  it("yields total, date and vendor from structure alone", async () => {
    const out = await createRulesExtractor().extract(pages, getTemplate("receipt")?.fields ?? []);
    // 1,20 + 2,30 + 0,99 + 3,45 = 7,94 = 10,00 − 2,06, printed large: the total, not the largest amount (10,00).
    expect(text(out.fields.total)).toBe("7,94");
    expect((out.fields.total as RawValue).evidence?.source).toBe("model");
    expect((out.fields.total as RawValue).evidence?.margin).toBeGreaterThan(0);
    // The structure behind it travels to the risk stage: tendered − change closes on it.
    expect((out.fields.total as RawValue).evidence?.support).toMatchObject({ payment: 1 });
    expect(text(out.fields.issue_date)).toBe("14.03.2024");
    // The top line with a legal form (SIA), not the address or the registration line under it.
    expect(text(out.fields.vendor)).toBe("KRAVOTA MERKA SIA");
  });

  it("the label words themselves are in no lexicon", async () => {
    const { fieldHints } = await import("../templates/lexicon");
    const all = new Set(Object.values(fieldHints).flatMap((h) => h.labels.map((l) => l.toLowerCase())));
    for (const w of ["zorkada", "zorkada eur", "grelt", "brosk", "vexa", "rg."]) expect(all.has(w), w).toBe(false);
  });
});
