import { ocrPage } from "../__fixtures__/ocr-page";
import type { OcrPage, OcrWord } from "../types";

/** Build a synthetic OcrPage from rows of [text, x] runs (tests only): each run's words get ~8 grid units per char. */
export function makePage(rows: { y: number; runs: [string, number][]; h?: number }[], index = 0): OcrPage {
  const words: OcrWord[] = [];
  const lines: OcrPage["lines"] = [];
  for (const row of rows) {
    for (const [text, x0] of row.runs) {
      const ids: string[] = [];
      let x = x0;
      for (const t of text.split(" ")) {
        const h = row.h ?? 12;
        const box = { x0: x, y0: row.y, x1: x + 8 * t.length, y1: row.y + h };
        const id = `w${words.length}`;
        words.push({
          id,
          text: t,
          box,
          quad: [
            { x: box.x0, y: box.y0 },
            { x: box.x1, y: box.y0 },
            { x: box.x1, y: box.y1 },
            { x: box.x0, y: box.y1 },
          ],
          conf: 1,
          symbols: [],
          lineId: `l${lines.length}`,
        });
        ids.push(id);
        x = box.x1 + 4;
      }
      lines.push({ id: `l${lines.length}`, wordIds: ids, box: { x0, y0: row.y, x1: x, y1: row.y + 12 }, angle: 0 });
    }
  }
  return ocrPage({ index, source: "textlayer", words, lines });
}
