/**
 * Tesseract's block tree → OcrPage, with every box mapped back from the frame Tesseract
 * saw (upscaled, turned upright, deskewed) to the original image's 0–1000 grid.
 */
import type { Box, OcrLine, OcrPage, OcrSymbol, OcrWord, Point, Quad } from "../types";
import { hullBox } from "./geometry";

/** The minimal shape of tesseract.js block output this module reads. */
export interface TessBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface TessSymbol {
  text: string;
  confidence: number;
  bbox: TessBox;
}
export interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBox;
  symbols: TessSymbol[];
}
export interface TessLine {
  words: TessWord[];
  bbox: TessBox;
  baseline: TessBox;
}
export interface TessBlock {
  paragraphs: { lines: TessLine[] }[];
}

/** How the image Tesseract saw relates to the original image. */
export interface Frame {
  /** original image size in pixels. */
  width: number;
  height: number;
  /** clockwise quarter turn applied to the original to make it upright. */
  rotation: 0 | 90 | 180 | 270;
  /** Tesseract's deskew angle (rotateRadians); only reported, `map` already undoes it. */
  rad: number;
  /** maps a point Tesseract reported to original-image pixels. */
  map: (p: Point) => Point;
}

/** Convert Tesseract blocks to an OcrPage on the original image's grid. */
export function pageFromTesseract(blocks: TessBlock[], frame: Frame, meta: { index: number; language: string }): OcrPage {
  const map = frame.map;
  const sx = 1000 / frame.width;
  const sy = 1000 / frame.height;
  const toGrid = (p: Point): Point => {
    const o = map(p);
    return { x: o.x * sx, y: o.y * sy };
  };
  const quadOf = (b: TessBox): Quad => [toGrid({ x: b.x0, y: b.y0 }), toGrid({ x: b.x1, y: b.y0 }), toGrid({ x: b.x1, y: b.y1 }), toGrid({ x: b.x0, y: b.y1 })];
  const boxOf = (b: TessBox): Box => hullBox(quadOf(b));

  const words: OcrWord[] = [];
  const lines: OcrLine[] = [];
  blocks.forEach((block, bi) => {
    const blockId = `b${bi}`;
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const lineId = `l${lines.length}`;
        const wordIds: string[] = [];
        for (const w of line.words) {
          const text = w.text.trim();
          if (text === "") continue;
          const symbols: OcrSymbol[] = w.symbols
            .filter((s) => s.text.trim() !== "")
            .map((s) => ({ text: s.text, box: boxOf(s.bbox), conf: s.confidence / 100 }));
          const id = `w${words.length}`;
          words.push({
            id,
            text,
            box: boxOf(w.bbox),
            quad: quadOf(w.bbox),
            conf: w.confidence / 100,
            symbols,
            lineId,
            blockId,
          });
          wordIds.push(id);
        }
        if (wordIds.length === 0) continue;
        const bl = line.baseline;
        const seenAngle = Math.atan2(bl.y1 - bl.y0, bl.x1 - bl.x0 || 1);
        lines.push({
          id: lineId,
          wordIds,
          box: boxOf(line.bbox),
          angle: normAngle(((seenAngle - frame.rad) * 180) / Math.PI - frame.rotation),
          blockId,
        });
      }
    }
  });
  return {
    index: meta.index,
    width: frame.width,
    height: frame.height,
    rotation: frame.rotation,
    skew: round2((-frame.rad * 180) / Math.PI),
    language: meta.language,
    source: "tesseract",
    words,
    lines,
  };
}

function normAngle(deg: number): number {
  let a = deg % 360;
  if (a > 180) a -= 360;
  if (a <= -180) a += 360;
  return round2(a);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
