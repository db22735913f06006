/**
 * Reading numbers and dates in /view queries. Stored values use the engine's (or the
 * sheet's) `normalized`; these helpers read what a query says and, as a fallback, printed
 * amounts the strict normalizer leaves alone: for filtering, "40,000" is forty thousand.
 */
import { parseDate, parseNumber } from "@/lib/sheet/normalize";

/** A printed amount as a number: currency marks dropped, a lone 3-digit group read as thousands. */
export function lenientNumber(raw: string): number | undefined {
  const text = raw
    .normalize("NFKC")
    .replace(/[^\d.,\-+()\s'\u00a0\u202f]/g, "")
    .trim();
  if (!/\d/.test(text)) return undefined;
  const strict = parseNumber(text);
  if (strict !== undefined) return strict;
  const m = /^([+-]?)(\d{1,3})[.,](\d{3})$/.exec(text.replace(/\s/g, ""));
  if (m) return (m[1] === "-" ? -1 : 1) * Number(`${m[2]}${m[3]}`);
  return undefined;
}

/** A date in a query as ISO YYYY-MM-DD (ISO, YYYY/MM/DD, DD.MM.YYYY, unambiguous A/B/YYYY). */
export function queryDate(raw: string): string | undefined {
  return parseDate(raw.normalize("NFKC"));
}
