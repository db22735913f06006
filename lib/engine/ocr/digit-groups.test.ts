import { describe, expect, it } from "vitest";
import { page } from "./__fixtures__/page";
import { repairDigitGroups, repairNumber, separatorEvidence } from "./digit-groups";

const text = (p: ReturnType<typeof page>) => p.words.map((w) => w.text).join(" ");

describe("separatorEvidence", () => {
  it("takes the decimal mark from the page's fractions", () => {
    expect(separatorEvidence(["12.50", "3.99", "7,25"]).decimal).toBe(".");
    expect(separatorEvidence(["1.234,56", "9,99"]).decimal).toBe(",");
    expect(separatorEvidence(["Rechnung", "2027"]).decimal).toBeNull();
  });

  it("sees a whole-amount page only where commas group and fractions are (nearly) absent", () => {
    expect(separatorEvidence(["65,000円", "17,000", "1,800", "98.000", "2.600"]).wholeCommaGrouped).toBe(true);
    // A page of fractions is not one, however it groups.
    expect(separatorEvidence(["1,800", "2,000", "3,000", "4.50", "5.25"]).wholeCommaGrouped).toBe(false);
    // Grouped by dots only (German whole euros): no comma seen, nothing to repair toward.
    expect(separatorEvidence(["1.500", "2.000", "3.000", "4.000"]).wholeCommaGrouped).toBe(false);
    // Three decimals (a currency with exponent 3): "1,250.500" makes the dot a decimal mark.
    expect(separatorEvidence(["1,250.500", "2,000", "3,000", "4,000"]).wholeCommaGrouped).toBe(false);
  });
});

describe("repairNumber", () => {
  const en = { decimal: "." as const, wholeCommaGrouped: false };
  const de = { decimal: "," as const, wholeCommaGrouped: false };
  const yen = { decimal: null, wholeCommaGrouped: true };

  it("writes repeated marks before the last two digits as the page's group and decimal marks", () => {
    expect(repairNumber("12.826.00", en)).toBe("12,826.00");
    expect(repairNumber("1.176.000.00", en)).toBe("1,176,000.00");
    expect(repairNumber("3,897,16", de)).toBe("3.897,16");
    expect(repairNumber("3.897.16", de)).toBe("3.897,16");
  });

  it("reads d.ddd as a group on a whole-amount page", () => {
    expect(repairNumber("98.000", yen)).toBe("98,000");
    expect(repairNumber("1.176.000", yen)).toBe("1,176,000");
  });

  it("leaves what is not a grouped amount", () => {
    expect(repairNumber("98.000", en)).toBe("98.000");
    expect(repairNumber("0.125", yen)).toBe("0.125");
    expect(repairNumber("37.5", yen)).toBe("37.5");
    expect(repairNumber("12.05.20", en)).toBe("12.05.20");
    expect(repairNumber("1,018.99", en)).toBe("1,018.99");
    expect(repairNumber("12.826.00", { decimal: null, wholeCommaGrouped: false })).toBe("12.826.00");
  });
});

describe("repairDigitGroups", () => {
  it("repairs a photo's amounts inside words, marking the restored symbols", () => {
    const p = page("単価 65,000 17,000円 1,800 ￥98.000 2025.10.10", 0.9, "Japanese");
    const out = repairDigitGroups(p);
    expect(text(out)).toBe("単価 65,000 17,000円 1,800 ￥98,000 2025.10.10");
    const w = out.words[4]!;
    expect(w.symbols.map((s) => s.text).join("")).toBe("￥98,000");
    expect(w.symbols.filter((s) => s.read !== undefined).map((s) => s.read)).toEqual(["."]);
  });

  it("keeps the reader's text as a doubt where the symbols do not spell the word", () => {
    const p = page("Total 12.826.00 3.50", 0.9, "eng");
    const w = p.words[1]!;
    p.words[1] = { ...w, symbols: w.symbols.slice(0, 3) };
    const out = repairDigitGroups(p);
    expect(out.words[1]).toMatchObject({ text: "12,826.00", alt: "12.826.00" });
  });

  it("returns the page itself when nothing is repaired", () => {
    const p = page("Total 12.50 EUR", 0.9, "eng");
    expect(repairDigitGroups(p)).toBe(p);
  });
});
