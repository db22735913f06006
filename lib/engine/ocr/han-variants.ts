/**
 * Han characters of a Japanese page in the forms Japanese prints. The ONNX reader's dictionary is Chinese: where it
 * reads a kanji it may answer the simplified form ("费" for 費, "额" for 額, "单" for 単), which no Japanese document
 * prints, and fused with tesseract's reading the two then disagree on a character they both read right. Only
 * characters outside JIS X 0208 are rewritten (lexicon/han-variants.json): a character Japanese prints is never
 * touched, so a right reading cannot be made wrong. Pure: OcrPage in, OcrPage out.
 */
import type { OcrPage, OcrWord } from "../types";
import variants from "./lexicon/han-variants.json";

/** character Japanese does not print → the form it prints (one character each). */
const JAPANESE_FORM: ReadonlyMap<string, string> = new Map(
  variants.pairs.flatMap((line) => {
    const cs = [...line];
    return cs.flatMap((c, i) => (i % 2 === 0 && cs[i + 1] ? [[c, cs[i + 1]!] as const] : []));
  }),
);

/** `text` with its characters in the forms Japanese prints. */
export function japaneseForms(text: string): string {
  let out = "";
  for (const c of text) out += JAPANESE_FORM.get(c) ?? c;
  return out;
}

function wordForms(w: OcrWord): OcrWord {
  const text = japaneseForms(w.text);
  if (text === w.text) return w;
  // One character for one: symbols keep their boxes and confidences.
  return { ...w, text, symbols: w.symbols.map((s) => ({ ...s, text: japaneseForms(s.text) })) };
}

/** The page with its words' Han characters in Japanese forms (see the header); the same page when none changes. */
export function japanesePage(page: OcrPage): OcrPage {
  let changed = false;
  const words = page.words.map((w) => {
    const r = wordForms(w);
    if (r !== w) changed = true;
    return r;
  });
  return changed ? { ...page, words } : page;
}
