import { describe, expect, it } from "vitest";
import { formOf, oddForms } from "./form";

describe("the print form of an amount", () => {
  it("reads the sign's spacing and the thousands separator, not the digits", () => {
    expect(formOf("€ 1,916.21")).toEqual({ lead: "€|gap", group: "," });
    expect(formOf("€21.81")).toEqual({ lead: "€|glued" });
    expect(formOf("€ 1 916.21")).toEqual({ lead: "€|gap", group: " " });
    expect(formOf("1.234,56 €")).toEqual({ trail: "€|gap", group: "." });
    // three digits after the last separator: a thousands group of a currency without decimals, not a decimal mark
    expect(formOf("¥13,000")).toEqual({ lead: "¥|glued", group: "," });
    expect(formOf("12")).toEqual({});
  });
});

describe("amounts whose form the document's others do not share", () => {
  // a German invoice printing "€ 26.00": the OCR glued one sign and read one comma group as a space
  const page = ["€ 26.00", "€21.81", "€ 43.62", "€ 9.00", "€ 1,942.50", "€ 1 916.21", "€ 8,331.33", "€ 10,247.54", "2", "5"];

  it("flags the glued sign and the space group among amounts that agree", () => {
    expect(oddForms(page)).toEqual([false, true, false, false, false, true, false, false, false, false]);
  });

  it("flags nothing where the document prints its amounts two ways", () => {
    expect(oddForms(["€ 26.00", "€21.81", "€43.62", "€ 9.00", "€5.00"]).some(Boolean)).toBe(false);
  });

  it("compares a sign's spacing only with the same sign, and wants three others to show it", () => {
    expect(oddForms(["$12.00", "€ 1.00", "€ 2.00", "€ 3.00"])).toEqual([false, false, false, false]);
    expect(oddForms(["€12.00", "€ 1.00", "€ 2.00"])).toEqual([false, false, false]);
  });
});
