import { describe, expect, it } from "vitest";
import { isPlainNumber, parseDate, parseNumber } from "./normalize";

describe("parseNumber", () => {
  it.each([
    ["-12.50", -12.5],
    ["12,50", 12.5],
    ["1,234.56", 1234.56],
    ["-1.234,56", -1234.56],
    ["-1 234,56", -1234.56],
    ["1\u202f234\u202f567,8", 1234567.8],
    ["1,234,567", 1234567],
    ["(12.50)", -12.5],
    ["+7", 7],
    ["1'234.50", 1234.5],
  ])("%s → %d", (text, n) => {
    expect(parseNumber(text)).toBe(n);
  });

  it.each(["1,234", "1.234", "12.3.4", "=1+1", "-", "", "1,234,56", "abc", "12-50"])("%s is ambiguous or not a number", (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });

  it("counts ambiguous grouped integers as plain numbers for formula checks", () => {
    expect(isPlainNumber("-1,234")).toBe(true);
    expect(isPlainNumber(" -12")).toBe(false);
    expect(isPlainNumber("-12\t")).toBe(false);
    expect(isPlainNumber("-1234")).toBe(true);
    expect(isPlainNumber("-12.50")).toBe(true);
    expect(isPlainNumber("-1.234,56")).toBe(true);
    expect(isPlainNumber("-2+3")).toBe(false);
  });
});

describe("parseDate", () => {
  it.each([
    ["2026-03-12", "2026-03-12"],
    ["2026/3/9", "2026-03-09"],
    ["12.03.2026", "2026-03-12"],
    ["25/12/2026", "2026-12-25"],
    ["12/25/2026", "2026-12-25"],
  ])("%s → %s", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });
  it.each(["03/04/2026", "31.02.2026", "yesterday"])("%s is ambiguous or invalid", (text) => {
    expect(parseDate(text)).toBeUndefined();
  });
});
