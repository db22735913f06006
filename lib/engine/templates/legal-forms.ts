/** Company legal forms of many countries (data in lexicon/legal-forms.json) as one test. */
import forms from "./lexicon/legal-forms.json";

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/\s+/g, "\\s*");
// Latin forms stand as words; CJK forms anywhere in the line.
const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Hiragana}（(㈜]/u;
const bounded = (f: string) =>
  CJK.test(f) ? esc(f) : `${/^[\p{L}\p{N}]/u.test(f) ? "(?<![\\p{L}\\p{N}])" : ""}${esc(f)}${/[\p{L}\p{N}]$/u.test(f) ? "(?![\\p{L}\\p{N}])" : ""}`;
const EXACT = new RegExp(`(?:${forms.exact.map(bounded).join("|")})`, "u");
const ANY = new RegExp(
  `(?:${[...forms.any]
    .sort((a, b) => b.length - a.length)
    .map(bounded)
    .join("|")})`,
  "iu",
);

/** True when the line carries a company legal form ("SIA", "Sp. z o.o.", "株式会社", "주식회사"). */
export function hasLegalForm(text: string): boolean {
  return EXACT.test(text) || ANY.test(text);
}
