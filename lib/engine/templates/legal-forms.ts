/** Company legal forms of many countries (data in lexicon/legal-forms.json) as one test. */
import forms from "./lexicon/legal-forms.json";

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/\s+/g, "\\s*");
// Latin forms stand as words; CJK forms anywhere in the line.
const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Hiragana}（(㈜]/u;
// (nor glued behind an apostrophe: "RINGGIT M'SIA" abbreviates a country, it is no Latvian SIA)
const bounded = (f: string) =>
  CJK.test(f) ? esc(f) : `${/^[\p{L}\p{N}]/u.test(f) ? "(?<![\\p{L}\\p{N}'’])" : ""}${esc(f)}${/[\p{L}\p{N}]$/u.test(f) ? "(?![\\p{L}\\p{N}])" : ""}`;
const EXACT = new RegExp(`(?:${forms.exact.map(bounded).join("|")})`, "u");
const ANY = new RegExp(
  `(?:${[...forms.any]
    .sort((a, b) => b.length - a.length)
    .map(bounded)
    .join("|")})`,
  "iu",
);

/**
 * EXACT's and ANY's alternatives with the word-start lookbehind taken out in front of those that start with a letter or
 * digit: the same strings match (a test's answer does not depend on the alternatives' order), but the engine checks
 * the lookbehind once a position, not once an alternative — ~3× faster on 6,547 cached receipt lines, the same answer
 * on every line. Only for tests: legalFormEnd and stripLegalForms take the first alternative that matches.
 */
const tail = (f: string) => `${esc(f)}${/[\p{L}\p{N}]$/u.test(f) ? "(?![\\p{L}\\p{N}])" : ""}`;
const wordFirst = (f: string) => !CJK.test(f) && /^[\p{L}\p{N}]/u.test(f);
const forTest = (list: string[]) => {
  const other = list.filter((f) => !wordFirst(f)).map(bounded);
  return `(?:(?<![\\p{L}\\p{N}'’])(?:${list.filter(wordFirst).map(tail).join("|")})${other.length ? `|${other.join("|")}` : ""})`;
};
const EXACT_TEST = forTest(forms.exact);
const ANY_TEST = forTest([...forms.any].sort((a, b) => b.length - a.length));
const HAS_EXACT = new RegExp(EXACT_TEST, "u");
const HAS_ANY = new RegExp(ANY_TEST, "iu");

/** True when the line carries a company legal form ("SIA", "Sp. z o.o.", "株式会社", "주식회사"). */
export function hasLegalForm(text: string): boolean {
  return HAS_EXACT.test(text) || HAS_ANY.test(text);
}

const EXACT_ALL = new RegExp(EXACT.source, "gu");
const ANY_ALL = new RegExp(ANY.source, "giu");

/** Where the last legal form of a line ends (its closing dot included), or undefined without one. */
export function legalFormEnd(text: string): number | undefined {
  let end: number | undefined;
  for (const re of [EXACT_ALL, ANY_ALL]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const e = m.index + m[0].length + (text[m.index + m[0].length] === "." ? 1 : 0);
      if (end === undefined || e > end) end = e;
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return end;
}

/** The line without its legal forms ("SINAR PENA CO. (M) SDN BHD" → "SINAR PENA CO. (M) "). */
export function stripLegalForms(text: string): string {
  return text.replace(ANY_ALL, " ").replace(EXACT_ALL, " ");
}

// Letters OCR confuses with a letter of a legal form on receipts and scans (8HD, SON, 5DN, LTO).
const CONFUSABLE: Record<string, string> = { B: "B83R", D: "DO0", O: "O0D", I: "I1lT|", L: "L1I|", S: "S5$§", T: "T7", Z: "Z2", G: "G6", N: "NH" };
const loose = (form: string) =>
  [...form]
    .map((c) => {
      const up = c.toUpperCase();
      const alt = CONFUSABLE[up];
      if (alt) return `[${[...new Set([...alt, ...alt.toLowerCase()])].join("").replace(/[\]\\^|$-]/g, "\\$&")}]`;
      return /\s/.test(c) ? "\\s*" : c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    })
    .join("");
// Only forms of two parts ("SDN BHD", "S/B"), so one part of it read right anchors the repair of the other.
const MULTI = [...forms.any, ...forms.exact].filter((f) => /^[\p{L}.]+(\s+|\/)[\p{L}.]+$/u.test(f) && !CJK.test(f));
const REPAIR = MULTI.map((f) => ({ form: f, re: new RegExp(`(?<![\\p{L}\\p{N}])${loose(f)}(?=[\\s.,)]*$)`, "iu"), words: f.toUpperCase().split(/\s+|\//) }));

/**
 * A legal form of two words closing a name, with a letter of one word misread ("SDN 8HD",
 * "SON BHD", "Pty LTO") and the other word read right, given back as the form prints it (in
 * the case of the OCR's reading). Anything else is returned unchanged.
 */
export function repairLegalForm(name: string): string {
  // A registration number printed after the form ("… §/B 273500-U (KSB)"): the form is repaired in front of it.
  // A company number with its check letter there ("(519537-X)", "273500-U") says a company's name closes in front of
  // it, so it anchors the repair of a form with every part misread ("99 … 5/8 (519537-X)").
  const reg = REG_AFTER.exec(name);
  if (reg && reg.index > 0) return repairClosing(name.slice(0, reg.index), REG_ANCHOR.test(reg[0])) + name.slice(reg.index);
  return repairClosing(name);
}

/** A number of four digits or more closing a line, with letter codes of up to four letters at most ("273500-U (KSB)"). */
const REG_AFTER = /\s+[^\p{L}\s]*\d{4,}[^\p{L}]*(?:\p{L}{1,4}[^\p{L}]*)*$/u;
/** A company number with a check letter, bracketed or not, the bracket perhaps misread ("(519537-X)", "{519537-X)", "273500-U"). */
const REG_ANCHOR = /^\s+[(（{[]?\s*\d{4,}\s*-\s*\p{Lu}(?![\p{L}\p{N}])/u;

/** repairLegalForm for a form that closes the text. */
function repairClosing(name: string, anchored = false): string {
  const tail = (k: number) =>
    name
      .trim()
      .replace(/[\s.,)]+$/u, "")
      .toUpperCase()
      .split(/\s+/)
      .slice(-k)
      .join(" ");
  if (REPAIR.some(({ words }) => tail(words.length) === words.join(" "))) return name;
  for (const { form, re, words } of REPAIR) {
    const m = re.exec(name);
    if (!m) continue;
    const got = m[0].toUpperCase().split(/\s+|\//);
    if (got.length !== words.length || (!anchored && !got.some((g, i) => g === words[i]))) continue;
    const upper = m[0] === m[0].toUpperCase();
    return name.slice(0, m.index) + (upper ? form.toUpperCase() : form) + name.slice(m.index + m[0].length);
  }
  return repairByDistance(name);
}

/** True when two words differ by at most one letter inserted, dropped or replaced. */
function oneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/**
 * The same repair for any one-letter misreading of a form word of three letters or more ("SIN BHD", "SDN THD",
 * "Sdn.BRhd"), when the other word of the form is read right and the two close the name.
 */
function repairByDistance(name: string): string {
  const m = /(?<![\p{L}\p{N}])([\p{L}\p{N}]{2,5})([\s.]+)([\p{L}\p{N}]{2,5})([\s.,)]*)$/u.exec(name);
  if (!m) return name;
  const [t1, t2] = [m[1]!.toUpperCase(), m[3]!.toUpperCase()];
  for (const { words } of REPAIR) {
    const [w1, w2] = words.map((w) => w.replace(/\./g, ""));
    if (words.length !== 2 || !w1 || !w2 || (t1 === w1 && t2 === w2)) continue;
    const fix = t2 === w2 && w1.length >= 3 && oneEdit(t1, w1) ? 1 : t1 === w1 && w2.length >= 3 && oneEdit(t2, w2) ? 3 : 0;
    if (!fix) continue;
    const bad = m[fix]!;
    const good = fix === 1 ? w1 : w2;
    // in the case the OCR read the word in: "SIN" → "SDN", "Ehd" → "Bhd"
    const cased = bad === bad.toUpperCase() ? good : good.charAt(0) + good.slice(1).toLowerCase();
    const at = m.index + (fix === 1 ? 0 : m[1]!.length + m[2]!.length);
    return name.slice(0, at) + cased + name.slice(at + bad.length);
  }
  return name;
}

// Compiled once (they were built from the lexicon's whole alternation at every call, ~0.1 s CPU a receipt).
const EXACT_END = new RegExp(`${EXACT_TEST}\\.?$`, "u");
const ANY_END = new RegExp(`${ANY_TEST}\\.?$`, "iu");

/** True when the line's last word(s) are a legal form (trailing punctuation and a bracketed number aside). */
export function hasLegalFormAtEnd(text: string): boolean {
  const t = text.replace(/\s*[(（][^)）]*\d[^)）]*[)）][\s,.]*$/u, "").replace(/[\s,;]+$/u, "");
  return EXACT_END.test(t) || ANY_END.test(t);
}

/**
 * A name set in capitals and closed by its legal form (a form with a misread letter counts): the shape in which
 * a digit among the name's letters is a misread capital (extract/vendor-digits.ts, cross-read/vendor.ts).
 * The form itself may be set in its own case ("… Sdn Bhd"); the rest is in capitals.
 */
export function capitalName(text: string): boolean {
  if (!hasLegalFormAtEnd(repairLegalForm(text))) return false;
  const letters = text.replace(/[^\p{L}]/gu, "");
  const lower = letters.replace(/\P{Ll}/gu, "").length;
  return letters.length >= 3 && lower <= 0.3 * letters.length;
}
