/**
 * Letters the OCR read as digits inside an issuer's name ("P0PULAR B00K SDN BHD", "5UNRISE
 * TRADING SDN BHD"). Only where the shape says a name: the text is closed by a legal form and
 * set in capitals, and the word mixes capitals with digits that look like capitals (or is a
 * run of dotted initials with a letter among them). Pure numbers ("99 … S/B"), ordinals and units ("28TH", "500ML"),
 * registration numbers and any word with a digit that looks like no capital stay as printed.
 * The repaired name is not what the page says: the caller marks it (Evidence.repaired) and the
 * risk stage never auto-accepts it.
 */
import { capitalName, hasLegalFormAtEnd } from "../templates/legal-forms";

/** Digits that print like a capital letter, and the letter (shape data, not words). */
const AS_LETTER: Record<string, string> = { "0": "O", "1": "I", "2": "Z", "4": "A", "5": "S", "6": "G", "7": "T", "8": "B" };

/** Digits whose look-alike is so close that one at a word's edge is repaired too ("5UNRISE"); others only
 * between letters, since a brand may open or close with a figure ("4FINGERS", "MART2"). */
const AT_EDGE = new Set(["0", "1", "5", "8"]);

/** A word of capitals and digits, at least three long, with more letters than digits or as many. */
const MIXED = /^[A-Z0-9]{3,}$/u;
/** Dotted initials with a digit among them ("D.1.Y.", "0.1.7."). */
const INITIALS = /^(?:[A-Z0-9]\.){2,}[A-Z0-9]?$/u;
/** A number with a short suffix: an ordinal, a unit or a size ("28TH", "500ML", "2ND"). */
const NUMBER_SUFFIX = /^\d+[A-Z]{1,2}$/u;

const mappable = (s: string) => [...s].every((ch) => !/\d/.test(ch) || ch in AS_LETTER);
const toLetters = (s: string) => s.replace(/\d/g, (d) => AS_LETTER[d] ?? d);

/** One word's repair, or undefined when its shape is not a capital word with look-alike digits. */
function repairWord(word: string): string | undefined {
  // punctuation around the word stays ("(M)", "CO.,")
  const m = /^([^A-Z0-9]*)(.*?)([^A-Z0-9.]*)$/u.exec(word);
  if (!m) return undefined;
  const [, lead = "", core = "", trail = ""] = m;
  if (!/\d/.test(core) || !mappable(core)) return undefined;
  // initials with a letter among them ("D.1.Y."); all in digits ("0.1.7.") they may be any of several letters each
  if (INITIALS.test(core)) return /[A-Z]/u.test(core) ? lead + toLetters(core) + trail : undefined;
  const bare = core.replace(/\.$/u, "");
  if (!MIXED.test(bare) || NUMBER_SUFFIX.test(bare)) return undefined;
  const digits = bare.replace(/\D/g, "").length;
  if (digits > bare.length - digits) return undefined;
  const chars = [...bare];
  const edge = (i: number) => !/[A-Z]/u.test(chars[i - 1] ?? "") || !/[A-Z]/u.test(chars[i + 1] ?? "");
  if (chars.some((ch, i) => /\d/.test(ch) && edge(i) && !AT_EDGE.has(ch))) return undefined;
  return lead + toLetters(bare) + core.slice(bare.length) + trail;
}

/**
 * The name with the digits of its capital words read as the letters they look like, and whether
 * anything changed. A text not closed by a legal form, or not set in capitals, is returned as is.
 */
export function repairNameDigits(name: string): { text: string; repaired: boolean } {
  const unchanged = { text: name, repaired: false };
  if (!/\d/.test(name) || !hasLegalFormAtEnd(name) || !capitalName(name)) return unchanged;
  let repaired = false;
  const text = name
    .split(/(\s+)/)
    .map((w) => {
      if (/^\s*$/.test(w) || /[(（][^)）]*\d/u.test(w)) return w;
      const r = repairWord(w);
      if (r === undefined || r === w) return w;
      repaired = true;
      return r;
    })
    .join("");
  return repaired && hasLegalFormAtEnd(text) ? { text, repaired } : unchanged;
}
