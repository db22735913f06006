import { findCurrency } from "../parse/amount";
import { THREE_MINOR_CODES, ZERO_MINOR_CODES } from "../parse/minor-units";
import type { OcrPage } from "../types";
import { contextFromPages, type DocumentContext, pagesText } from "../validate/context";

/**
 * The document's currency as far as its number format goes, and how its pages group thousands. Evidence is the
 * print: an ISO code, a sign only one currency uses, or the country the page's script or marks show (the same
 * evidence the national checks use, validate/context.ts) — never the value being normalized.
 */

const ZERO_MINOR_CODE = new RegExp(`\\b(?:${ZERO_MINOR_CODES.join("|")})\\b`);
/**
 * A three-decimal ISO code beside an amount that prints thousandths ("KWD 1.250", "12,500 TND"). The bare code is no
 * evidence: "BHD" is also the "Bhd" of a Malaysian company's "Sdn Bhd", in capitals on about half the SROIE receipts.
 */
const THOUSANDTHS = "\\d[\\d.,]*[.,]\\d{3}";
const THREE_MINOR = THREE_MINOR_CODES.join("|");
const THREE_MINOR_AMOUNT = new RegExp(`\\b(${THREE_MINOR}) ?${THOUSANDTHS}(?![.,]?\\d)|(?<![\\d.,])${THOUSANDTHS} ?(${THREE_MINOR})\\b`);
/** Hangul is Korea's alone; a few letters, not a stray glyph (as validate/context.ts counts kana). */
const HANGUL = /\p{Script=Hangul}/gu;
const MIN_SCRIPT_CHARS = 4;

/**
 * The ISO 4217 code the pages show, when they show one (a bare "¥" alone is yen or yuan: no evidence by itself).
 * `context`: the pages' country evidence when the caller has it already (the engine computes it once for validate too).
 */
export function documentCurrency(pages: readonly OcrPage[], context: DocumentContext = contextFromPages(pages)): string | undefined {
  return currencyIn(pagesText(pages).normalize("NFKC"), context);
}

/** documentCurrency of the pages' text (NFKC). */
function currencyIn(text: string, context: DocumentContext): string | undefined {
  const code = ZERO_MINOR_CODE.exec(text)?.[0];
  if (code) return code;
  const three = THREE_MINOR_AMOUNT.exec(text);
  if (three) return three[1] ?? three[2];
  if (/₩/.test(text) || (text.match(HANGUL)?.length ?? 0) >= MIN_SCRIPT_CHARS) return "KRW";
  if (context.countries.has("JP")) return "JPY";
  const found = findCurrency(text);
  return found && found.mark !== "¥" ? found.code : undefined;
}

/** A number grouped by dots only ("38.000", "3.969.622"): in a currency without decimals, its dots group thousands. */
export const DOT_GROUPED = /(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,])/g;
/** A number grouped by commas ("38,000", "1,234.50"). */
const COMMA_GROUPED = /(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])/g;

/** A number that prints both marks, grouping first ("1,250.500" decimal ".", "1.250,500" decimal ","). */
const DOT_DECIMAL = /(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d+(?![\d.,])/;
const COMMA_DECIMAL = /(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d.,])/;

/**
 * How the pages' own amounts group thousands, from their text (NFKC): the dot-grouped numbers they print (by value),
 * how many comma-grouped, and the decimal mark of the numbers that print both marks, when they all agree.
 */
function groupingIn(text: string): PageGrouping {
  const dots = new Set([...text.matchAll(DOT_GROUPED)].map((m) => Number(m[0].replace(/\./g, ""))));
  const dot = DOT_DECIMAL.test(text);
  const comma = COMMA_DECIMAL.test(text);
  const decimal = dot !== comma ? (dot ? "." : ",") : undefined;
  return { dots, commas: [...text.matchAll(COMMA_GROUPED)].length, ...(decimal ? { decimal } : {}) };
}

/** How the pages group thousands (groupingIn). */
export interface PageGrouping {
  /** the dot-grouped numbers the pages print, by value. */
  dots: ReadonlySet<number>;
  /** how many comma-grouped numbers they print. */
  commas: number;
  /** the decimal mark of the numbers printing both marks, when they all agree. */
  decimal?: "." | ",";
}

/** What the pages say of the document's number format (the normalize stage's evidence). */
export interface DocumentMoney {
  /** the ISO 4217 code the pages show. */
  currency?: string;
  grouping?: PageGrouping;
}

/** The currency and the pages' grouping together, their text joined once (the engine's analysis calls this). */
export function documentMoney(pages: readonly OcrPage[], context: DocumentContext = contextFromPages(pages)): DocumentMoney {
  const text = pagesText(pages).normalize("NFKC");
  const currency = currencyIn(text, context);
  return { ...(currency ? { currency } : {}), grouping: groupingIn(text) };
}
