import monthNames from "./months.json";

/** Day/month order for all-numeric dates like 03/04/2026; undefined = only when unambiguous. */
export type DateOrder = "dmy" | "mdy" | undefined;

/** A date span found inside a longer text, verbatim, with its ISO value when unambiguous. */
export interface DateSpan {
  text: string;
  start: number;
  end: number;
  iso: string | undefined;
}

// Month names of many languages are data (months.json); a name shared by languages means one month.
const MONTHS: Record<string, number> = {};
for (const [lang, months] of Object.entries(monthNames as unknown as Record<string, string[][]>)) {
  if (lang.startsWith("_")) continue;
  months.forEach((names, i) => {
    for (const n of names) MONTHS[n.normalize("NFC").toLowerCase()] ??= i + 1;
  });
}
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/\s+/g, "\\s+"))
  .join("|");
const monthOf = (name: string | undefined) => MONTHS[(name ?? "").normalize("NFC").toLowerCase().replace(/\s+/g, " ")] ?? 0;

// Japanese eras: first Gregorian year of each.
const ERAS: Record<string, number> = { 令和: 2019, 平成: 1989, 昭和: 1926, R: 2019, H: 1989, S: 1926 };

const S = "[ \\u00A0\\u202F]*";
const PATTERNS: { re: string; build: (g: string[], order: DateOrder) => string | undefined }[] = [
  {
    // 令和8年11月21日, 2026年11月21日, 令和元年5月1日
    re: `(令和|平成|昭和)?${S}(\\d{1,4}|元)${S}年${S}(\\d{1,2})${S}月${S}(\\d{1,2})${S}日`,
    build: (g) => {
      const era = g[1];
      const y = g[2] === "元" ? 1 : Number(g[2]);
      const year = era ? (ERAS[era] ?? 0) + y - 1 : y;
      return iso(year, Number(g[3]), Number(g[4]));
    },
  },
  {
    // 2026-11-21, 2026/11/21, 2026.11.21
    re: "(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?![\\d])",
    build: (g) => iso(Number(g[1]), Number(g[3]), Number(g[4])),
  },
  {
    // 21.11.2026 (dotted = day first), 21/11/2026, 11/21/2026, 21-11-26
    re: "(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d-])",
    build: (g, order) => {
      const a = Number(g[1]);
      const b = Number(g[3]);
      const y = year2(g[4] ?? "");
      if (g[2] === "." && order !== "mdy") return iso(y, b, a);
      if (a > 12 && b <= 12) return iso(y, b, a);
      if (b > 12 && a <= 12) return iso(y, a, b);
      if (a === b) return iso(y, a, b);
      if (order === "dmy") return iso(y, b, a);
      if (order === "mdy") return iso(y, a, b);
      return undefined;
    },
  },
  {
    // 21. November 2026, 21 nov. 2026, 21st November 2026, 21-Nov-2026, 02/JAN/2017, 1er mars 2026, 14 de marzo de 2024
    re: `(\\d{1,2})(?:st|nd|rd|th|er|º)?\\.?[ \\u00A0\\u202F/-]*(?:de[l]?\\s+)?(${MONTH_ALT})\\.?[ \\u00A0\\u202F,/-]*(?:de[l]?\\s+)?(\\d{4}|\\d{2})(?![\\d])`,
    build: (g) => iso(year2(g[3] ?? ""), monthOf(g[2]), Number(g[1])),
  },
  {
    // Nov 21, 2026 / November 21st 2026
    re: `(${MONTH_ALT})\\.?${S}(\\d{1,2})(?:st|nd|rd|th)?(?:${S},)?${S}(\\d{4})(?![\\d])`,
    build: (g) => iso(Number(g[3]), monthOf(g[1]), Number(g[2])),
  },
  {
    // Year first: 2024. március 14. (HU), 2024 m. kovo 14 d. (LT)
    re: `(\\d{4})(?:\\.|${S}m\\.)${S}(${MONTH_ALT})${S}(\\d{1,2})\\.?(?![\\d])`,
    build: (g) => iso(Number(g[1]), monthOf(g[2]), Number(g[3])),
  },
  {
    // 2024. gada 14. marts (LV)
    re: `(\\d{4})\\.${S}gada${S}(\\d{1,2})\\.${S}(${MONTH_ALT})`,
    build: (g) => iso(Number(g[1]), monthOf(g[3]), Number(g[2])),
  },
];
const COMPILED = PATTERNS.map((p) => ({ ...p, rx: new RegExp(`(?<![\\p{L}\\d])(?:${p.re})`, "giu") }));

function year2(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

function iso(y: number, m: number, d: number): string | undefined {
  if (!(y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1)) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** All date spans in a text (non-overlapping, leftmost first); iso undefined when ambiguous or nonexistent. */
export function findDates(text: string, order?: DateOrder): DateSpan[] {
  const s = text.normalize("NFKC");
  // NFKC keeps length for the characters that matter here; fall back to raw text otherwise.
  const src = s.length === text.length ? s : text;
  const hits: DateSpan[] = [];
  for (const p of COMPILED) {
    for (const m of src.matchAll(p.rx)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ text: text.slice(start, end), start, end, iso: p.build([...m] as string[], order) });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Parse a printed date to ISO yyyy-mm-dd; undefined when ambiguous (03/04/2026 without order) or nonexistent. */
export function parseDate(text: string, order?: DateOrder): string | undefined {
  const t = text.trim();
  const spans = findDates(t, order);
  const first = spans[0];
  if (!first || spans.length > 1) return undefined;
  // The date must be (nearly) the whole text: "21.11.2026" yes, "Order 21.11.2026 #4" no.
  const rest = (t.slice(0, first.start) + t.slice(first.end)).replace(/[\s,.()（）]/g, "");
  return rest.length <= 3 ? first.iso : undefined;
}
