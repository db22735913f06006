/**
 * Merge OCR results of separately recognized blocks into one page: lines that share a
 * baseline band across blocks (a label and its right-aligned amount) become one visual
 * line again, rows run top to bottom, and word ids follow that reading order.
 */
import type { OcrLine, OcrPage, OcrWord } from "../types";
import { unionBox } from "./geometry";

interface Piece {
  line: OcrLine;
  words: OcrWord[];
  block: number;
}

/** One page from per-block pages of the same image (same width/height/index). */
export function mergeBlockPages(pages: OcrPage[], base: Omit<OcrPage, "words" | "lines">): OcrPage {
  const pieces: Piece[] = [];
  pages.forEach((p, block) => {
    const byId = new Map(p.words.map((w) => [w.id, w]));
    for (const line of p.lines) {
      const words = line.wordIds.map((id) => byId.get(id)).filter((w): w is OcrWord => w !== undefined);
      if (words.length > 0) pieces.push({ line, words, block });
    }
  });
  pieces.sort((a, b) => a.line.box.y0 - b.line.box.y0 || a.line.box.x0 - b.line.box.x0);

  const rows: Piece[][] = [];
  for (const piece of pieces) {
    const b = piece.line.box;
    const h = b.y1 - b.y0;
    const row = rows.find((r) => {
      const rb = unionBox(r.map((x) => x.line.box));
      const overlap = Math.min(rb.y1, b.y1) - Math.max(rb.y0, b.y0);
      const minH = Math.min(h, ...r.map((x) => x.line.box.y1 - x.line.box.y0));
      const clash = r.some((x) => x.line.box.x0 < b.x1 && b.x0 < x.line.box.x1);
      return !clash && overlap >= 0.5 * minH;
    });
    if (row) row.push(piece);
    else rows.push([piece]);
  }
  rows.sort((a, b) => Math.min(...a.map((x) => x.line.box.y0)) - Math.min(...b.map((x) => x.line.box.y0)));

  const words: OcrWord[] = [];
  const lines: OcrLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.line.box.x0 - b.line.box.x0);
    const lineId = `l${lines.length}`;
    const wordIds: string[] = [];
    for (const piece of row) {
      for (const w of piece.words) {
        const id = `w${words.length}`;
        words.push({ ...w, id, lineId, blockId: `b${piece.block}` });
        wordIds.push(id);
      }
    }
    const angles = row.map((x) => x.line.angle);
    lines.push({
      id: lineId,
      wordIds,
      box: unionBox(row.map((x) => x.line.box)),
      angle: angles.reduce((s, a) => s + a, 0) / angles.length,
      blockId: `b${row[0]?.block ?? 0}`,
    });
  }
  return { ...base, words, lines };
}
