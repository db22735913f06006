import { describe, expect, it } from "vitest";
import { detectCurrency, dollarCountry, findAmounts, parseAmount } from "./amount";

describe("parseAmount", () => {
  it.each([
    ["1,234.56", 1234.56],
    ["1.234,56", 1234.56],
    ["1 234,56", 1234.56],
    ["1\u00A0234,56\u00A0€", 1234.56],
    ["1\u202F234,56 €", 1234.56],
    ["12,345円", 12345],
    ["¥12,345", 12345],
    ["￥１２,３４５", 12345],
    ["¥123,456-", 123456],
    ["-12.50", -12.5],
    ["(12.50)", -12.5],
    ["$ 1,075.77", 1075.77],
    ["$1,525.52 CAD", 1525.52],
    ["EUR 1.469,06", 1469.06],
    ["GBP 30.00", 30],
    ["C$42.47", 42.47],
    ["1,00", 1],
    ["2,5", 2.5],
    ["12", 12],
    ["1,234", 1234],
    ["1'234.50", 1234.5],
    ["1.234.567,89", 1234567.89],
    // a till's minus after cents, and cents whose units' zero the till dropped
    ["0.02-", -0.02],
    ["RM 5.00-", -5],
    [".02", 0.02],
  ])("%s → %d", (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });

  it("uses the decimal-mark hint for a lone separator before three digits", () => {
    expect(parseAmount("1.234", ",")).toBe(1234);
    expect(parseAmount("1,234", ",")).toBe(1.234);
  });

  it.each(["", "abc", "12a", "1,23,4", "INV-2049"])("rejects %j", (text) => {
    expect(parseAmount(text)).toBeUndefined();
  });
});

describe("findAmounts", () => {
  it("keeps the currency sign inside and decorations outside", () => {
    const spans = findAmounts("合計金額： ¥309,390 （税込）");
    expect(spans.map((s) => s.text)).toEqual(["¥309,390"]);
    expect(spans[0]?.value).toBe(309390);
  });

  it("drops the trailing dash of a Japanese amount", () => {
    expect(findAmounts("ご請求金額 ¥123,456-").map((s) => s.text)).toEqual(["¥123,456"]);
  });

  it("finds several amounts with NBSP euro suffixes", () => {
    const spans = findAmounts("Netto 3.897,16\u00A0€ MwSt 740,46 €");
    expect(spans.map((s) => [s.text, s.value])).toEqual([
      ["3.897,16\u00A0€", 3897.16],
      ["740,46 €", 740.46],
    ]);
  });
});

describe("dollarCountry", () => {
  it("reads Canadian and Australian dollars from the page", () => {
    expect(dollarCountry("USD", "HST 13% $12.00")).toBe("CAD");
    expect(dollarCountry("USD", "Toronto, ON M5V 2T6")).toBe("CAD");
    expect(dollarCountry("USD", "ABN 12 345 678 901")).toBe("AUD");
    expect(dollarCountry("USD", "Austin, TX 78701")).toBe("USD");
    expect(dollarCountry("EUR", "HST")).toBe("EUR");
  });
});

describe("detectCurrency", () => {
  it.each([
    ["1.234,56 €", "EUR"],
    ["¥12,345", "JPY"],
    ["12,345円", "JPY"],
    ["$1,525.52 CAD", "CAD"],
    ["£5.00", "GBP"],
    ["$5.00", "USD"],
    ["12.00", undefined],
  ])("%s → %s", (text, code) => {
    expect(detectCurrency(text)).toBe(code);
  });
});
