import { describe, expect, it } from "vitest";
import { learnField, remember } from "./learn";
import { recall } from "./recall";
import { receipt } from "./receipt.test-helpers";

// A 1000-px-square page (so pixels are the grid): the company line and a "Shop:" line with the brand beside it.
const shop = (brand: string) =>
  receipt(
    [
      [
        100,
        [
          ["Shop:", 100, 170],
          [brand, 200, 200 + 14 * brand.length],
        ],
      ],
      [
        300,
        [
          ["SATURN", 100, 184],
          ["ELECTRO", 200, 298],
          ["GMBH", 320, 376],
        ],
      ],
    ],
    { width: 1000, height: 1000 },
  )[0]!;

// The reviewers gave the shop's brand ("saturn", a receipt's brand label) where the page prints it beside "Shop:".
const reviewed = shop("SATURN");
// The next receipt: the brand's logo read as "SN" beside "Shop:", the company line printed and read in full.
const next = shop("SN");

describe("a constant text the engine's reading already holds", () => {
  it("is not replaced by other words found at its remembered place", () => {
    const memory = remember({ entries: [] }, learnField([reviewed], "vendor", "saturn", 0, "doc-1")!);
    expect(memory.entries[0]!.label).toBe("shop");
    const raw = { fields: { vendor: { text: "SATURN ELECTRO GMBH", page: 0, wordIds: ["w2", "w3", "w4"], confidence: 0.8 } } };
    const { raw: out } = recall([next], new Map([["vendor", "string"]]), memory, raw);
    expect((out.fields.vendor as { text: string }).text).toBe("SATURN ELECTRO GMBH");
  });
});
