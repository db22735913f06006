import { boxToQuad } from "../geometry";
import { ocrPage } from "../../__fixtures__/ocr-page";
import type { OcrPage, OcrWord } from "../../types";

/** One line of words, 10 grid units a character, one symbol each. */
export function page(text: string, conf: number, language: string): OcrPage {
  const words: OcrWord[] = [];
  let x = 100;
  for (const part of text.split(" ")) {
    const chars = [...part];
    const box = { x0: x, y0: 500, x1: x + 10 * chars.length, y1: 520 };
    const symbols = chars.map((c, i) => ({ text: c, box: { x0: x + 10 * i, y0: 500, x1: x + 10 * (i + 1), y1: 520 }, conf }));
    words.push({ id: `w${words.length}`, text: part, box, quad: boxToQuad(box), conf, symbols, lineId: "l0" });
    x += 10 * chars.length + 15;
  }
  const line = { id: "l0", wordIds: words.map((w) => w.id), box: { x0: 100, y0: 500, x1: x, y1: 520 }, angle: 0 };
  return ocrPage({ language, source: "other", words, lines: [line] });
}
