/**
 * `npm run bench -- <dir> --unseen-language`: every page read as if printed in a language the
 * lexicon lacks. Each letter of the OCR text goes through a fixed substitution (vowels to
 * vowels, consonants to consonants, case and diacritics dropped to the base letter), so
 * no label, month name or legal form of any lexicon language survives, while digits,
 * punctuation, currency signs, ISO currency codes, boxes and confidences stay as printed.
 * What the engine still extracts then comes from structure alone (the ablation of #11's
 * "a receipt in a language outside the lexicon"). Score totals and dates; names are scrambled too.
 */
import type { OcrAdapter } from "../../lib/engine";
import type { OcrPage } from "../../lib/engine/types";

const VOWELS = "aeiou";
const CONSONANTS = "bcdfghjklmnpqrstvwxyz";
const KEEP = /^(EUR|USD|GBP|CHF|JPY|MYR|SGD|RM|SEK|NOK|DKK|PLN|CZK|HUF|RON|BGN|ISK|TRY|KRW|CNY|IDR)$/;

function mapLetter(ch: string): string {
  const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
  const lower = base.toLowerCase();
  const upper = base !== lower;
  let out: string | undefined;
  const v = VOWELS.indexOf(lower);
  const c = CONSONANTS.indexOf(lower);
  if (v >= 0) out = VOWELS[(v + 2) % VOWELS.length];
  else if (c >= 0) out = CONSONANTS[(c + 7) % CONSONANTS.length];
  if (!out) return /\p{L}/u.test(ch) ? (upper ? "X" : "x") : ch;
  return upper ? out.toUpperCase() : out;
}

/** A word's text with every letter substituted (currency codes kept). */
export function scrambleText(text: string): string {
  if (KEEP.test(text.replace(/[^\p{L}]/gu, "")) && /^[\p{L}\p{P}\p{S}]+$/u.test(text)) return text;
  return [...text].map(mapLetter).join("");
}

/** The page with every word and symbol substituted (boxes and confidences unchanged). */
export function scramblePage(page: OcrPage): OcrPage {
  return {
    ...page,
    words: page.words.map((w) => ({ ...w, text: scrambleText(w.text), symbols: w.symbols.map((s) => ({ ...s, text: scrambleText(s.text) })) })),
  };
}

/** An OCR adapter whose pages come back scrambled. */
export function unseenLanguage<T extends OcrAdapter>(inner: T): T {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "recognize") return async (...a: Parameters<OcrAdapter["recognize"]>) => scramblePage(await target.recognize(...a));
      // The second reader's crop readings are compared with the (scrambled) page words: scrambled alike.
      if (prop === "crossRead" && target.crossRead)
        return async (...a: Parameters<NonNullable<OcrAdapter["crossRead"]>>) =>
          (await target.crossRead!(...a)).map((r) =>
            r
              ? { ...r, text: r.text.split("\n").map(scrambleText).join("\n"), chars: r.chars.map((l) => l.map((c) => ({ ...c, text: scrambleText(c.text) }))) }
              : r,
          );
      return Reflect.get(target, prop, receiver);
    },
  });
}
