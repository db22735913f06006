import { ocrPage } from "../../__fixtures__/ocr-page";
import type { OcrPage, OcrSymbol, OcrWord, Point } from "../../types";

/** One printed line for a hand-made page: text starting at (x, y) on the 0–1000 grid. */
export interface LineSpec {
  text: string;
  x: number;
  y: number;
  /** glyph height and advance on the grid. */
  h?: number;
  cw?: number;
  /** baseline angle in degrees (clockwise on screen). */
  angle?: number;
}

/**
 * A hand-made OcrPage: every character becomes a symbol with its own box, words split on
 * spaces, tilted lines rotate each glyph about the line's start (in pixel space).
 */
export function makePage(lines: LineSpec[], size = { width: 1000, height: 1000 }, index = 0): OcrPage {
  const words: OcrWord[] = [];
  const outLines: OcrPage["lines"] = [];
  const sx = size.width / 1000;
  const sy = size.height / 1000;
  lines.forEach((l, li) => {
    const h = l.h ?? 10;
    const cw = l.cw ?? 6;
    const a = ((l.angle ?? 0) * Math.PI) / 180;
    const rot = (u: number, v: number): Point => {
      // u, v in pixels relative to the line start; return grid coordinates.
      const px = l.x * sx + u * Math.cos(a) - v * Math.sin(a);
      const py = l.y * sy + u * Math.sin(a) + v * Math.cos(a);
      return { x: px / sx, y: py / sy };
    };
    const hull = (pts: Point[]) => ({
      x0: Math.min(...pts.map((p) => p.x)),
      y0: Math.min(...pts.map((p) => p.y)),
      x1: Math.max(...pts.map((p) => p.x)),
      y1: Math.max(...pts.map((p) => p.y)),
    });
    const lineId = `l${li}`;
    const ids: string[] = [];
    let col = 0;
    for (const part of l.text.split(/( +)/)) {
      if (part.trim() === "") {
        col += part.length;
        continue;
      }
      const syms: OcrSymbol[] = [...part].map((c, i) => {
        const u0 = (col + i) * cw * sx;
        const u1 = (col + i + 1) * cw * sx;
        const pts = [rot(u0, 0), rot(u1, 0), rot(u1, h * sy), rot(u0, h * sy)];
        return { text: c, box: hull(pts), conf: 0.95 };
      });
      const u0 = col * cw * sx;
      const u1 = (col + [...part].length) * cw * sx;
      const quad: [Point, Point, Point, Point] = [rot(u0, 0), rot(u1, 0), rot(u1, h * sy), rot(u0, h * sy)];
      const id = `w${words.length}`;
      ids.push(id);
      words.push({ id, text: part, box: hull(quad), quad, conf: 0.95, symbols: syms, lineId });
      col += [...part].length;
    }
    const lw = words.filter((w) => w.lineId === lineId);
    outLines.push({
      id: lineId,
      wordIds: ids,
      box: {
        x0: Math.min(...lw.map((w) => w.box.x0)),
        y0: Math.min(...lw.map((w) => w.box.y0)),
        x1: Math.max(...lw.map((w) => w.box.x1)),
        y1: Math.max(...lw.map((w) => w.box.y1)),
      },
      angle: l.angle ?? 0,
    });
  });
  return ocrPage({ index, width: size.width, height: size.height, source: "other", words, lines: outLines });
}
