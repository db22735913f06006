import { ocrPage } from "../__fixtures__/ocr-page";
import type { OcrPage, OcrWord } from "../types";

/** One printed line of a made-up receipt: its top in pixels and its words as [text, left px, right px]. */
export type ReceiptLine = [top: number, words: Array<[text: string, x0: number, x1: number]>];

/**
 * A receipt page built from pixel positions (a till printer's fixed font: 20 px lines), on the engine's 0–1000
 * grid. Two receipts of one printer print the same line at the same pixel x, whatever their lengths: on the grid
 * a longer receipt's lines are flatter, which is what memory's offsets must see through.
 */
export function receipt(lines: ReceiptLine[], size: { width: number; height: number }): OcrPage[] {
  const words: OcrWord[] = [];
  const out: OcrPage["lines"] = [];
  const gx = (x: number) => (x / size.width) * 1000;
  const gy = (y: number) => (y / size.height) * 1000;
  lines.forEach(([top, ws], li) => {
    const ids: string[] = [];
    for (const [text, x0, x1] of ws) {
      const id = `w${words.length}`;
      const box = { x0: gx(x0), y0: gy(top), x1: gx(x1), y1: gy(top + 20) };
      const quad = [
        { x: box.x0, y: box.y0 },
        { x: box.x1, y: box.y0 },
        { x: box.x1, y: box.y1 },
        { x: box.x0, y: box.y1 },
      ] as OcrWord["quad"];
      words.push({ id, text, box, quad, conf: 0.95, symbols: [], lineId: `l${li}` });
      ids.push(id);
    }
    const mine = words.filter((w) => ids.includes(w.id));
    const box = {
      x0: Math.min(...mine.map((w) => w.box.x0)),
      y0: Math.min(...mine.map((w) => w.box.y0)),
      x1: Math.max(...mine.map((w) => w.box.x1)),
      y1: Math.max(...mine.map((w) => w.box.y1)),
    };
    out.push({ id: `l${li}`, wordIds: ids, box, angle: 0 });
  });
  return [ocrPage({ width: size.width, height: size.height, words, lines: out })];
}
