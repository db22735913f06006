import { describe, expect, it } from "vitest";
import { SHIPPED_RANK_MODEL } from "../rules";
import { fitRanker, pickBest, rankProbabilities, type RankGroup } from "./model";
import { TOTAL_FEATURES } from "./total";

describe("learned ranking", () => {
  it("loads the shipped weights: one weight, mean and std per feature of the total ranking", () => {
    const total = SHIPPED_RANK_MODEL.fields.total;
    expect(total?.features).toEqual(TOTAL_FEATURES);
    expect(total?.weights).toHaveLength(TOTAL_FEATURES.length);
    expect(total?.mean).toHaveLength(TOTAL_FEATURES.length);
    expect(total?.std.every((s) => s > 0)).toBe(true);
    // A printed total label is evidence for the total, a change label against it.
    const w = (f: string) => total?.weights[TOTAL_FEATURES.indexOf(f)] ?? 0;
    expect(w("lab_total")).toBeGreaterThan(0);
    expect(w("lab_change")).toBeLessThan(0);
  });

  it("scores candidates as a softmax and reports the winner's margin over the runner-up", () => {
    const r = { features: ["a", "b"], weights: [2, -1], mean: [0, 0], std: [1, 1] };
    const p = rankProbabilities(r, [
      { a: 1, b: 0 },
      { a: 0, b: 0 },
      { a: 0, b: 1 },
    ]);
    expect(p.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
    expect(p[0]).toBeGreaterThan(p[1] ?? 1);
    expect(p[1]).toBeGreaterThan(p[2] ?? 1);
    const best = pickBest(r, [
      { a: 1, b: 0 },
      { a: 0, b: 0 },
    ]);
    expect(best?.index).toBe(0);
    expect(best?.margin).toBeCloseTo((p[0] ?? 0) / ((p[0] ?? 0) + (p[1] ?? 0)) - (p[1] ?? 0) / ((p[0] ?? 0) + (p[1] ?? 0)), 6);
    expect(pickBest(r, [])).toBeUndefined();
  });

  it("fits weights that pick the right candidate from groups of examples", () => {
    // The right one is the candidate with the high 'signal'; 'noise' is unrelated.
    const groups: RankGroup[] = [];
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let d = 0; d < 40; d++) {
      const n = 3 + (d % 4);
      const right = d % n;
      groups.push({
        doc: `d${d}`,
        candidates: Array.from({ length: n }, (_, i) => ({ signal: (i === right ? 1 : 0) + 0.3 * rnd(), noise: rnd() })),
        correct: Array.from({ length: n }, (_, i) => i === right),
      });
    }
    const r = fitRanker(groups, ["signal", "noise"], { l2: 0.01 });
    expect(r.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(r.weights[1] ?? 0)).toBeLessThan(r.weights[0] ?? 0);
    const right = groups.filter((g) => g.correct[pickBest(r, g.candidates)?.index ?? -1]).length;
    expect(right).toBe(groups.length);
  });
});
