import type { FieldResult, OcrPage } from "../types";
import { isArrayValue } from "../types";

/**
 * Which countries' rules a document shows evidence of. A national check (Japan's qualified-invoice
 * registration number) only runs on a document that shows its country: a French invoice whose
 * "TVA …" line was read into the registration field must not be told it lacks a Japanese check digit.
 * Evidence is the page's script and the currency it prints — never the checked value itself, and
 * never the OCR model's name (Latin pages are read with eng+Japanese too).
 */
export interface DocumentContext {
  /** ISO 3166 alpha-2 codes of the countries the document shows evidence of. */
  countries: ReadonlySet<string>;
}

/** Per country: a script only its documents print, and currency marks only its documents print. Data, not cases. */
const COUNTRY_EVIDENCE: Record<string, { script?: RegExp; currency?: RegExp }> = {
  // Hiragana/katakana are Japanese alone (han is shared with Chinese); 円 / JPY / the full-width yen sign are Japan's money.
  JP: { script: /[\p{Script=Hiragana}\p{Script=Katakana}]/gu, currency: /円|JPY|￥/ },
};

/** Characters of a script a page must print before it counts as evidence (a stray OCR glyph on a Latin page is not). */
const MIN_SCRIPT_CHARS = 4;

function fromText(text: string): DocumentContext {
  const countries = new Set<string>();
  for (const [country, e] of Object.entries(COUNTRY_EVIDENCE)) {
    const scriptChars = e.script ? (text.match(e.script)?.length ?? 0) : 0;
    if (scriptChars >= MIN_SCRIPT_CHARS || e.currency?.test(text)) countries.add(country);
  }
  return { countries };
}

/** Every word of the pages read, a line per page. */
export const pagesText = (pages: readonly OcrPage[]): string => pages.map((p) => p.words.map((w) => w.text).join(" ")).join("\n");

/** The evidence on the pages read (every word). */
export function contextFromPages(pages: readonly OcrPage[]): DocumentContext {
  return fromText(pagesText(pages));
}

/** The evidence in the extracted values alone (callers without pages: re-checks of corrected values). */
export function contextFromValues(data: Record<string, FieldResult>): DocumentContext {
  const texts: string[] = [];
  for (const r of Object.values(data)) {
    if (!isArrayValue(r)) {
      if (r.value) texts.push(r.value);
      continue;
    }
    for (const row of r.value) for (const c of Object.values(row.field_bboxes)) if (c.value) texts.push(c.value);
  }
  return fromText(texts.join("\n"));
}
