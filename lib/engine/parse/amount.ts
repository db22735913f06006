/** Decimal-mark hint: "." (1,234.56), "," (1.234,56) or undefined (guess from the text). */
export type DecimalMark = "." | "," | undefined;

/** A money/number span found inside a longer text. `text` is verbatim (decorations outside). */
export interface AmountSpan {
  text: string;
  start: number;
  end: number;
  value: number;
  /** true when a currency symbol or code is part of the span. */
  hasCurrency: boolean;
}

const CUR_SYM = "[$€£¥￥₩₹]";
const CUR_CODE = "(?:USD|EUR|GBP|JPY|CAD|AUD|CHF|NZD|SEK|NOK|DKK|CNY|INR|RM|MYR|SGD|HKD)";
const CUR_PREFIX = `(?:(?:US|CA|C|A|NZ|HK|S)?\\$|${CUR_SYM}|${CUR_CODE}|Fr\\.)`;
const CUR_SUFFIX = `(?:${CUR_SYM}|円|${CUR_CODE}|Fr\\.|CHF)`;
const D = "[0-9０-９]";
// Grouping may use , . ' or (narrow) no-break/thin/ordinary spaces; decimals . or ,
const GROUP = "[,.'’ \\u00A0\\u202F\\u2009，．]";
const NUM = `${D}{1,3}(?:${GROUP}${D}{3})+(?:[.,．，]${D}{1,3})?|${D}+(?:[.,．，]${D}{1,3})?`;
const SP = "[ \\u00A0\\u202F\\u2009]?";
const AMOUNT_RE = new RegExp(
  `(?<![0-9０-９A-Za-z])(?:[-−–(]${SP})?(?:${CUR_PREFIX}${SP})?(?:[-−–]${SP})?(?:${NUM})(?:${SP}${CUR_SUFFIX})?(?:${SP}\\))?(?![0-9０-９])`,
  "gu",
);

const LEAD_RE = new RegExp(`^[-−–(]?${SP}${CUR_PREFIX}`, "u");

/** The text without a currency mark it starts with ("RM20." → "20.", "-EUR5," → "5,"); the text itself when it has none. */
export function afterCurrencyLead(text: string): string {
  const m = LEAD_RE.exec(text);
  return m ? text.slice(m[0].length) : text;
}

/** NFKC plus the few characters NFKC leaves alone that matter for numbers. */
function fold(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[−–—]/g, "-")
    .replace(/[\u00A0\u202F\u2009]/g, " ");
}

/** Parse a printed amount ("1.234,56 €", "¥12,345-", "(12.00)", "1 234,56") into a number. */
export function parseAmount(text: string, decimal?: DecimalMark): number | undefined {
  let s = fold(text).trim();
  if (!s) return undefined;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // A trailing "-" after a Japanese amount is a "no more follows" mark, not a sign; after cents it is the
  // till's minus ("ROUNDING 0.02-", a discount "5.00-"): yen have no cents, so the two never meet.
  if (/\d[.,]\d{2}\s?-$/.test(s) && !/[¥円]|JPY/u.test(s)) negative = true;
  s = s.replace(/-+$/, "").trim();
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1).trim();
  }
  s = s
    .replace(new RegExp(`^${CUR_PREFIX}`, "u"), "")
    .replace(new RegExp(`${CUR_SUFFIX}$`, "u"), "")
    .trim();
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1).trim();
  }
  // A till drops the units' zero before cents (".02"); a lone mark before one or two digits is that zero.
  if (/^[.,]\d{1,2}$/.test(s)) s = `0${s}`;
  if (!/^\d[\d.,' ’]*$/.test(s)) return undefined;
  const n = toNumber(
    s.replace(/[ '’]/g, (c) => (c === " " ? " " : ",")),
    decimal,
  );
  if (n === undefined) return undefined;
  return negative ? -n : n;
}

function toNumber(s: string, decimal: DecimalMark): number | undefined {
  const digitsOnly = s.replace(/ /g, "");
  if (/ /.test(s) && !/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(s)) return undefined;
  const lastDot = digitsOnly.lastIndexOf(".");
  const lastComma = digitsOnly.lastIndexOf(",");
  let dec: "." | "," | null = null;
  if (lastDot >= 0 && lastComma >= 0) dec = lastDot > lastComma ? "." : ",";
  else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? "." : ",";
    const count = digitsOnly.split(mark).length - 1;
    const after = digitsOnly.length - digitsOnly.lastIndexOf(mark) - 1;
    if (count > 1) dec = null;
    else if (decimal) dec = decimal === mark ? mark : null;
    else dec = after === 3 ? null : mark;
  }
  let intPart = digitsOnly;
  let frac = "";
  if (dec) {
    const i = digitsOnly.lastIndexOf(dec);
    intPart = digitsOnly.slice(0, i);
    frac = digitsOnly.slice(i + 1);
    if (!/^\d+$/.test(frac)) return undefined;
  }
  const groupMark = dec === "." ? "," : dec === "," ? "." : /[.,]/.exec(intPart)?.[0];
  if (groupMark && intPart.includes(groupMark)) {
    const parts = intPart.split(groupMark);
    if (parts.some((p, k) => (k === 0 ? !/^\d{1,3}$/.test(p) : !/^\d{3}$/.test(p)))) return undefined;
    intPart = parts.join("");
  }
  if (!/^\d+$/.test(intPart)) return undefined;
  return Number(frac ? `${intPart}.${frac}` : intPart);
}

/** All amount-like spans in a text, verbatim (e.g. "¥309,390" inside "合計金額： ¥309,390 （税込）"). */
export function findAmounts(text: string, decimal?: DecimalMark): AmountSpan[] {
  const out: AmountSpan[] = [];
  for (const m of text.matchAll(AMOUNT_RE)) {
    let raw = m[0];
    let start = m.index ?? 0;
    // Keep an opening "(" only when the span also closes it.
    if (raw.startsWith("(") && !raw.endsWith(")")) {
      raw = raw.slice(1).trimStart();
      start = text.indexOf(raw, start);
    }
    const trimmed = raw.trimEnd();
    const value = parseAmount(trimmed, decimal);
    if (value === undefined) continue;
    out.push({
      text: trimmed,
      start,
      end: start + trimmed.length,
      value,
      hasCurrency: new RegExp(`${CUR_SYM}|円|[A-Z]{3}|\\$`, "u").test(trimmed),
    });
  }
  return out;
}

/** ISO currency code implied by a symbol or code in the text, if any. */
export function detectCurrency(text: string): string | undefined {
  return findCurrency(text)?.code;
}

/** The currency a text implies and the mark that implies it, as found in the (folded) text: "1 234,50 €" → EUR from "€". */
export function findCurrency(text: string): { code: string; mark: string } | undefined {
  const s = fold(text);
  const code = new RegExp(`\\b${CUR_CODE}\\b`).exec(s)?.[0];
  if (code) return { code: code === "RM" ? "MYR" : code, mark: code };
  const marks: Array<[RegExp, string]> = [
    [/[¥円]/, "JPY"],
    [/€/, "EUR"],
    [/₩/, "KRW"],
    [/₹|\bRs\.?(?=\s?\d)|\bINR\b/, "INR"],
    [/£/, "GBP"],
    [/CA\$|C\$/, "CAD"],
    [/A\$/, "AUD"],
    [/\$/, "USD"],
  ];
  for (const [re, c] of marks) {
    const m = re.exec(s);
    if (m) return { code: c, mark: m[0] };
  }
  return undefined;
}

/** A bare "$" is USD unless the page is plainly Canadian or Australian (taxes, postcodes). */
export function dollarCountry(code: string, pageText: string): string {
  if (code !== "USD" || /\bUSD\b|US\$/.test(pageText)) return code;
  if (/\b(HST|GST\/HST|QST|PST)\b|\b(ON|BC|AB|QC|NS|NB|MB|SK|NL|PE)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b|\bCanada\b/.test(pageText)) return "CAD";
  if (/\bABN\b|\b(NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+\d{4}\b|\bAustralia\b/.test(pageText)) return "AUD";
  return code;
}
