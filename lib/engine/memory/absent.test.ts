import { describe, expect, it } from "vitest";
import type { RawExtraction } from "../extract/types";
import { ACCEPT_RISK } from "../risk/gate";
import type { FieldValue } from "../types";
import { adjustRisk, MEMORY_CODE } from "./adjust";
import { learnField, remember } from "./learn";
import { recall } from "./recall";
import { type ReceiptLine, receipt } from "./receipt.test-helpers";
import type { SupplierMemory } from "./types";

/** A till receipt whose total is printed "TOTAL RM <amount>" at the bottom (the supplier's reviewed layout). */
function till(total: string, items: string[], height: number) {
  const lines: ReceiptLine[] = [
    [
      40,
      [
        ["KEDAI", 150, 250],
        ["MAKMUR", 260, 380],
      ],
    ],
  ];
  for (const [i, amount] of items.entries())
    lines.push([
      200 + 40 * i,
      [
        ["ITEM", 20, 80],
        [amount, 400, 470],
      ],
    ]);
  lines.push([
    240 + 40 * items.length,
    [
      ["TOTAL", 20, 90],
      ["RM", 330, 360],
      [total, 400, 470],
    ],
  ]);
  return receipt(lines, { width: 600, height });
}

// The same supplier's receipt in another layout: no TOTAL line, only a slip amount printed top right.
const other = receipt(
  [
    [
      40,
      [
        ["KEDAI", 150, 250],
        ["MAKMUR", 260, 380],
      ],
    ],
    [
      100,
      [
        ["Jumlah", 20, 120],
        ["33.10", 480, 560],
      ],
    ],
  ],
  { width: 600, height: 1200 },
);

const scalars = new Map([["total", "number"]]);
const read = (text: string): RawExtraction => {
  const w = other[0]!.words.find((x) => x.text === text)!;
  return { fields: { total: { text, page: 0, wordIds: [w.id] } } };
};
const once: SupplierMemory = remember({ entries: [] }, learnField(till("12.30", ["9.90", "2.40"], 1200), "total", "12.30", 0, "a")!);
const twice = remember(once, learnField(till("45.60", ["9.90", "35.70"], 1200), "total", "45.60", 0, "b")!);

describe("a remembered place missing from the page", () => {
  it("a place two reviewed documents printed the total at, nowhere on this page, doubts the engine's value without changing it", () => {
    expect(twice.entries.filter((e) => e.field === "total")).toHaveLength(1);
    const { raw, verdicts } = recall(other, scalars, twice, read("33.10"));
    expect(raw.fields.total).toMatchObject({ text: "33.10" });
    expect(verdicts).toEqual([{ kind: "absent", path: "total", support: 2 }]);
    // one reviewed document is no pattern yet: no doubt
    expect(recall(other, scalars, once, read("33.10")).verdicts).toEqual([]);
    // the remembered place found again is no absence
    const again = till("7.70", ["7.70"], 1200);
    const w = again[0]!.words.findLast((x) => x.text === "7.70")!;
    const found = recall(again, scalars, twice, { fields: { total: { text: "7.70", page: 0, wordIds: [w.id] } } }).verdicts;
    expect(found.map((v) => v.kind)).not.toContain("absent");
  });

  it("keeps such a value out of auto-accept, with the reason in words, and never lowers a risk", () => {
    const value = (risk: number): FieldValue => ({
      value: "33.10",
      bbox: null,
      vertices: null,
      match_ratio: 1,
      bbox_source: "vision_symbol_match",
      page: 0,
      risk,
    });
    const verdicts = [{ kind: "absent" as const, path: "total", support: 2 }];
    const sure = adjustRisk({ total: value(0.001) }, [], verdicts, undefined, scalars);
    expect((sure.data.total as FieldValue).risk).toBeGreaterThanOrEqual(ACCEPT_RISK);
    expect(sure.issues.find((i) => i.code === MEMORY_CODE)?.fields).toEqual(["total"]);
    const unsure = adjustRisk({ total: value(0.3) }, [], verdicts, undefined, scalars);
    expect((unsure.data.total as FieldValue).risk).toBe(0.3);
  });
});
