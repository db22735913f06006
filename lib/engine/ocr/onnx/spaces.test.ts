import { describe, expect, it } from "vitest";
import { decodeCtc } from "./rec";
import { SPACE_PROB, spaceBetween } from "./spaces";

// Classes: 0 blank, 1 "A", 2 "B", 3 " " (the dictionary's last class, as PaddleOCR appends it).
const dict = ["A", "B", " "];
/** A [steps, 4] matrix from rows of [blank, A, B, space] probabilities. */
const matrix = (rows: number[][]) => new Float32Array(rows.flat());
const text = (rows: number[][], spaceProb?: number) =>
  decodeCtc(matrix(rows), rows.length, 4, dict, spaceProb === undefined ? {} : { spaceProb })
    .map((c) => c.text)
    .join("");

describe("word breaks from the CTC output", () => {
  const gap = (space: number) => [
    [0.05, 0.9, 0.03, 0.02],
    [0.94, 0.02, 0.02, 0.02],
    [0.95 - space, 0.03, 0.02, space],
    [0.9, 0.03, 0.05, 0.02],
    [0.05, 0.03, 0.9, 0.02],
  ];

  it("puts a space between two letters where the space class reaches the threshold in a blank step between them", () => {
    expect(text(gap(0.08), SPACE_PROB)).toBe("A B");
    expect(text(gap(0.03), SPACE_PROB)).toBe("AB");
    // Off unless asked for: the cross-reader's line readings keep tesseract's spaces.
    expect(text(gap(0.08))).toBe("AB");
  });

  it("puts no break between letters with no blank step between them, nor doubles a space the greedy path read", () => {
    const touching = [
      [0.05, 0.9, 0.03, 0.02],
      [0.05, 0.02, 0.8, 0.13],
    ];
    expect(text(touching, SPACE_PROB)).toBe("AB");
    const read = [
      [0.05, 0.9, 0.03, 0.02],
      [0.1, 0.02, 0.02, 0.86],
      [0.9, 0.02, 0.02, 0.06],
      [0.05, 0.03, 0.9, 0.02],
    ];
    expect(text(read, SPACE_PROB)).toBe("A B");
  });

  it("takes the highest space probability of the steps strictly between two runs", () => {
    const m = { probs: matrix(gap(0.2)), steps: 5, classes: 4, spaceCls: 3 };
    expect(spaceBetween(m, 0, 4)).toBeCloseTo(0.2);
    expect(spaceBetween(m, 0, 2)).toBeCloseTo(0.02);
    expect(spaceBetween(m, 0, 1)).toBe(0);
  });

  it("places the space in the gap between its two letters", () => {
    const chars = decodeCtc(matrix(gap(0.5)), 5, 4, dict, { spaceProb: SPACE_PROB });
    const [a, s, b] = chars;
    expect(s!.text).toBe(" ");
    expect(s!.u0).toBeGreaterThanOrEqual(a!.u1 - 1e-9);
    expect(s!.u1).toBeLessThanOrEqual(b!.u0 + 1e-9);
  });
});
