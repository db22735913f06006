import { describe, expect, it } from "vitest";
import type { Quad } from "../types";
import type { CtcChar } from "./onnx";
import { linesRunAcross, ORIENTATION_LINES, orientationSample, photoOrientation, type ReadLineLike, turnedQuad } from "./work";

const quad = (x: number, y: number, w: number, h: number): Quad => [
  { x, y },
  { x: x + w, y },
  { x: x + w, y: y + h },
  { x, y: y + h },
];
/** A line read as `n` characters of confidence `conf`. */
const chars = (n: number, conf: number): CtcChar[] => Array.from({ length: n }, (_, i) => ({ text: "a", conf, u0: i / n, u1: (i + 1) / n }));
const line = (x: number, y: number, w: number, h: number, n = 10, conf = 0.6): ReadLineLike => ({ quad: quad(x, y, w, h), height: h, chars: chars(n, conf) });
/** A sideways line: its text runs down the image (tl → tr along y). */
const down = (x: number, y: number, len: number, h: number): ReadLineLike => ({
  quad: [
    { x: x + h, y },
    { x: x + h, y: y + len },
    { x, y: y + len },
    { x, y },
  ],
  height: h,
  chars: chars(10, 0.6),
});

describe("a photo's orientation from its ONNX lines", () => {
  it("turns a line's quad 180°: the strip is sampled from its bottom-right corner", () => {
    const q = quad(10, 20, 100, 30);
    const t = turnedQuad(q);
    expect(t[0]).toEqual({ x: 110, y: 50 });
    expect(t[1]).toEqual({ x: 10, y: 50 });
    expect(t[3]).toEqual({ x: 110, y: 20 });
    expect(turnedQuad(t)).toEqual(q);
  });

  it("samples the longest lines (length over height), the earlier of equals first, at most ORIENTATION_LINES", () => {
    const lines = Array.from({ length: 20 }, (_, i) => line(0, i * 40, 100 + (i % 5) * 100, 20));
    const s = orientationSample(lines);
    expect(s).toHaveLength(ORIENTATION_LINES);
    // the four lines 500 px long first, in page order
    expect(s.slice(0, 4)).toEqual([lines[4], lines[9], lines[14], lines[19]]);
    // a short tall line (a logo) loses to a long thin one
    expect(orientationSample([line(0, 0, 200, 100), line(0, 200, 300, 20)], 1)[0]).toEqual(line(0, 200, 300, 20));
  });

  it("is upright when the lines read more surely as they stand, turned when they read more surely turned", () => {
    const sample = [line(0, 0, 400, 20, 12, 0.7), line(0, 40, 400, 20, 12, 0.6)];
    expect(photoOrientation(sample, [chars(8, 0.3), chars(9, 0.4)])).toBe(0);
    expect(photoOrientation(sample, [chars(12, 0.9), chars(12, 0.8)])).toBe(180);
  });

  it("leaves sideways pages and readings too short to tell to tesseract's own passes", () => {
    const side = [down(0, 0, 400, 20), down(40, 0, 400, 20), line(0, 500, 400, 20)];
    expect(linesRunAcross(side)).toBe(false);
    expect(photoOrientation(side, [chars(1, 0.1), chars(1, 0.1), chars(1, 0.1)])).toBeUndefined();
    expect(linesRunAcross([])).toBe(false);
    expect(photoOrientation([line(0, 0, 100, 20, 5)], [chars(4, 0.1)])).toBeUndefined();
  });
});
