import { describe, expect, it } from "vitest";
import { analyzePage } from "./rows";
import { makePage } from "./testing";

describe("analyzePage", () => {
  it("groups words into rows and splits rows at column gaps", () => {
    const page = makePage([
      { y: 100, runs: [["Invoice No:", 100], ["INV-2049", 400]] },
      { y: 130, runs: [["Date:", 100], ["2026-11-21", 400]] },
    ]);
    const layout = analyzePage(page);
    expect(layout.rows.map((r) => r.segments.map((s) => s.text))).toEqual([
      ["Invoice No:", "INV-2049"],
      ["Date:", "2026-11-21"],
    ]);
  });

  it("keeps a slightly skewed line together", () => {
    const page = makePage([{ y: 100, runs: [["Total", 100]] }, { y: 104, runs: [["$12.50", 600]] }]);
    for (const l of page.lines) l.angle = 0.4;
    expect(analyzePage(page).rows).toHaveLength(1);
  });

  it("closes gaps left by CJK radicals placed as separate runs", () => {
    const page = makePage([{ y: 100, runs: [["⼩", 100], ["計", 108]] }]);
    expect(analyzePage(page).segments[0]?.text).toBe("小計");
  });
});
