import path from "node:path";
import { describe, expect, it } from "vitest";
import { normEq } from "./score";
import { loadDataset } from "./truth";

const fixtures = path.join(import.meta.dirname, "__fixtures__");
const value = (v: string) => ({ value: v, match_ratio: 1, bbox: null }) as unknown as Parameters<typeof normEq>[0];

describe("a dataset's own comparison rule", () => {
  const doc = loadDataset(fixtures).get("__fixtures__")![0]!;

  it("reads 'as a substring of the printed name' from the truth's field notes", () => {
    expect(doc.fields.vendor?.contains).toBe(true);
    expect(doc.fields.total?.contains).toBeUndefined();
  });

  it("a brand label is right inside the printed legal name, case and spacing aside", () => {
    expect(normEq(value("Shop Co Handels GmbH & Co. KG"), doc.fields.vendor!, "string", false)).toBe(true);
    expect(normEq(value("Main Street 4"), doc.fields.vendor!, "string", false)).toBe(false);
  });

  it("without the rule a name must equal the truth after folding", () => {
    const plain = { value: "shopco", boxes: [] };
    expect(normEq(value("Shop Co GmbH"), plain, "string", false)).toBe(false);
    expect(normEq(value("SHOP-CO"), plain, "string", false)).toBe(true);
  });
});
