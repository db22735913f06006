import { parseAmount } from "../parse/amount";
import { parseDate } from "../parse/date";

/**
 * Glyphs OCR reads for a digit inside a number ("05/@8/2017", "1O.50", "S.90"). Read back as digits only inside a run
 * that is otherwise digits and separators: "BOX" stays a word.
 */
const LOOKALIKE: Readonly<Record<string, string>> = { O: "0", o: "0", "@": "0", D: "0", Q: "0", I: "1", l: "1", "|": "1", Z: "2", S: "5", B: "8" };

/** The digits of a printed number whose separators OCR dropped or misread, look-alike glyphs read back as digits. */
function digitsOf(text: string): string | undefined {
  const t = text.normalize("NFKC").replace(/\s+/gu, "");
  if (t.length === 0 || t.length > 16) return undefined;
  const mapped = [...t].map((c) => LOOKALIKE[c] ?? c).join("");
  // Only digits and separators once the look-alikes are read back, and mostly digits as printed (a word is no number).
  if (!/^[\d./\-:,]+$/u.test(mapped)) return undefined;
  const printed = (t.match(/\d/gu) ?? []).length;
  const digits = mapped.replace(/\D/gu, "");
  return digits.length >= 3 && printed * 2 >= digits.length + 1 ? digits : undefined;
}

/**
 * A value read at the place a supplier prints a date or an amount, whose format OCR misread: the page's digits poured
 * into the format the supplier's reviewed documents printed. A date takes the remembered layout when it has as many
 * digits ("05/@8/2017" where "27/07/2017" was printed → "05/08/2017"); an amount read without its decimal mark takes the
 * remembered number of decimals ("1931" where "94.19" was printed → "19.31"). The digits stay the page's: memory
 * restores only what separates them, and the result must be a value (a date that exists, an amount that parses).
 * Undefined where the reading already has the remembered format or cannot be poured into it.
 */
export function reformat(read: string, remembered: string, type: string): string | undefined {
  const digits = digitsOf(read);
  if (digits === undefined) return undefined;
  if (type === "date") {
    const slots = (remembered.match(/\d/gu) ?? []).length;
    if (digits.length !== slots || !/^\d+(?:[./-]\d+)+$/u.test(remembered)) return undefined;
    let k = 0;
    const out = remembered.replace(/\d/gu, () => digits[k++]!);
    if (out === read) return undefined;
    return parseDate(out, "dmy") !== undefined || parseDate(out, "mdy") !== undefined ? out : undefined;
  }
  if (type === "number") {
    // Only a reading without any separator: one that has some is a number with its own format (the shape test's).
    if (/[^\dOo@DQIl|ZSB]/u.test(read.normalize("NFKC").replace(/\s+/gu, ""))) return undefined;
    const m = /^\d+([.,])(\d+)$/u.exec(remembered.replace(/[^\d.,]/gu, ""));
    if (!m) return undefined;
    const decimals = m[2]!.length;
    if (digits.length <= decimals) return undefined;
    const out = `${digits.slice(0, -decimals)}${m[1]}${digits.slice(-decimals)}`;
    return parseAmount(out) !== undefined ? out : undefined;
  }
  return undefined;
}
