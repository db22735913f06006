import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { grouper, layoutGroups } from "./cv-groups";
import { foldOf } from "./risk-report";

/** A receipt's truth file in the real sets' format (scripts/bench/truth.ts `real`). */
function receipt(dir: string, id: string, vendor: string) {
  const t = { dataset: "shop", doc_id: id, file: `${id}.jpg`, kind: "receipt", image_size: [400, 1000], box_unit: "px", fields: { vendor, total: "9.00" } };
  writeFileSync(path.join(dir, `${id}.truth.json`), JSON.stringify(t));
}

describe("folds by layout and supplier", () => {
  it("puts a supplier's receipts in one group, however its name is spaced or cased, and other suppliers apart", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cv-groups-"));
    receipt(dir, "a1", "BOOK TA .K (TAMAN DAYA) SDN BHD");
    receipt(dir, "a2", "Book Ta.K (Taman Daya) Sdn Bhd");
    receipt(dir, "b1", "GARDENIA BAKERIES (KL) SDN BHD");
    const g = layoutGroups([dir]);
    expect(g.get("a1")).toBe(g.get("a2"));
    expect(g.get("a1")).not.toBe(g.get("b1"));
    const of = grouper(g);
    // the same group means the same fold, for every k; a photo variant goes with its page
    for (const k of [2, 3, 5]) expect(foldOf("a1", k, of)).toBe(foldOf("a2", k, of));
    expect(of("a1.photo")).toBe(of("a1"));
    // a document the map does not know is its own group (folds by document, as before)
    expect(of("zz")).toBe("zz");
  });
});
