import type { Box, OcrPage, OcrWord } from "../types";

/** The page's words line by line, each line in reading order. */
export function linesOf(page: OcrPage): OcrWord[][] {
  const byId = new Map(page.words.map((w) => [w.id, w]));
  return page.lines.map((l) => l.wordIds.flatMap((id) => byId.get(id) ?? []).sort((a, b) => a.box.x0 - b.box.x0)).filter((l) => l.length > 0);
}

/** The page's words whose centre lies inside the box. */
export function wordsInside(page: OcrPage, box: Box): OcrWord[] {
  return page.words.filter((w) => {
    const x = (w.box.x0 + w.box.x1) / 2;
    const y = cy(w.box);
    return x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
  });
}

export const height = (b: Box) => Math.max(1, b.y1 - b.y0);
/**
 * A box's height in the grid's horizontal units (the 0–1000 grid stretches x and y apart by the page's aspect
 * ratio): the unit horizontal offsets from a label are measured in, the same on a long receipt and a short one.
 */
export const widthUnits = (page: { width: number; height: number }, b: Box) => (height(b) * page.height) / Math.max(1, page.width);
/** A coordinate on the 0–1000 grid (types.ts Box) as a share of the page (FieldMemory.position). */
export const share = (v: number) => v / 1000;
export const cy = (b: Box) => (b.y0 + b.y1) / 2;

export function spanBox(ws: readonly OcrWord[]): Box {
  return {
    x0: Math.min(...ws.map((w) => w.box.x0)),
    y0: Math.min(...ws.map((w) => w.box.y0)),
    x1: Math.max(...ws.map((w) => w.box.x1)),
    y1: Math.max(...ws.map((w) => w.box.y1)),
  };
}

/** A run of consecutive words on one line, with its text as printed. */
export interface Span {
  page: number;
  words: OcrWord[];
  box: Box;
  text: string;
}

/** Every run of 1..maxWords consecutive words on every line of the page. */
export function spansOf(page: OcrPage, maxWords: number): Span[] {
  const out: Span[] = [];
  for (const line of linesOf(page)) {
    for (let i = 0; i < line.length; i++) {
      for (let k = 1; k <= maxWords && i + k <= line.length; k++) {
        const words = line.slice(i, i + k);
        out.push({ page: page.index, words, box: spanBox(words), text: words.map((w) => w.text).join(" ") });
      }
    }
  }
  return out;
}
