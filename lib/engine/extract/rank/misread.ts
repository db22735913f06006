/**
 * Printed values the OCR misread by one character, restored only where something independent
 * says what the print must have been: a date that cannot exist (day 39, year 2618) and becomes
 * a date of this era by exactly one common digit confusion; an amount one confusion away from
 * the sum that other printed amounts make. The restored value is never the print, so it is
 * marked `repaired` and the risk stage never lets it pass unreviewed.
 */
import confusions from "./misread.json";

/** Pairs of characters OCR takes for one another (data: misread.json), both ways. */
const TWINS: Record<string, string[]> = {};
for (const [a, b] of (confusions as { digits: string[][] }).digits) {
  if (!a || !b) continue;
  TWINS[a] = [...(TWINS[a] ?? []), b];
  TWINS[b] = [...(TWINS[b] ?? []), a];
}
/** Non-digits OCR reads where a digit is printed ("2O18", "2Ol8"). */
const AS_DIGIT: Record<string, string> = (confusions as { letters: Record<string, string> }).letters;

/** Every text one character away from `text` by a confusion (a twin digit, a digit-like letter read as its digit). */
export function oneConfusionAway(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const alts = /\d/.test(c) ? (TWINS[c] ?? []) : AS_DIGIT[c] ? [AS_DIGIT[c]] : [];
    for (const d of alts) out.push(text.slice(0, i) + d + text.slice(i + 1));
  }
  return out;
}

/** The years a receipt or an invoice of today is dated in (a repaired date must land in them). */
export const ERA: readonly [number, number] = [1990, 2040];

/**
 * The one date of this era a date-shaped print that is no such date (iso undefined or out of the era)
 * becomes by one confusion, or undefined (none, or several different ones: no way to tell).
 * `parse` reads a text as an ISO date (day- or month-first where the print leaves it open).
 */
export function repairedDate(text: string, parse: (t: string) => string | undefined): { text: string; iso: string } | undefined {
  const inEra = (iso: string | undefined) => !!iso && Number(iso.slice(0, 4)) >= ERA[0] && Number(iso.slice(0, 4)) <= ERA[1];
  if (inEra(parse(text))) return undefined;
  const found = new Map<string, string>();
  for (const v of oneConfusionAway(text)) {
    const iso = parse(v);
    if (inEra(iso) && !found.has(iso!)) found.set(iso!, v);
  }
  if (found.size !== 1) return undefined;
  const [[iso, t]] = [...found.entries()] as [[string, string]];
  return { text: t, iso };
}

/** The digits of an amount as printed, with the place of each in the text. */
const digitsAt = (text: string) => [...text].flatMap((c, i) => (/\d/.test(c) ? [i] : []));

/**
 * The amounts one digit confusion away from a printed amount (same length, same marks: "57.10" →
 * "37.10", "87.10", "51.10"…), as values. Only the digits change; a misread digit keeps its place.
 */
export function amountTwins(text: string, parse: (t: string) => number | undefined): { text: string; value: number }[] {
  const out: { text: string; value: number }[] = [];
  for (const i of digitsAt(text)) {
    for (const d of TWINS[text[i]!] ?? []) {
      const t = text.slice(0, i) + d + text.slice(i + 1);
      const value = parse(t);
      if (value !== undefined && value > 0) out.push({ text: t, value });
    }
  }
  return out;
}

const L = "[\\dODQIlSBZ]";
const LETTERED_DATE = new RegExp(`(?<![\\p{L}\\d])(${L}{1,2}[/.-]${L}{1,2}[/.-](?:${L}{4}|${L}{2}))(?![\\p{L}\\d])`, "gu");

/**
 * Numeric dates with a digit read as a letter ("D2/02/17", "1O/05/2017"): the span and its text with each such
 * letter read as its digit. At most one letter in four digits; the caller still checks the result is a date.
 */
export function letteredDates(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (const m of text.matchAll(LETTERED_DATE)) {
    const t = m[1]!;
    const letters = t.replace(/[\d/.-]/g, "");
    if (letters.length !== 1 || (t.match(/\d/g)?.length ?? 0) < 4) continue;
    out.push({ start: m.index, end: m.index + t.length, text: [...t].map((c) => AS_DIGIT[c] ?? c).join("") });
  }
  return out;
}

/** Dates with one of their two separators read as another character, each with the group of the separator that stands:
 * numeric with a four-digit year ("25/0472017", "25l04/2017"), or around a month name ("14MMay/2017", "14/MayI2017").
 * No digit, letter or separator may touch the span (a code "1-1/2X2018", an amount "2X19.90" is none). */
const SEP_LOST: { re: RegExp; standing: 2 | 4 }[] = [
  { re: /(?<![\p{L}\d/.-])(\d{1,2})([/.-])(\d{1,2})([^\s/.\-:])(\d{4})(?![\p{L}\d/.-])/gu, standing: 2 },
  { re: /(?<![\p{L}\d/.-])(\d{1,2})([^\s/.\-:])(\d{1,2})([/.-])(\d{4})(?![\p{L}\d/.-])/gu, standing: 4 },
  { re: /(?<![\p{L}\d/.-])(\d{1,2})(\p{L})(\p{L}{3,9})([/.-])(\d{4})(?![\p{L}\d/.-])/gu, standing: 4 },
  { re: /(?<![\p{L}\d/.-])(\d{1,2})([/.-])(\p{L}{3,9})(\p{L})(\d{4})(?![\p{L}\d/.-])/gu, standing: 2 },
];

/**
 * Dates whose one separator the OCR read as another character while the other separator stands: the span
 * and its text with the standing separator in both places ("25/0472017" → "25/04/2017"). The caller checks
 * the text is a date of this era (a month name must be one) and marks it repaired.
 */
export function strayDates(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  for (const { re, standing } of SEP_LOST) {
    for (const m of text.matchAll(re)) {
      const [, a = "", , b = "", , c = ""] = m;
      // a digit for the separator only between two-digit parts: "603-2030" is a phone number, not 6-3-2030
      const lost = m[standing === 2 ? 4 : 2] ?? "";
      if (/\d/.test(lost) && (a.length !== 2 || b.length !== 2)) continue;
      const sep = m[standing] ?? "/";
      out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: `${a}${sep}${b}${sep}${c}` });
    }
  }
  return out;
}

/** Letters a digit stands for inside a word (the inverse of `letters`: "0CT" → "OCT", "5EP" → "SEP"). */
const AS_LETTERS: Record<string, string[]> = {};
for (const [ch, d] of Object.entries(AS_DIGIT)) if (/\p{L}/u.test(ch)) AS_LETTERS[d] = [...(AS_LETTERS[d] ?? []), ch];

const NAMED_WITH_DIGIT = /(?<![\p{L}\d/.-])(\d{1,2})([\s/.-]+)([\p{L}\d]{3,9})([\s/.,-]+)(\d{4})(?![\p{L}\d/.-])/gu;

/**
 * Named-month dates with a letter of the month read as a digit ("10 0CT 2017", "3 5EP 2018"): the span and
 * every text the digit's look-alike letters give (capitals and small); `parse` keeps those that are dates.
 * One digit in the month word at most, beside two letters or more.
 */
export function digitMonthDates(text: string, parse: (t: string) => string | undefined): { start: number; end: number; text: string; iso: string }[] {
  const out: { start: number; end: number; text: string; iso: string }[] = [];
  for (const m of text.matchAll(NAMED_WITH_DIGIT)) {
    const [, day = "", s1 = "", month = "", s2 = "", year = ""] = m;
    const digits = [...month].filter((c) => /\d/.test(c));
    if (digits.length !== 1 || month.length - digits.length < 2) continue;
    const at = [...month].findIndex((c) => /\d/.test(c));
    const found = new Map<string, string>();
    for (const l of AS_LETTERS[month[at] ?? ""] ?? []) {
      const t = `${day}${s1}${month.slice(0, at)}${l}${month.slice(at + 1)}${s2}${year}`;
      const iso = parse(t);
      if (iso && !found.has(iso)) found.set(iso, t);
    }
    if (found.size !== 1) continue;
    const [[iso, t]] = [...found.entries()] as [[string, string]];
    out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: t, iso });
  }
  return out;
}
