/**
 * Two readings of one printed name combined letter by letter (pure). The first reading is
 * tesseract's words with their symbol confidences, the second the PP-OCR line recogniser's
 * characters with theirs. They are aligned (edit distance, case aside); where they disagree
 * inside a word, a variant of the word that the company-name vocabulary knows wins
 * ("ENTERPRTSE" / "ENTERPRISE"), else a letter of the second reader replaces the first's only
 * when the second is sure of it and the first is not (margins fitted on data, see
 * docs/accuracy.md). Spaces are the first reader's: PP-OCR drops narrow ones.
 */

/** One character of a reading with its 0–1 confidence. */
export interface Ch {
  text: string;
  conf: number;
}

/** A first-reader word: its text and one confidence per character. */
export interface FirstWord {
  text: string;
  confs: number[];
}

/** When a letter of the second reading replaces the first's. */
export interface FuseParams {
  /** the second reader's confidence must be at least this. */
  minSecond: number;
  /** and exceed the first's by this much (negative: the second may be less sure than the first). */
  margin: number;
  /** a character only the first reader read is dropped when its confidence is below this. */
  dropBelow: number;
  /** a word whose second reading holds a character less sure than this is left as the first read it (a garbled crop:
   * stripes, a stamp, a fold make the recogniser invent letters with high confidence beside unsure ones). */
  wordFloor: number;
}

/** Fitted on SROIE + SROIE-extra vendor lines (see docs/accuracy.md). minSecond: every value from 0.5 to 0.8 gives the
 * same out-of-fold count on the 194 lines of the session-11 caches (0.9 loses 4); the plateau's highest is taken. */
export const DEFAULT_FUSE: FuseParams = { minSecond: 0.8, margin: -0.2, dropBelow: 0.9, wordFloor: 0.5 };

const LATIN = /^[\x21-\x7e]$/u;
const fold = (s: string) => s.normalize("NFKC").toUpperCase();
/** The key a vocabulary word is looked up by: letters and digits, upper case. */
export const vocabKey = (s: string) => fold(s).replace(/[^\p{L}\p{N}]/gu, "");

interface Cell {
  /** index into the first reading's characters, or -1 (a character only the second read). */
  a: number;
  /** index into the second reading's characters, or -1. */
  b: number;
}

/** Edit-distance alignment of two character lists; a case-only difference is a match. */
export function align(a: string[], b: string[]): Cell[] {
  const n = a.length;
  const m = b.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const same = (i: number, j: number) => fold(a[i]!) === fold(b[j]!);
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) d[i]![j] = Math.min(d[i - 1]![j - 1]! + (same(i - 1, j - 1) ? 0 : 1), d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
  const out: Cell[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + (same(i - 1, j - 1) ? 0 : 1)) {
      out.push({ a: --i, b: --j });
    } else if (i > 0 && d[i]![j] === d[i - 1]![j]! + 1) out.push({ a: --i, b: -1 });
    else out.push({ a: -1, b: --j });
  }
  return out.reverse();
}

/** The result of combining the readings of one line. */
export interface Fused {
  /** the words' new texts (same count and order as the first reading's words; "" = joined to the word before). */
  words: string[];
  /** words changed against the first reading. */
  changed: number;
  /** the readings' letter-level disagreements before combining (case and spaces aside). */
  disagreements: number;
  /** words given a capital of the second reading where the first read a digit, by the name rule (`name`). */
  restored: number;
}

/**
 * Combine the two readings of one line. `vocab` holds company-name words by vocabKey
 * (legal forms, trade words). Returns the first reading unchanged when the second is too far
 * from it to be the same ink (more than `maxShare` of its letters disagree).
 */
export function fuseLine(
  first: FirstWord[],
  second: Ch[],
  vocab: ReadonlySet<string>,
  params: FuseParams = DEFAULT_FUSE,
  maxShare = 0.4,
  /** the line is part of a name set in capitals and closed by a legal form (cross-read/vendor.ts nameShaped). */
  name = false,
): Fused {
  const aCh = first.flatMap((w, wi) => [...w.text].map((ch, k) => ({ ch, conf: w.confs[k] ?? w.confs[0] ?? 0, w: wi, k })));
  const bCh = second.filter((c) => c.text.trim() !== "");
  // Whether the second reader put a space before each of its characters (it keeps the wide ones).
  const spaced = second.flatMap((c, i) => (c.text.trim() === "" ? [] : [i > 0 && second[i - 1]!.text.trim() === ""]));
  const cells = align(
    aCh.map((c) => c.ch),
    bCh.map((c) => c.text),
  );
  const differ = cells.filter((c) => c.a < 0 || c.b < 0 || fold(aCh[c.a]!.ch) !== fold(bCh[c.b]!.text));
  const unchanged = { words: first.map((w) => w.text), changed: 0, disagreements: differ.length, restored: 0 };
  if (differ.length > maxShare * Math.max(aCh.length, bCh.length) || bCh.length === 0) return unchanged;
  // Each cell belongs to a first-reader word: its own, or for a second-only character the word of the character before it
  // (the word after it at the start of the line).
  const owner: number[] = [];
  let last = cells.find((c) => c.a >= 0)?.a ?? 0;
  for (const c of cells) {
    if (c.a >= 0) last = c.a;
    owner.push(aCh[last]?.w ?? 0);
  }
  let restored = 0;
  const words = first.map((w, wi) => {
    const mine = cells.map((c, i) => ({ c, i })).filter(({ i }) => owner[i] === wi);
    const pick = (takeSecond: (c: Cell) => boolean) =>
      mine
        .map(({ c }) => {
          const a = c.a >= 0 ? aCh[c.a]! : undefined;
          const b = c.b >= 0 ? bCh[c.b]! : undefined;
          if (a && b && fold(a.ch) === fold(b.text)) return a.ch;
          return takeSecond(c) ? (b?.text ?? "") : (a?.ch ?? "");
        })
        .join("");
    const own = w.text;
    const theirs = pick(() => true);
    if (vocabKey(own) === vocabKey(theirs)) return own;
    if (mine.some(({ c }) => c.b >= 0 && bCh[c.b]!.conf < params.wordFloor)) return own;
    // The vocabulary decides between the two whole-word readings.
    // (two-letter forms — "SF", "AS", "CO" — are too easily met by chance to decide anything)
    const known = (t: string) => vocabKey(t).length >= 3 && vocab.has(vocabKey(t));
    const ownKnown = known(own);
    const theirsKnown = known(theirs);
    if (ownKnown) return own;
    if (theirsKnown) return caseLike(theirs, own);
    // Else letter by letter: the second reader's letter where it is sure enough against the first's.
    const letters = own.match(/\p{L}/gu)?.length ?? 0;
    const digits = own.match(/\p{N}/gu)?.length ?? 0;
    let restoredHere = false;
    const mixed = pick((c) => {
      const a = c.a >= 0 ? aCh[c.a] : undefined;
      const b = c.b >= 0 ? bCh[c.b] : undefined;
      // Only Latin letters, digits and signs are repaired: the recogniser lacks most diacritics ("Büro" → "Buro") and
      // is no better than tesseract's language models at CJK ("桜" → "楼").
      if (!LATIN.test(a?.ch ?? "a") || !LATIN.test(b?.text ?? "a")) return false;
      // A character only the first read is dropped when the first was unsure of it.
      if (!b) return (a?.conf ?? 1) < params.dropBelow;
      // A letter against a digit ("D.1.Y.", "1DEA", "N0"): the word's own kind decides (a name's words are letters).
      if (a && /\p{L}/u.test(a.ch) !== /\p{L}/u.test(b.text) && /[\p{L}\p{N}]/u.test(a.ch) && /[\p{L}\p{N}]/u.test(b.text)) {
        // Inside a capital name closed by its legal form, a sure capital of the second reader where the first read a
        // digit is the letter, also in a word the first read all in digits ("0.1.7." / "D.I.Y."), unless the second
        // reads a digit in that word too (a number of the name: "99").
        if (name && /\p{N}/u.test(a.ch) && /\p{Lu}/u.test(b.text) && !/\p{N}/u.test(theirs) && b.conf >= params.minSecond) {
          restoredHere = true;
          return true;
        }
        return /\p{L}/u.test(b.text) === letters - (/\p{L}/u.test(a.ch) ? 1 : 0) >= digits - (/\p{N}/u.test(a.ch) ? 1 : 0);
      }
      return b.conf >= params.minSecond && b.conf - (a?.conf ?? 0) >= params.margin;
    });
    if (restoredHere && mixed !== own) restored++;
    return caseLike(mixed, own);
  });
  // A word the first reader split in two ("HOL DINGS"): joined when together they spell a vocabulary word that
  // neither part is, and the second reader saw no space between them.
  const firstB = (wi: number) => cells.find((c) => c.a >= 0 && aCh[c.a]!.w === wi && aCh[c.a]!.k === 0)?.b ?? -1;
  for (let i = words.length - 2; i >= 0; i--) {
    const [l, r] = [words[i]!, words[i + 1]!];
    const b = firstB(i + 1);
    if (!/^\p{L}+$/u.test(l) || !/^\p{L}+$/u.test(r) || b < 0 || spaced[b]) continue;
    if (vocab.has(vocabKey(l + r)) && !vocab.has(vocabKey(l)) && !vocab.has(vocabKey(r))) {
      words[i] = l + r;
      words[i + 1] = "";
    }
  }
  const changed = words.reduce((s, t, i) => s + (t === first[i]!.text ? 0 : 1), 0);
  return { words, changed, disagreements: differ.length, restored };
}

/** The combined word in upper case when the first reading's word is (a name set in capitals); else as read. */
function caseLike(text: string, like: string): string {
  const letters = like.replace(/[^\p{L}]/gu, "");
  return letters.length > 1 && letters === letters.toUpperCase() ? text.toUpperCase() : text;
}
