import { describe, expect, it } from "vitest";
import { familyOf, fitPlatt } from "./calibrate";
import { fitCalibratedRisk, foldOfGroup, rawLogit, scoreRisk } from "./model";

describe("per-family calibration", () => {
  it("names the family from the base features", () => {
    expect(familyOf({ text_layer: 1, receipt_shape: 1 })).toBe("text");
    expect(familyOf({ receipt_shape: 1 })).toBe("receipt");
    expect(familyOf({})).toBe("scan");
  });

  it("fitPlatt recovers a slope and offset on the log-odds", () => {
    // True risk = sigmoid(2z − 1): the model's z is too timid by half and shifted.
    const z: number[] = [];
    const wrong: boolean[] = [];
    let acc = 0;
    for (let i = 0; i < 4000; i++) {
      const zi = -4 + (8 * i) / 4000;
      const p = 1 / (1 + Math.exp(-(2 * zi - 1)));
      // a deterministic draw: a value is wrong where the running sum of p crosses an integer
      z.push(zi);
      acc += p;
      wrong.push(Math.floor(acc) !== Math.floor(acc - p));
    }
    const [a, b] = fitPlatt(z, wrong, 0.01);
    expect(a).toBeGreaterThan(1.2);
    expect(b).toBeLessThan(0);
  });

  it("never reverses the model's order: scores that fall as the errors rise keep the identity", () => {
    const z = Array.from({ length: 2000 }, (_, i) => -8 + (6 * i) / 2000);
    // the values the model calls riskiest are the right ones
    const wrong = z.map((_, i) => i < 200 && i % 4 === 0);
    expect(fitPlatt(z, wrong, 2)).toEqual([1, 0]);
  });

  it("the identity prior keeps a family without evidence at the model's own scale", () => {
    expect(fitPlatt([], [], 2)).toEqual([1, 0]);
  });

  it("fitCalibratedRisk makes the risk of an over-confident family honest", () => {
    // The family's own feature is left out of the model (as when a family shares the model's weights):
    // without calibration a receipt value would get the scan's 1 %, but 10 % of them are wrong.
    const ex = [];
    for (let i = 0; i < 3000; i++) ex.push({ features: { doubt: i % 2 }, wrong: i % 2 === 1 ? i % 4 === 1 : i % 100 === 0, group: `s${i % 300}` });
    for (let i = 0; i < 1000; i++) ex.push({ features: { doubt: 0, receipt_shape: 1 }, wrong: i % 10 === 0, group: `r${i % 100}` });
    const m = fitCalibratedRisk(ex, { l2: 0.01, folds: 5, names: ["doubt"] });
    expect(m.calibration?.receipt).toBeDefined();
    const receipt = scoreRisk(m, { doubt: 0, receipt_shape: 1 });
    expect(receipt).toBeGreaterThan(0.06);
    expect(receipt).toBeLessThan(0.14);
    // the raw log-odds ignore the family; the calibrated risk does not
    expect(rawLogit(m, { doubt: 0, receipt_shape: 1 })).toBe(rawLogit(m, { doubt: 0 }));
    expect(scoreRisk(m, { doubt: 0 })).toBeLessThan(0.03);
  });

  it("folds by group are stable and spread", () => {
    expect(foldOfGroup("sroie/X1", 5)).toBe(foldOfGroup("sroie/X1", 5));
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 500; i++) counts[foldOfGroup(`doc-${i}`, 5)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(60);
  });
});
