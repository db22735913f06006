import { describe, expect, it } from "vitest";
import { ACCEPT_RISK, gatedRisk, type RiskModel } from "./index";

describe("gatedRisk: the risk the gate reads", () => {
  it("holds a value restored from a misread print at the gate, under a model that trusts everything", () => {
    // The trainer and the bench score held-out values with it, so their tables count only what the engine would pass.
    const trusting: RiskModel = { version: 1, features: [], weights: [], bias: -30 };
    expect(gatedRisk(trusting, { repaired: 0 })).toBeLessThan(ACCEPT_RISK);
    expect(gatedRisk(trusting, { repaired: 1 })).toBeGreaterThanOrEqual(ACCEPT_RISK);
  });

  it("holds a value with a sign of two widths on a CJK page at the gate, under a model that trusts everything", () => {
    // "¥" or "￥": neither reader tells them apart, so a fit that saw one layout's widths must not pass another's.
    const trusting: RiskModel = { version: 1, features: [], weights: [], bias: -30 };
    expect(gatedRisk(trusting, { width_twin: 0 })).toBeLessThan(ACCEPT_RISK);
    expect(gatedRisk(trusting, { width_twin: 1 })).toBeGreaterThanOrEqual(ACCEPT_RISK);
  });
});
