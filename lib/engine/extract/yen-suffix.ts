/**
 * OCR of a Japanese amount often reads its 円 as a Latin capital glued to the last digit
 * ("1,543,800M", "572,740H"): the digits are right, the sign is lost. On a page whose other
 * amounts print 円 after their digits, a lone capital glued to an amount's digits is that 円
 * (the matcher then locates "1,543,800円" on "1,543,800M" below a full match, so it is reviewed).
 */
import type { PageLayout } from "../layout/rows";
import type { RawValue } from "./types";

/** Amounts the page prints with a 円 after the digits ("4,200 円", "39,500円"). */
const YEN_AFTER = /\d[\s\u00A0\u202F]?円/gu;

/** The value with its 円 restored where OCR glued a capital letter in its place; otherwise the value itself. */
export function restoreYenSuffix(layouts: PageLayout[], v: RawValue): RawValue {
  if (!/\d$/.test(v.text) || /[¥￥円$€£]/u.test(v.text)) return v;
  const layout = layouts.find((l) => l.page.index === v.page);
  const ids = new Set(v.wordIds ?? []);
  const last = layout?.page.words.filter((w) => ids.has(w.id)).at(-1);
  if (!layout || !last || !new RegExp(`${escapeRe(v.text.split(/\s/).at(-1) ?? "")}[A-Z]$`, "u").test(last.text)) return v;
  const printed = layouts.reduce((n, l) => n + l.segments.reduce((k, s) => k + (s.text.match(YEN_AFTER)?.length ?? 0), 0), 0);
  return printed >= 2 ? { ...v, text: `${v.text}円` } : v;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
