import type { ApiBBox, OcrPage } from "@/lib/engine/types";

/**
 * The text under a box a reviewer drew, from the page's OCR words: every word whose
 * centre lies inside the box (or that the box mostly covers), in reading order, lines
 * joined by a space. Word boxes and the drawn box share the 0–1000 grid.
 */
export function textUnderBox(page: Pick<OcrPage, "words">, box: ApiBBox): string {
  const picked = page.words.filter((w) => {
    const cx = (w.box.x0 + w.box.x1) / 2;
    const cy = (w.box.y0 + w.box.y1) / 2;
    if (cx >= box.xmin && cx <= box.xmax && cy >= box.ymin && cy <= box.ymax) return true;
    const ix = Math.max(0, Math.min(w.box.x1, box.xmax) - Math.max(w.box.x0, box.xmin));
    const iy = Math.max(0, Math.min(w.box.y1, box.ymax) - Math.max(w.box.y0, box.ymin));
    const area = (w.box.x1 - w.box.x0) * (w.box.y1 - w.box.y0);
    return area > 0 && (ix * iy) / area >= 0.6;
  });
  // Words arrive in reading order; keep it, but group by line so a two-line pick reads naturally.
  const lines: string[][] = [];
  let lastLine: string | null = null;
  for (const w of picked) {
    if (w.lineId !== lastLine) {
      lines.push([]);
      lastLine = w.lineId;
    }
    lines.at(-1)?.push(w.text);
  }
  return lines
    .map((l) => l.join(" "))
    .join(" ")
    .trim();
}
