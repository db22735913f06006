/**
 * Best-effort normalization of values a reviewer typed. The engine's own `normalized`
 * is used for its values; these helpers only run on corrected text, and they return
 * undefined whenever the reading is ambiguous (the contract: nothing when in doubt).
 */

const SPACES = /[\s\u00a0\u202f']/g;

/**
 * True when the text is a plain number as printed: "-12.50", "-1.234,56", "-1 234,56",
 * "-1,234". Digits in thousands groups only, so "+49 30 1234" (a phone) is not one.
 */
export function isPlainNumber(text: string): boolean {
  return /^[+-]?(?:\d{1,3}(?:[.,\u0020\u00a0\u202f']\d{3})+|\d+)(?:[.,]\d+)?$/.test(text);
}

/**
 * Parse a printed number when its decimal mark is unambiguous, else undefined.
 * "1,234.56" → 1234.56, "1.234,56" → 1234.56, "12,50" → 12.5, "1,234" → undefined
 * (thousands or decimals?), "-12.50" → -12.5, "(12.50)" → -12.5.
 */
export function parseNumber(raw: string): number | undefined {
  let text = raw.trim();
  if (text === "") return undefined;
  let sign = 1;
  if (/^\(.*\)$/.test(text)) {
    sign = -1;
    text = text.slice(1, -1).trim();
  }
  if (/^[+-]/.test(text)) {
    if (text[0] === "-") sign *= -1;
    text = text.slice(1);
  }
  const grouped = /^\d{1,3}(?:([.,\s\u00a0\u202f'])\d{3})+(?:([.,])(\d+))?$/;
  const plain = /^\d+(?:([.,])(\d+))?$/;
  const g = grouped.exec(text);
  if (g) {
    const sep = g[1];
    const dec = g[2];
    if (dec !== undefined) {
      if (dec === sep) return undefined;
      const digits = text
        .split(sep ?? "")
        .join("")
        .replace(SPACES, "")
        .replace(dec, ".");
      return finite(sign * Number(digits));
    }
    // "1,234" or "1.234" alone could be either a grouped integer or a decimal.
    if (sep === "," || sep === ".") {
      const groups = text.split(sep);
      if (groups.length === 2) return undefined;
    }
    return finite(sign * Number(text.replace(/[.,\s\u00a0\u202f']/g, "")));
  }
  const p = plain.exec(text);
  if (p) return finite(sign * Number(text.replace(",", ".")));
  return undefined;
}

function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Parse a date to ISO "YYYY-MM-DD" when unambiguous: ISO, "YYYY/MM/DD", "DD.MM.YYYY"
 * (dots are day-first by convention), or "A/B/YYYY" when one side is > 12.
 */
export function parseDate(raw: string): string | undefined {
  const text = raw.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    if (a > 12 && b <= 12) return iso(y, b, a);
    if (b > 12 && a <= 12) return iso(y, a, b);
    if (a === b) return iso(y, a, b);
  }
  return undefined;
}

function iso(y: number, mo: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
