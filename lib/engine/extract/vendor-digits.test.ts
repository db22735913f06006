import { describe, expect, it } from "vitest";
import { extractFromPages } from "../index";
import { makePage } from "../layout/testing";
import { ACCEPT_RISK } from "../risk";
import { type FieldValue, type FieldSpec, isArrayValue } from "../types";
import { createRulesExtractor } from "./rules";
import type { RawValue } from "./types";
import { repairNameDigits } from "./vendor-digits";

// Frozen synthetic receipt tops (made-up names) as tesseract reads scans: capitals of the name read as digits.
const fields: FieldSpec[] = [{ name: "vendor", type: "string" }];
const address = [
  { y: 150, runs: [["NO 12, JALAN MERANTI 3,", 300]] as [string, number][] },
  { y: 170, runs: [["47100 PUCHONG, SELANGOR", 300]] as [string, number][] },
];
const top = (name: string) => [
  { y: 100, runs: [[name, 260]] as [string, number][], h: 20 },
  { y: 125, runs: [["(Co. No. 113825-W)", 300]] as [string, number][] },
  ...address,
];

describe("capitals of a name read as digits", () => {
  it("reads the digits of a capital word closed by a legal form as the letters they look like", () => {
    expect(repairNameDigits("K0RVANTI B00KS SDN BHD")).toEqual({ text: "KORVANTI BOOKS SDN BHD", repaired: true });
    expect(repairNameDigits("5ELASIH TRADING SDN BHD")).toEqual({ text: "SELASIH TRADING SDN BHD", repaired: true });
    expect(repairNameDigits("MR. Q.1.Z. (M) SDN BHD")).toEqual({ text: "MR. Q.I.Z. (M) SDN BHD", repaired: true });
    expect(repairNameDigits("G1ANT PRINT Sdn Bhd")).toEqual({ text: "GIANT PRINT Sdn Bhd", repaired: true });
  });

  it("leaves numbers, ordinals, units, brand figures and names without a legal form as printed", () => {
    for (const t of [
      "77 SPEEDY MART S/B",
      "ZENITH 28 S/B",
      "28TH AVENUE TRADING SDN BHD",
      "4FINGERS KITCHEN SDN BHD",
      "K0RVANTI B00KS",
      "K0rvanti Books Sdn Bhd",
      "3M SUPPLIES SDN BHD",
      "KORVANTI (1125830-V) SDN BHD",
      // initials all in digits: "0" may be O or D, "7" T or Y
      "MR. 0.1.7. (M) SDN BHD",
    ])
      expect(repairNameDigits(t), t).toEqual({ text: t, repaired: false });
  });

  it("gives the repaired name as the vendor, marked as restored", async () => {
    const raw = (await createRulesExtractor().extract([makePage(top("P0PULAR K1TE CO. (M) SDN BHD"))], fields)).fields.vendor as RawValue;
    expect(raw.text).toBe("POPULAR KITE CO. (M) SDN BHD");
    expect(raw.evidence?.repaired).toBe(1);
    const printed = (await createRulesExtractor().extract([makePage(top("POPULAR KITE CO. (M) SDN BHD"))], fields)).fields.vendor as RawValue;
    expect(printed.text).toBe("POPULAR KITE CO. (M) SDN BHD");
    expect(printed.evidence?.repaired ?? 0).toBe(0);
  });

  it("never auto-accepts a repaired name: its risk is held at the gate and a reason says why", async () => {
    const res = await extractFromPages([makePage(top("P0PULAR K1TE CO. (M) SDN BHD"))], { fields }, { explain: true });
    const v = res.data.vendor as FieldValue;
    expect(isArrayValue(v)).toBe(false);
    expect(v.value).toBe("POPULAR KITE CO. (M) SDN BHD");
    expect(res.riskFeatures?.vendor?.repaired).toBe(1);
    expect(v.risk ?? 0).toBeGreaterThanOrEqual(ACCEPT_RISK);
    expect(res.issues.some((i) => i.fields.includes("vendor") && /restored from a misread print/.test(i.message))).toBe(true);
  });
});
