import { findDates } from "../parse";
import type { Box, OcrPage, OcrWord } from "../types";

/**
 * What confirms a date, as arithmetic confirms an amount. A date has no checksum, but a document often says it
 * twice: a due date a customary payment term after the issue date (a digit misread in either date rarely keeps the
 * difference a customary term), or the same calendar day printed a second time elsewhere on the page, in any format
 * ("12/07/2024" in the header and "12 July 2024" in the payment line; two prints misread into the same wrong day are
 * rare). Both are structure only: no label, language or layout is named.
 */

/** Payment terms in days that invoices commonly print (Net 7 … Net 90, two weeks, a month, "30 jours", "30日"). */
const TERMS = new Set([7, 10, 14, 15, 20, 21, 28, 30, 31, 45, 60, 90, 120]);

const DAY = 86_400_000;
const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/** A dated value of the document: its path, its ISO day and its page. */
export interface DatedValue {
  path: string;
  iso: string;
  page: number;
  box?: Box;
}

/**
 * Paths of the dates another date of the document lies a customary payment term away from (later or earlier),
 * e.g. an issue date and its due date 30 days on. Two values at one box are one print and confirm nothing.
 */
export function termPaired(dates: DatedValue[]): Set<string> {
  const out = new Set<string>();
  for (const a of dates)
    for (const b of dates) {
      if (a === b || (a.page === b.page && a.box && b.box && overlap(a.box, b.box))) continue;
      if (TERMS.has(Math.abs(days(a.iso, b.iso)))) out.add(a.path);
    }
  return out;
}

const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const centreIn = (w: OcrWord, b: Box) => {
  const cx = (w.box.x0 + w.box.x1) / 2;
  const cy = (w.box.y0 + w.box.y1) / 2;
  return cx >= b.x0 && cx <= b.x1 && cy >= b.y0 && cy <= b.y1;
};

/** The calendar days a text may print: each date span's ISO day, both readings of a numeric one whose order is open. */
function daysIn(text: string): string[] {
  const out: string[] = [];
  for (const s of findDates(text)) {
    if (s.iso) out.push(s.iso);
    else for (const order of ["dmy", "mdy"] as const) out.push(...findDates(s.text, order).flatMap((d) => (d.iso ? [d.iso] : [])));
  }
  return out;
}

/**
 * Whether the day `iso` is printed on `page` outside the value's own box (a second print of it): every line's words
 * outside the box are read for dates. A line crossing the box counts only with its words outside it.
 */
export function printedAgain(page: OcrPage, box: Box, iso: string): boolean {
  const at = new Map(page.words.map((w) => [w.id, w]));
  for (const line of page.lines) {
    const words = line.wordIds.map((id) => at.get(id)).filter((w): w is OcrWord => w !== undefined && !centreIn(w, box));
    if (words.length === 0) continue;
    if (daysIn(words.map((w) => w.text).join(" ")).includes(iso)) return true;
  }
  return false;
}
