import { describe, expect, it } from "vitest";
import { isCountryCode, isEuVatShape, isValidBic, isValidFrVat, isValidIban, isValidJpRegistrationNumber } from "./ids";

describe("isValidJpRegistrationNumber", () => {
  it("accepts valid check digits", () => {
    expect(isValidJpRegistrationNumber("T1464477158934")).toBe(true);
    expect(isValidJpRegistrationNumber("T5386488302837")).toBe(true);
    expect(isValidJpRegistrationNumber("Ｔ７２９７４６３２９５３５１")).toBe(true);
  });
  it("rejects a wrong check digit or shape", () => {
    expect(isValidJpRegistrationNumber("T2464477158934")).toBe(false);
    expect(isValidJpRegistrationNumber("T146447715893")).toBe(false);
    expect(isValidJpRegistrationNumber("1464477158934")).toBe(false);
  });
});

describe("isValidIban", () => {
  it("checks mod-97", () => {
    expect(isValidIban("DE51 0818 0478 5360 4464 76")).toBe(true);
    expect(isValidIban("GB20 NWBK 0211 6659 8744 43")).toBe(true);
    expect(isValidIban("DE52 0818 0478 5360 4464 76")).toBe(false);
    expect(isValidIban("not an iban")).toBe(false);
  });
});

describe("VAT ids", () => {
  it("checks EU shapes", () => {
    expect(isEuVatShape("DE763056878")).toBe(true);
    expect(isEuVatShape("DE 763 056 878")).toBe(true);
    expect(isEuVatShape("DE76305687")).toBe(false);
    expect(isEuVatShape("XX123")).toBe(false);
  });
  it("checks the French key", () => {
    // SIREN 404833048 → key (12 + 3 × (404833048 mod 97)) mod 97 = 83
    expect(isValidFrVat("FR83404833048")).toBe(true);
    expect(isValidFrVat("FR84404833048")).toBe(false);
  });
});

describe("isValidBic", () => {
  it("accepts 8- and 11-character codes with a real country", () => {
    expect(isValidBic("GENODEF1M04")).toBe(true);
    expect(isValidBic("BNPAFRPPXXX")).toBe(true);
    expect(isValidBic("NWBK GB 2L")).toBe(true);
    expect(isCountryCode("de")).toBe(true);
  });
  it("rejects words and unknown countries", () => {
    expect(isValidBic("DESCRIPTION")).toBe(false);
    expect(isValidBic("SERVICES")).toBe(false);
    expect(isValidBic("ABCDXQ22")).toBe(false);
    expect(isValidBic("GENODEF1M0")).toBe(false);
  });
});
