/**
 * Digit-group separators of a photo's amounts, from the page's own numbers. On a blurred photo a comma loses its
 * tail and is read as a period ("98.000" for "98,000", "12.826.00" for "12,826.00"); a period never grows one. Two
 * repairs, each on evidence the page itself prints:
 * - structure: a number has one decimal mark, its last separator before two digits. Earlier separators of the same
 *   kind, each before three digits, are group marks, written as the page's group mark (the other kind), or, when the
 *   repeated mark is the page's group mark, the last one is written as its decimal mark.
 * - whole amounts: a page whose grouped numbers carry no fraction (a currency without minor units, ISO 4217 exponent
 *   0) and that prints commas between groups reads "d.ddd" as "d,ddd" too.
 * The reader's text stays on the word (symbols' `read`, else `alt`): a doubt for review. Pure: OcrPage in, OcrPage out.
 */
import type { OcrPage, OcrWord } from "../types";

/** A number in a word: digits with "." or "," between them, not inside a longer run of digits and separators. */
const NUMBER = /(?<![\d.,])\d+(?:[.,]\d+)+(?![\d]|[.,]\d)/gu;

/** Whole-amount page: at least this many comma-grouped numbers. */
export const MIN_COMMA_GROUPED = 3;
/** …and at most this share of its grouped numbers' count with a two-digit fraction (misreads: "57,00" for "57,600"). */
export const MAX_FRACTION_SHARE = 0.2;

/** What the page's numbers show about its separators. */
export interface SeparatorEvidence {
  /** the decimal mark the page's fractions use (majority of unambiguous ones), or null (none seen). */
  decimal: "." | "," | null;
  /** the page writes whole amounts grouped by commas (see MIN_COMMA_GROUPED). */
  wholeCommaGrouped: boolean;
}

const groups = (n: string) => n.split(/[.,]/u);
const marks = (n: string) => n.replace(/\d/gu, "");
/** "1", "12", "123" then three-digit groups, the first not a leading zero (not "0.125"). */
const grouped = (parts: string[]) => parts.length >= 2 && /^[1-9]\d{0,2}$/u.test(parts[0]!) && parts.slice(1).every((g) => g.length === 3);

/** The separator evidence of a page's text. */
export function separatorEvidence(texts: string[]): SeparatorEvidence {
  let dot = 0;
  let comma = 0;
  let commaGrouped = 0;
  let dotGrouped = 0;
  let fraction2 = 0;
  let threeDecimals = false;
  for (const t of texts) {
    for (const n of t.match(NUMBER) ?? []) {
      const parts = groups(n);
      const m = marks(n);
      const last = parts.at(-1)!;
      const kinds = new Set(m);
      if (kinds.size === 2) {
        // Both kinds in one number: the last is the decimal mark, whatever follows it.
        const d = m.at(-1) as "." | ",";
        if (d === ".") dot++;
        else comma++;
        if (last.length === 3) threeDecimals = true;
        if (last.length === 2) fraction2++;
      } else if (last.length === 2 && m.length === 1) {
        if (m === ".") dot++;
        else comma++;
        fraction2++;
      } else if (grouped(parts)) {
        if (m[0] === ",") commaGrouped++;
        else dotGrouped++;
      }
    }
  }
  const decimal = dot === comma ? null : dot > comma ? "." : ",";
  const wholeCommaGrouped = !threeDecimals && commaGrouped >= MIN_COMMA_GROUPED && fraction2 <= MAX_FRACTION_SHARE * (commaGrouped + dotGrouped);
  return { decimal, wholeCommaGrouped };
}

/** `n` (one number) with its separators repaired by the page's evidence, or `n` itself. */
export function repairNumber(n: string, ev: SeparatorEvidence): string {
  const parts = groups(n);
  const m = marks(n);
  if (new Set(m).size !== 1) return n;
  const mark = m[0]!;
  const last = parts.at(-1)!;
  if (m.length >= 2 && last.length === 2 && grouped(parts.slice(0, -1)) && ev.decimal) {
    const group = ev.decimal === "." ? "," : ".";
    return parts.slice(0, -1).join(group) + ev.decimal + last;
  }
  if (mark === "." && ev.wholeCommaGrouped && grouped(parts)) return parts.join(",");
  return n;
}

/** A word's text with its numbers repaired (symbols follow when they spell the text one to one). */
function repairWord(w: OcrWord, ev: SeparatorEvidence): OcrWord {
  const text = w.text.replace(NUMBER, (n) => repairNumber(n, ev));
  if (text === w.text) return w;
  const chars = [...text];
  const oneToOne = w.symbols.length === chars.length && w.symbols.map((s) => s.text).join("") === w.text;
  const symbols = oneToOne ? w.symbols.map((s, i) => (s.text === chars[i] ? s : { ...s, text: chars[i]!, read: s.text })) : w.symbols;
  // The reader's text stays where the word can say so: on its symbols (`read`, a restored glyph), else as `alt`.
  return oneToOne ? { ...w, text, symbols } : { ...w, text, alt: w.alt ?? w.text };
}

/** The page with its amounts' group and decimal separators repaired from its own numbers (see the header). */
export function repairDigitGroups(page: OcrPage): OcrPage {
  const ev = separatorEvidence(page.words.map((w) => w.text));
  if (!ev.decimal && !ev.wholeCommaGrouped) return page;
  let changed = false;
  const words = page.words.map((w) => {
    const r = repairWord(w, ev);
    if (r !== w) changed = true;
    return r;
  });
  return changed ? { ...page, words } : page;
}
