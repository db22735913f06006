/**
 * A word of the issuer's name that the page prints a second time: the name repeats in the address
 * ("AEON CO. (M) BHD." / "3RD FLR, AEON TAMAN MALURI SC"), a footer or a mall line, and the OCR
 * may misread one letter in one print only ("AEDN", "MALURD"). When the name's word is unsure and
 * another print of it, one letter away, was read surely, the name takes that spelling. Structure
 * and the reader's own confidences only, no word list. The text is then not what the name's line
 * says: it is marked repaired, so the risk stage never auto-accepts it.
 *
 * Likewise the trade word in front of the closing legal form ("99 SPEED MARI S/B"): when the reader was
 * unsure of it and exactly one trade word of the lexicon (company-words.json, many languages) is one
 * character away, the name takes that word.
 */
import type { PageLayout } from "../layout/rows";
import { hasLegalFormAtEnd, stripLegalForms } from "../templates/legal-forms";
import words from "../templates/lexicon/company-words.json";
import type { OcrWord } from "../types";
import type { Picked } from "./parties";

/** A reading at least this sure may correct another print of the same word. */
const SURE = 0.9;
/** The name's own word must be this much less sure than the other print. */
const MARGIN = 0.05;
/** Only words this long: a word of three letters one letter off is as often another word ("BAR" / "BAY"). */
const MIN_LETTERS = 4;

const upper = (s: string) => s.toUpperCase();

/** Same length, exactly one letter different (letters compared in capitals). */
function oneOff(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) return false;
  return diff === 1;
}

/** The other print's letters in the case the name's word is set in ("Malurd" + "MALURI" → "Maluri"). */
function inCaseOf(word: string, other: string): string {
  return [...other].map((ch, i) => (word[i] === word[i]?.toLowerCase() && word[i] !== word[i]?.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join("");
}

/** The letter runs of a word with their place ("(MALURD)" → MALURD at 1). */
const LETTER_RUN = /\p{L}+/gu;

/**
 * The name with each unsure word of four letters or more replaced by the spelling of a sure print of
 * the same word elsewhere on the page (one letter apart), when that print is the only such spelling
 * and the page nowhere else prints the name's own spelling.
 */
export function spelledAsElsewhere(layout: PageLayout, name: Picked): Picked {
  const own = name.segs.flatMap((s) => s.words);
  const ownIds = new Set(own.map((w) => w.id));
  const others = layout.page.words.filter((w) => !ownIds.has(w.id));
  // every letter run of the other words, in capitals, with the surest reading of it
  const elsewhere = new Map<string, number>();
  for (const w of others)
    for (const m of w.text.matchAll(LETTER_RUN)) {
      const k = upper(m[0]);
      elsewhere.set(k, Math.max(elsewhere.get(k) ?? 0, w.conf));
    }
  const confOf = (run: string): number | undefined => {
    const ws = own.filter((w: OcrWord) => upper(w.text).includes(upper(run)));
    return ws.length ? Math.min(...ws.map((w) => w.conf)) : undefined;
  };
  let repaired = false;
  const text = name.text.replace(LETTER_RUN, (run) => {
    if (run.length < MIN_LETTERS) return run;
    const key = upper(run);
    if (elsewhere.has(key)) return run;
    const conf = confOf(run);
    if (conf === undefined) return run;
    const fixes = [...elsewhere].filter(([k, c]) => oneOff(key, k) && c >= SURE && c >= conf + MARGIN);
    if (fixes.length !== 1) return run;
    repaired = true;
    return inCaseOf(run, (fixes[0] as [string, number])[0]);
  });
  return repaired ? { ...name, text, repaired: true } : name;
}

/** The trade words of many languages, in capitals (data). */
const TRADE_WORDS: readonly string[] = [
  ...new Set(
    Object.entries(words)
      .filter(([k]) => !k.startsWith("_"))
      .flatMap(([, v]) => v as string[])
      .map(upper),
  ),
];

/**
 * The name with an unsure word right in front of its closing legal form replaced by the one trade word of
 * the lexicon one character away ("MARI" → "MART", "M9RT" → "MART"). A word the lexicon holds, a word of
 * fewer than four characters, a sure reading or two candidate words: unchanged.
 */
export function tradeWordSpelling(name: Picked): Picked {
  if (!hasLegalFormAtEnd(name.text)) return name;
  const tokens = name.text.split(/(\s+)/);
  const words = tokens.map((t, i) => ({ t, i })).filter((x) => x.t.trim());
  // the closing legal form: the longest run of words at the end with nothing but legal-form letters
  let k = words.length;
  while (
    k > 0 &&
    stripLegalForms(
      words
        .slice(k - 1)
        .map((x) => x.t)
        .join(" "),
    ).replace(/[^\p{L}\d]/gu, "") === ""
  )
    k--;
  const slot = words[k - 1];
  if (k === words.length || k < 2 || !slot) return name;
  const m = /^([^\p{L}\d]*)([\p{L}\d]{4,})([^\p{L}\d]*)$/u.exec(slot.t);
  if (!m) return name;
  const [, lead = "", core = "", trail = ""] = m;
  const key = upper(core);
  if (!/\p{L}/u.test(key) || TRADE_WORDS.includes(key)) return name;
  const own = name.segs.flatMap((s) => s.words).filter((w) => upper(w.text).includes(key));
  if (own.length === 0 || Math.min(...own.map((w) => w.conf)) >= SURE) return name;
  const fixes = TRADE_WORDS.filter((t) => oneOff(key, t));
  if (fixes.length !== 1) return name;
  tokens[slot.i] = lead + inCaseOf(core, fixes[0] as string) + trail;
  return { ...name, text: tokens.join(""), repaired: true };
}
