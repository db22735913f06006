import { describe, expect, it } from "vitest";
import type { DocumentResult } from "@/lib/engine/types";
import { validate } from "@/lib/engine/validate";
import { buildSheetRow } from "./build";
import { correction, fv, meta } from "./fixtures.test-helpers";
import type { SpaceSchema } from "./types";

const schema: SpaceSchema = {
  templateId: "receipt",
  fields: [
    { name: "subtotal", type: "number" },
    { name: "tax", type: "number" },
    { name: "rounding", type: "number" },
    { name: "total", type: "number", required: true },
  ],
};
const receipt = (rounding: string | null): DocumentResult => {
  const data: DocumentResult["data"] = { subtotal: fv("52.00"), tax: fv("3.12"), rounding: fv(rounding), total: fv("55.10") };
  return { engineVersion: "test", extractor: "rules", data, issues: validate(schema.fields, data), pages: [] };
};

describe("the sheet's re-check of a till receipt's sum", () => {
  it("shows the rounding beside the totals, and a sum it closes as passed", () => {
    const row = buildSheetRow({ document: meta("d1"), result: receipt("-0.02"), corrections: [], schema });
    expect(row.issues).toEqual([]);
    expect(row.cells.rounding).toMatchObject({ value: "-0.02", state: "confident" });
    expect(row.cells.total?.state).toBe("confident");
  });

  it("is settled by the reviewer adding the rounding line the engine missed", () => {
    const r = receipt(null);
    expect(buildSheetRow({ document: meta("d1"), result: r, corrections: [], schema }).cells.total?.state).toBe("failed_check");
    // an empty optional rounding is not itself review work
    expect(buildSheetRow({ document: meta("d1"), result: r, corrections: [], schema }).cells.rounding?.state).toBe("not_on_document");
    const fixed = buildSheetRow({ document: meta("d1"), result: r, corrections: [correction("d1", "rounding", "edit", "-0.02")], schema });
    expect(fixed.issues).toEqual([]);
    expect(fixed.cells.total?.state).toBe("confident");
    const wrong = buildSheetRow({ document: meta("d1"), result: r, corrections: [correction("d1", "rounding", "edit", "0.02")], schema });
    expect(wrong.issues.map((i) => i.message)).toEqual(["subtotal 52.00 + tax 3.12 + rounding 0.02 = 55.14 ≠ total 55.10"]);
    expect(wrong.cells.rounding?.state).toBe("corrected");
    expect(wrong.cells.total?.state).toBe("failed_check");
  });
});
