import { describe, expect, it } from "vitest";
import { analyzePage } from "../layout/rows";
import { makePage } from "../layout/testing";
import { vendorCandidates } from "./vendor";
import { blockEnd, blockLine } from "./vendor-block";

// Frozen receipt tops (made-up names): where each line stands against the address block under the name.
const top = analyzePage(
  makePage([
    { y: 0, runs: [["GOODS SOLD ARE NOT RETURNABLE", 100]], h: 30 },
    { y: 100, runs: [["ZELNOR CASH & CARRY", 300]], h: 18 },
    { y: 124, runs: [["(002107265-V)", 340]] },
    { y: 144, runs: [["NO 15, JALAN TSJ 2,", 300]] },
    { y: 164, runs: [["TUMPAT", 360]] },
    { y: 184, runs: [["40000 SHAH ALAM", 300]] },
  ]),
);
const features = (text: string) => vendorCandidates(top, () => false).find((c) => c.seg.text === text)?.features;

describe("the vendor's place in the top block", () => {
  it("knows the block's first registration, address or contact line, and a company line is none", () => {
    expect(blockLine("(002107265-V)")).toBe(true);
    expect(blockLine("TEL 03-77343662")).toBe(true);
    expect(blockLine("ZELNOR SDN BHD (1125830-V)")).toBe(false);
    expect(blockEnd(top)).toBe(2);
  });

  it("marks the name right above its registration number", () => {
    expect(features("ZELNOR CASH & CARRY")).toMatchObject({ next_reg: 1, prev_addr: 0, below_block: 0, edge: 0 });
    expect(features("ZELNOR CASH & CARRY")?.to_block).toBeCloseTo(1 / 8);
  });

  it("marks a line cut at the page's edge, and a town inside the address block", () => {
    expect(features("GOODS SOLD ARE NOT RETURNABLE")).toMatchObject({ edge: 1, next_reg: 0 });
    expect(features("TUMPAT")).toMatchObject({ prev_addr: 1, below_block: 1 });
  });

  it("marks a label run that a bare number follows on its row", () => {
    const page = analyzePage(
      makePage([
        { y: 100, runs: [["Velmora Grill", 100]], h: 30 },
        {
          y: 140,
          runs: [
            ["BRN GST", 100],
            ["No. 000417619968", 260],
          ],
        },
        { y: 160, runs: [["NO 12, JALAN MERANTI 3,", 100]] },
      ]),
    );
    const f = vendorCandidates(page, () => false).find((c) => c.seg.text === "BRN GST")?.features;
    expect(f?.number_after).toBe(1);
  });
});
