import { goldenPages } from "../__fixtures__/golden/load";
import { createRulesExtractor } from "../extract/rules";
import type { Extractor, RawRow } from "../extract/types";
import type { OcrPage } from "../types";

/** A frozen OCR page with some words rewritten (another document of the same supplier) or dropped (null). */
export function edit(pages: OcrPage[], map: Record<string, string | null>): OcrPage[] {
  return pages.map((p) => {
    const drop = new Set(p.words.filter((w) => map[w.text] === null).map((w) => w.id));
    return {
      ...p,
      words: p.words.filter((w) => !drop.has(w.id)).map((w) => (typeof map[w.text] === "string" ? { ...w, text: map[w.text] as string, symbols: [] } : w)),
      lines: p.lines.map((l) => ({ ...l, wordIds: l.wordIds.filter((id) => !drop.has(id)) })).filter((l) => l.wordIds.length > 0),
    };
  });
}

// One supplier, an unusual total label ("Kwota razem"), no subtotal or VAT lines to check the total against.
const relabel = { Total: "Kwota", due: "razem", Subtotal: null, "£4,720.30": null, VAT: null, "20%": null, "£944.06": null };
export const first = edit(goldenPages("dev-001-0003"), relabel);
// The same supplier's next invoices: other amounts, same layout.
export const second = edit(goldenPages("dev-001-0003"), { ...relabel, "£5,664.36": "£7,215.40", "550.00": "620.00", "2026-6930": "2026-7012" });
export const third = edit(goldenPages("dev-001-0003"), { ...relabel, "£5,664.36": "£98.10", "2026-6930": "2026-7100" });

/**
 * An extractor that takes the first line amount for the total: a layout the rules miss. The rules themselves read
 * the right total of these pages since a column's header is no longer the label of its first cell (rules.ts), so a
 * test of what memory repairs needs an extractor that still makes the mistake.
 */
export function lineAmountTotalExtractor(): Extractor {
  const rules = createRulesExtractor();
  return {
    name: "rules",
    extract: async (pages, fields) => {
      const out = await rules.extract(pages, fields);
      return { fields: { ...out.fields, total: (out.fields.line_items as RawRow[])[0]!.cells.amount ?? null } };
    },
  };
}
