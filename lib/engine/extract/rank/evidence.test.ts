import { describe, expect, it } from "vitest";
import { makePage } from "../../layout/testing";
import { getTemplate } from "../../templates";
import { createRulesExtractor } from "../rules";
import type { RawValue } from "../types";
import { candidateEvidence } from "./evidence";
import { roundingOf, totalSupport } from "./index";

describe("extractor evidence for the risk stage", () => {
  it("says how each value was chosen and by how much it led", async () => {
    const page = makePage([
      { y: 40, runs: [["Acme Widgets Ltd.", 60]], h: 20 },
      {
        y: 70,
        runs: [
          ["Invoice No:", 600],
          ["INV-2049", 760],
        ],
      },
      {
        y: 85,
        runs: [
          ["Date:", 600],
          ["21/11/2026", 760],
        ],
      },
      {
        y: 320,
        runs: [
          ["Subtotal", 620],
          ["£240.00", 800],
        ],
      },
      {
        y: 340,
        runs: [
          ["VAT 20%", 620],
          ["£48.00", 800],
        ],
      },
      {
        y: 360,
        runs: [
          ["Total", 620],
          ["£288.00", 800],
        ],
      },
    ]);
    const out = await createRulesExtractor().extract([page], getTemplate("invoice")?.fields ?? []);
    const ev = (f: string) => (out.fields[f] as RawValue | null)?.evidence;
    expect(ev("invoice_number")?.source).toBe("label");
    expect(ev("invoice_number")?.margin).toBeGreaterThan(0);
    expect(ev("subtotal")?.source).toBe("arithmetic");
    expect(ev("total")?.source).toBe("model");
    expect(ev("total")?.candidates).toBe(3);
    // £240.00 + £48.00 printed above it add up to the total: the sum supports it (nothing repeats or pays it).
    expect(ev("total")?.support).toEqual({ payment: 0, sum: 1, repeat: 0, rounding: 0 });
    expect(ev("total")?.roundingTwin).toBe(0);
    expect(ev("vendor")?.source).toBe("model");
  });

  it("structure behind a total counts only for a non-zero amount", () => {
    const f = { eq_card: 1, s_sum_above: 1, s_repeat_below: 1 };
    expect(totalSupport(f, 12.5)).toEqual({ payment: 1, sum: 1, repeat: 1 });
    expect(totalSupport({ s_cash_change: 1 }, 12.5)).toEqual({ payment: 1, sum: 0, repeat: 0 });
    // "0.00" repeated in the tax lines and summing nothing is no evidence
    expect(totalSupport(f, 0)).toEqual({ payment: 0, sum: 0, repeat: 0 });
  });

  it("0.05 cash rounding is its own support, and a rounded/unrounded pair is a twin", () => {
    // 30.93 printed above is the sum of the lines; 30.95 is its rounding: the sum supports the rounded total.
    const pool: { value: number; features: Record<string, number> }[] = [
      { value: 30.93, features: { s_sum_above: 1 } },
      { value: 30.95, features: {} },
      { value: 50, features: {} },
    ];
    expect(roundingOf({ value: 30.95 }, pool)).toEqual({ rounding: 1, twin: 1 });
    // Picking the unrounded sum: its rounding is printed too, which one is the total is not settled by arithmetic.
    expect(roundingOf({ value: 30.93 }, pool)).toEqual({ rounding: 0, twin: 1 });
    // The rounding of an amount nothing supports is a twin, not a support.
    expect(roundingOf({ value: 30.95 }, [{ value: 30.93, features: {} }])).toEqual({ rounding: 0, twin: 1 });
    // Two amounts far apart, and zeros, never take part.
    expect(roundingOf({ value: 30.95 }, [{ value: 31.5, features: { s_sum_above: 1 } }])).toEqual({ rounding: 0, twin: 0 });
    expect(roundingOf({ value: 0 }, [{ value: 0.02, features: { s_sum_above: 1 } }])).toEqual({ rounding: 0, twin: 0 });
  });

  it("a tie between two readings has no margin", () => {
    const e = candidateEvidence([
      { text: "12.00", score: 0.8, label: true },
      { text: "13.00", score: 0.8, label: true },
    ]);
    expect(e).toMatchObject({ source: "label", margin: 0, candidates: 2 });
    expect(candidateEvidence([{ text: "12.00", score: 0.8 }]).margin).toBe(1);
  });
});
