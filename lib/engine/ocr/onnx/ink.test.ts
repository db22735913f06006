import { describe, expect, it } from "vitest";
import type { Quad } from "../../types";
import { inkRows, inkSpan, lineInk } from "./ink";
import { pageFromLines } from "./page";
import { strip } from "../__fixtures__/strip";

describe("a line's ink", () => {
  it("finds the rows of a word's ink, leaving out a neighbour line's descender at the strip's top", () => {
    const ink = lineInk(
      strip(100, [
        [10, 40, 0, 3],
        [10, 40, 14, 34],
        [60, 90, 18, 30],
      ]),
      100,
    )!;
    expect(inkRows(ink, 0, 0.5)).toEqual({ v0: 14 / 48, v1: 34 / 48 });
    expect(inkRows(ink, 0.55, 1)).toEqual({ v0: 18 / 48, v1: 30 / 48 });
    expect(inkRows(ink, 0.42, 0.58)).toBeNull();
  });

  it("keeps an i's dot with its stem (a gap of two rows)", () => {
    const ink = lineInk(
      strip(40, [
        [10, 14, 12, 15],
        [10, 14, 17, 34],
      ]),
      40,
    )!;
    expect(inkRows(ink, 0, 1)).toEqual({ v0: 12 / 48, v1: 34 / 48 });
  });

  it("tightens a span to its inked columns, and leaves a strip without contrast alone", () => {
    const ink = lineInk(strip(100, [[20, 30, 10, 30]]), 100);
    expect(inkSpan(ink, 0.1, 0.5)).toEqual({ u0: 0.2, u1: 0.3, v0: 10 / 48, v1: 30 / 48 });
    expect(lineInk(strip(100, []), 100)).toBeNull();
    expect(inkSpan(null, 0.1, 0.5)).toEqual({ u0: 0.1, u1: 0.5, v0: 0, v1: 1 });
  });

  it("gives words and symbols their ink's boxes instead of the detected line's height", () => {
    // A 200×48-px line at the page's top-left (page 1000×1000 px: grid = px); one word "AB" in columns 20–80, rows 12–36.
    const quad: Quad = [
      { x: 0, y: 0 },
      { x: 200, y: 0 },
      { x: 200, y: 48 },
      { x: 0, y: 48 },
    ];
    const chars = [
      { text: "A", conf: 0.99, u0: 0.05, u1: 0.25, peak: 0.15 },
      { text: "B", conf: 0.99, u0: 0.25, u1: 0.45, peak: 0.3 },
    ];
    const meta = { index: 0, width: 1000, height: 1000, language: "ppocr" };
    const ink = lineInk(
      strip(200, [
        [20, 45, 12, 36],
        [55, 80, 12, 36],
      ]),
      200,
    );
    const loose = pageFromLines([{ quad, height: 48, chars }], meta).words[0]!;
    const tight = pageFromLines([{ quad, height: 48, chars, ink }], meta).words[0]!;
    expect(loose.box.y0).toBeCloseTo(0);
    expect(loose.box.y1).toBeCloseTo(48);
    expect(tight.text).toBe("AB");
    expect([tight.box.x0, tight.box.x1, tight.box.y0, tight.box.y1].map(Math.round)).toEqual([20, 80, 12, 36]);
    expect(tight.symbols.map((s) => [Math.round(s.box.x0), Math.round(s.box.x1), Math.round(s.box.y0), Math.round(s.box.y1)])).toEqual([
      [20, 45, 12, 36],
      [55, 80, 12, 36],
    ]);
  });
});
