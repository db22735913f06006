/**
 * How an XML value may look on the printed page. The XML says `1234.50` and `2018-03-05`;
 * the page says `1.234,50 €` and `05.03.2018`. Rather than guessing formats, the page's own
 * lines are scanned for amounts and dates whose value equals the XML value: those printed
 * texts are what the matcher then locates. Plain formats are added as a fallback.
 */
import { findAmounts, findDates } from "../parse";
import type { OcrPage } from "../types";
import { UNIT_WORDS } from "./units";

/** Each page's lines as text (words joined by a space). */
export function pageLines(pages: OcrPage[]): { page: number; text: string }[] {
  const out: { page: number; text: string }[] = [];
  for (const [pi, p] of pages.entries()) {
    const byId = new Map(p.words.map((w) => [w.id, w.text]));
    for (const l of p.lines) out.push({ page: pi, text: l.wordIds.map((id) => byId.get(id) ?? "").join(" ") });
  }
  return out;
}

/** The number part of a printed amount ("529,87 €" → "529,87"): boxes hug the digits. */
function bare(s: string): string {
  return s.replace(/^[^\d\-−(]+/u, "").replace(/[^\d)]+$/u, "");
}

function group(int: string, sep: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Plain printed forms of a decimal (de/fr/en grouping; the XML's decimals, 2, and none when whole). */
function numberForms(xml: string): string[] {
  const n = Number(xml);
  if (!Number.isFinite(n)) return [xml];
  const neg = n < 0 ? "-" : "";
  const abs = Math.abs(n);
  const xmlDecimals = xml.includes(".") ? xml.split(".")[1]!.length : 0;
  const trimmed = xml.includes(".") ? xml.replace(/0+$/, "").split(".")[1]!.length : 0;
  const out = new Set<string>();
  for (const d of new Set([xmlDecimals, 2, trimmed])) {
    const [i, f] = abs.toFixed(d).split(".") as [string, string | undefined];
    for (const [g, dec] of [
      [".", ","],
      [",", "."],
      ["", ","],
      ["", "."],
      ["\u00A0", ","],
      [" ", ","],
    ] as const) {
      out.add(`${neg}${group(i, g)}${f ? `${dec}${f}` : ""}`);
    }
  }
  return [...out];
}

/** Candidate printed texts for an XML value of this kind, most specific first. */
export function printedForms(
  lines: { page: number; text: string }[],
  kind: string,
  xml: string,
): { text: string; page: number; fromPage: boolean; signFlipped?: true }[] {
  const found: { text: string; page: number; fromPage?: boolean; signFlipped?: true }[] = [];
  if (kind === "number") {
    const n = Number(xml);
    if (Number.isFinite(n)) {
      const xmlNegative = n < 0 || xml.trim().startsWith("-");
      for (const l of lines) {
        for (const dec of [",", "."] as const) {
          for (const s of findAmounts(l.text, dec)) {
            if (Math.abs(Math.abs(s.value) - Math.abs(n)) >= 0.0005) continue;
            // A credit note's page may print the XML's amount with the opposite sign, so such a print is kept, but
            // as a last resort: a tax of 0.00 is the page's "0,00", not a "-0,00" printed elsewhere on it.
            const text = bare(s.text);
            // An integer part with a leading zero ("0000", "007") is a code, not an amount of any value.
            if (/^[-−(]?0\d/u.test(text)) continue;
            const flipped = /^[-−(]/u.test(text) !== xmlNegative;
            found.push({ text, page: l.page, fromPage: true, ...(flipped ? { signFlipped: true as const } : {}) });
          }
        }
      }
    }
    for (const t of numberForms(xml)) found.push({ text: t, page: 0 });
  } else if (kind === "date") {
    for (const l of lines) {
      for (const order of ["dmy", "mdy"] as const)
        for (const s of findDates(l.text, order)) if (s.iso === xml) found.push({ text: s.text, page: l.page, fromPage: true });
    }
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(xml);
    if (m) found.push({ text: `${m[3]}.${m[2]}.${m[1]}`, page: 0 }, { text: `${m[3]}/${m[2]}/${m[1]}`, page: 0 });
    found.push({ text: xml, page: 0 });
  } else if (kind === "code" && UNIT_WORDS[xml]) {
    // A unit code is printed as a word ("C62" → "Stk."); the row band decides which occurrence.
    for (const w of UNIT_WORDS[xml] ?? []) found.push({ text: w, page: 0, fromPage: true });
    found.push({ text: xml, page: 0, fromPage: true });
  } else {
    // Strings: the XML's own text (a printed variant is located approximately by the matcher).
    found.push({ text: xml, page: 0, fromPage: true });
  }
  const seen = new Set<string>();
  return found.filter((f) => f.text !== "" && !seen.has(f.text) && seen.add(f.text)).map((f) => ({ ...f, fromPage: f.fromPage ?? false }));
}
