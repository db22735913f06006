import { findAmounts, parseAmount } from "../parse/amount";

/**
 * An amount as printed or typed, split into its number and the currency marks around it: "RM 41.45" →
 * "RM " · "41.45" · "", "41,450円" → "" · "41,450" · "円". A page and its reviewers often write the currency
 * differently (printed "RM41.45", typed "41.45"; printed "¥12,300", typed "￥12,300"): the number's format is
 * the page's, the marks around it are a convention of the reviewers. Undefined for anything but one amount
 * with currency marks and spaces around it at most (a sign or brackets belong to the number).
 */
export interface AmountForm {
  before: string;
  core: string;
  after: string;
}

export function amountForm(text: string): AmountForm | undefined {
  const t = text.trim();
  const spans = findAmounts(t);
  if (spans.length !== 1 || spans[0]!.start !== 0 || spans[0]!.end !== t.length) return undefined;
  // From the first digit (or its sign, its opening bracket) to the last digit (or the closing bracket).
  const m = /(?:[-−–(]\s?)?\p{N}(?:[\s\S]*[\p{N})])?/u.exec(t);
  if (!m) return undefined;
  const form = { before: t.slice(0, m.index), core: m[0], after: t.slice(m.index + m[0].length) };
  // "(RM 41.45)": the bracket around the marks is the value's sign, not a way of writing the currency.
  return /[-−–()]/u.test(form.before + form.after) ? undefined : form;
}

/** An amount's format (types.ts shapeOf) without the currency marks around its number: "a9.9" → "9.9", "¥9" → "9". */
export const coreShape = (shape: string): string => shape.replace(/^[^9\-−–(]*/u, "").replace(/[^9)]*$/u, "");

/**
 * An amount's format without its currency marks and without its sign: a credit note prints "-8.79" or "(8.79)" where
 * the supplier's invoices print "197.58", at the same place, and its total is still the field memory knows there.
 */
export const unsignedShape = (shape: string): string =>
  coreShape(shape)
    .replace(/^[-−–(]\s?/u, "")
    .replace(/\)$/u, "");

/** Two amounts of opposite signs ("-8.79" and "8.79"): fold() drops the sign, so a credit note's total needs this apart. */
export function oppositeSigns(a: string, b: string): boolean {
  const x = parseAmount(a);
  const y = parseAmount(b);
  return x !== undefined && y !== undefined && Math.sign(x) * Math.sign(y) < 0;
}

/** The number of an amount, without its currency marks (anything else as it is). */
export const amountCore = (text: string): string => amountForm(text)?.core ?? text;

const marks = (f: AmountForm) => `${f.before}|${f.after}`.normalize("NFKC").replace(/\s+/gu, "");

/**
 * A number the page prints, written with the currency marks the reviewers typed around theirs, where the page prints
 * the same marks or none: a page that prints another currency keeps its own ("€12.30" stays where "$41.45" was typed).
 */
export function asReviewed(printed: string, reviewed: string): string {
  const page = amountForm(printed);
  const theirs = amountForm(reviewed);
  if (!page || !theirs) return printed;
  const own = marks(page);
  if (own !== "|" && marks(theirs) !== "|" && own !== marks(theirs)) return printed;
  return `${theirs.before}${page.core}${theirs.after}`;
}

/** The character between an amount's digit groups ("," of "1,234.50", " " of "1 234,50"), undefined when ungrouped. */
function grouping(core: string): string | undefined {
  const m = /\p{N}([,.'’\s\u00A0\u202F\u2009])\p{N}{3}(?!\p{N})/u.exec(core.normalize("NFKC"));
  // "1,234.50" groups with ","; "234.50" or "12,50" only has its decimal mark (followed by fewer than three digits).
  return m ? m[1]!.replace(/[\s\u00A0\u202F\u2009]/u, " ") : undefined;
}

/**
 * A number grouped by spaces ("24 120.00") is more often a quantity beside a price than one amount: it is taken
 * for the remembered amount only where that was grouped by spaces too, or was large and typed without grouping
 * ("1234,56" for a printed "1 234,56"). The reviewer's own grouping is a convention (format.ts), not the page's.
 */
export function sameGrouping(candidate: string, remembered: string): boolean {
  const a = amountForm(candidate)?.core;
  const b = amountForm(remembered)?.core;
  if (a === undefined || b === undefined || grouping(a) !== " ") return true;
  const gb = grouping(b);
  const whole = (b.normalize("NFKC").match(/\p{N}+/gu) ?? [])[0]?.length ?? 0;
  return gb === " " || (gb === undefined && whole >= 4);
}
