import { describe, expect, it } from "vitest";
import { boostLogit, fitBoost, meanLogLoss } from "./boost";
import { fitModel, type RiskExample, rawLogit, scoreRisk } from "./model";

/** A deterministic draw: the i-th of a cell's values is wrong where the running sum of its rate crosses an integer. */
function cell(features: Record<string, number>, n: number, rate: number, group: string): RiskExample[] {
  const out: RiskExample[] = [];
  let acc = 0.5;
  for (let i = 0; i < n; i++) {
    acc += rate;
    out.push({ features, wrong: Math.floor(acc) !== Math.floor(acc - rate), group: `${group}${i % 40}` });
  }
  return out;
}

// Two confirmations that are each worth little alone and much together: a weight per feature cannot say that.
const interaction = [
  ...cell({ a: 0, b: 0 }, 2000, 0.05, "n"),
  ...cell({ a: 1, b: 0 }, 2000, 0.05, "a"),
  ...cell({ a: 0, b: 1 }, 2000, 0.05, "b"),
  ...cell({ a: 1, b: 1 }, 2000, 0.002, "ab"),
];

const loss = (m: ReturnType<typeof fitModel>, ex: RiskExample[]) =>
  meanLogLoss(
    ex.map((e) => rawLogit(m, e.features)),
    ex.map((e) => (e.wrong ? 1 : 0)),
  );

describe("boosted trees on the regression's residual", () => {
  it("learn an interaction the regression cannot hold", () => {
    const lr = fitModel(interaction, ["a", "b"], { l2: 0.01 });
    const boosted = fitModel(interaction, ["a", "b"], { l2: 0.01, boost: { rounds: 60, depth: 2, shrinkage: 0.3, lambda: 1, minLeaf: 20, cap: 10 } });
    expect(boosted.boost?.trees.length).toBe(60);
    expect(loss(boosted, interaction)).toBeLessThan(loss(lr, interaction) - 0.002);
    // the regression spreads the pair's confidence over both features; the trees give it back to the pair
    expect(scoreRisk(lr, { a: 1, b: 1 })).toBeGreaterThan(0.004);
    expect(scoreRisk(boosted, { a: 1, b: 1 })).toBeLessThan(0.004);
    expect(scoreRisk(boosted, { a: 1, b: 0 })).toBeGreaterThan(0.03);
  });

  it("never lower the risk where a doubt is present", () => {
    // data where the doubt goes with fewer errors on one side of `b` (a layout's quirk): unconstrained trees learn it
    const ex = [
      ...cell({ ocr_doubt: 0, b: 1 }, 2000, 0.05, "x"),
      ...cell({ ocr_doubt: 1, b: 1 }, 2000, 0.005, "y"),
      ...cell({ ocr_doubt: 1, b: 0 }, 2000, 0.2, "z"),
    ];
    const opts = { rounds: 30, depth: 2, shrinkage: 0.3, lambda: 1, minLeaf: 20, cap: 10 };
    const base = ex.map(() => 0);
    const xs = ex.map((e) => e.features);
    const wrong = ex.map((e) => e.wrong);
    const free = fitBoost(xs, wrong, base, opts).boosted;
    const held = fitBoost(xs, wrong, base, { ...opts, monotone: ["ocr_doubt"] }).boosted;
    expect(boostLogit(free, { ocr_doubt: 1, b: 1 })).toBeLessThan(boostLogit(free, { b: 1 }));
    for (const b of [0, 1]) expect(boostLogit(held, { ocr_doubt: 1, b })).toBeGreaterThanOrEqual(boostLogit(held, { b }));
  });

  it("stop early on noise: the held-out groups' loss picks the number of trees", () => {
    const noise = [...cell({ a: 0, c: 0.3 }, 3000, 0.05, "p"), ...cell({ a: 1, c: 0.7 }, 3000, 0.05, "q")];
    const m = fitModel(noise, ["a", "c"], { l2: 1, boost: { rounds: 40, depth: 3, shrinkage: 0.3, lambda: 1, minLeaf: 20, cap: 10, stopFolds: 5 } });
    expect(m.boost?.trees.length ?? 0).toBeLessThan(40);
  });

  it("move the regression's log-odds by at most the cap", () => {
    const opts = { l2: 0.01, boost: { rounds: 60, depth: 2, shrinkage: 0.3, lambda: 1, minLeaf: 20, cap: 0.5 } };
    const m = fitModel(interaction, ["a", "b"], opts);
    const lr = fitModel(interaction, ["a", "b"], { l2: 0.01 });
    for (const f of [{}, { a: 1 }, { a: 1, b: 1 }] as Array<Record<string, number>>)
      expect(Math.abs(rawLogit(m, f) - rawLogit(lr, f))).toBeLessThanOrEqual(0.5 + 1e-9);
    // the pair's log-odds go down by the whole cap: the loss wants more
    expect(rawLogit(m, { a: 1, b: 1 })).toBeCloseTo(rawLogit(lr, { a: 1, b: 1 }) - 0.5, 6);
  });

  it("score the same after a trip through JSON (weights.json)", () => {
    const m = fitModel(interaction, ["a", "b"], { l2: 0.01, boost: { rounds: 10, depth: 2, shrinkage: 0.3, lambda: 1, minLeaf: 20, cap: 10 } });
    const back = JSON.parse(JSON.stringify(m)) as typeof m;
    for (const f of [{}, { a: 1 }, { a: 1, b: 1 }] as Array<Record<string, number>>) expect(scoreRisk(back, f)).toBeCloseTo(scoreRisk(m, f), 9);
  });
});
