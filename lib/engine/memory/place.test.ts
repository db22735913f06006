import { describe, expect, it } from "vitest";
import type { RawExtraction } from "../extract/types";
import { learnField, remember } from "./learn";
import { recall } from "./recall";
import { type ReceiptLine, receipt } from "./receipt.test-helpers";
import type { SupplierMemory } from "./types";

/** One till printer's receipt: the slip number and the time change on every receipt, the labels do not. */
function till(o: { slip: string; date: string; time: string; items: string[]; total: string; cash: string }, height: number) {
  const lines: ReceiptLine[] = [
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
        ["Slip", 20, 80],
        [o.slip, 90, 160],
        ["Date:", 300, 360],
        [o.date, 370, 480],
      ],
    ],
    [
      140,
      [
        ["Cashier", 20, 110],
        ["Time:", 300, 360],
        [o.time, 370, 430],
      ],
    ],
  ];
  for (const [i, amount] of o.items.entries())
    lines.push([
      200 + 40 * i,
      [
        ["ITEM", 20, 80],
        [String.fromCharCode(65 + i), 90, 100],
        [amount, 400, 470],
      ],
    ]);
  const end = 200 + 40 * o.items.length + 40;
  lines.push([
    end,
    [
      ["TOTAL", 20, 90],
      ["RM", 330, 360],
      [o.total, 400, 470],
    ],
  ]);
  lines.push([
    end + 40,
    [
      ["CASH", 20, 80],
      [o.cash, 400, 470],
    ],
  ]);
  return receipt(lines, { width: 600, height });
}

const short = till({ slip: "48213", date: "19/12/2026", time: "13:22", items: ["9.90", "2.40"], total: "12.30", cash: "20.00" }, 1200);
// A longer receipt of the same printer: the same pixel positions, a page twice as long (lines half as tall on the grid).
const long = till(
  { slip: "50007", date: "20/12/2026", time: "09:05", items: ["9.90", "11.20", "4.50", "8.00", "3.10", "8.90"], total: "45.60", cash: "50.00" },
  2400,
);
const scalars = new Map([
  ["total", "number"],
  ["issue_date", "date"],
]);
const reading = (pages: typeof short, field: string, text: string): RawExtraction => {
  const w = pages[0]!.words.find((x) => x.text === text)!;
  return { fields: { [field]: { text, page: 0, wordIds: [w.id] } } };
};

describe("where a reviewed value is printed", () => {
  it("labels a date by the words beside it, not by the slip number or the time that change on every receipt", () => {
    const a = learnField(short, "issue_date", "19/12/2026", 0, "a")!;
    const b = learnField(long, "issue_date", "20/12/2026", 0, "b")!;
    expect(a.label).toBe("date");
    expect(b.label).toBe("date");
    const memory = remember(remember({ entries: [] }, a), b);
    expect(memory.entries).toHaveLength(1);
    expect(memory.entries[0]!.documents).toEqual(["a", "b"]);
  });

  it("a currency code alone is no label: the label reaches to the words before it", () => {
    expect(learnField(short, "total", "12.30", 0, "a")!.label).toBe("totalrm");
    const cash = receipt(
      [
        [
          100,
          [
            ["RM", 330, 360],
            ["20.00", 400, 470],
          ],
        ],
      ],
      { width: 600, height: 1200 },
    );
    expect(learnField(cash, "total", "20.00", 0, "a")!.label).toBeNull();
  });

  it("finds the total at its label's offset on a longer receipt of the same printer", () => {
    const memory: SupplierMemory = remember({ entries: [] }, learnField(short, "total", "12.30", 0, "a")!);
    // The engine read the cash line: memory's place holds the total.
    const { raw, verdicts } = recall(long, scalars, memory, reading(long, "total", "50.00"));
    expect(raw.fields.total).toMatchObject({ text: "45.60" });
    expect(verdicts[0]).toMatchObject({ kind: "picked", path: "total", disagreed: true });
    // the same place learned from both lengths is one place, backed twice
    const both = remember(memory, learnField(long, "total", "45.60", 0, "b")!);
    expect(both.entries.filter((e) => e.field === "total")).toHaveLength(1);
  });
});

describe("values memory does not overrule", () => {
  const memory: SupplierMemory = remember({ entries: [] }, learnField(short, "total", "12.30", 0, "a")!);
  const rounded = (total: string, other: string) =>
    till({ slip: "50007", date: "20/12/2026", time: "09:05", items: ["9.90", other], total, cash: "50.00" }, 2400);

  it("an amount less than 0.10 from the engine's reading is the same total before or after rounding: doubt, not a correction", () => {
    // The remembered place prints 45.58; the engine read the rounded 45.60 printed elsewhere.
    const page = rounded("45.58", "45.60");
    const { raw, verdicts } = recall(page, scalars, memory, reading(page, "total", "45.60"));
    expect(raw.fields.total).toMatchObject({ text: "45.60" });
    expect(verdicts[0]).toMatchObject({ kind: "differs", remembered: "45.58" });
    // a value further off is another amount: memory's place wins
    const other = rounded("45.58", "35.60");
    expect(recall(other, scalars, memory, reading(other, "total", "35.60")).raw.fields.total).toMatchObject({ text: "45.58" });
  });

  it("a date no calendar has (a misread digit) is neither found nor proposed", () => {
    const dated = remember({ entries: [] }, learnField(short, "issue_date", "19/12/2026", 0, "a")!);
    const misread = till({ slip: "50007", date: "96/12/2026", time: "09:05", items: ["9.90"], total: "9.90", cash: "10.00" }, 1300);
    expect(recall(misread, scalars, dated, { fields: {} }).verdicts).toHaveLength(0);
  });
});
