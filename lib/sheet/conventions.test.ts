import { describe, expect, it } from "vitest";
import { fv, result, schema } from "./fixtures.test-helpers";
import { currencyCode, learnConventions, normalizeCorrection } from "./conventions";

const num = { name: "total", type: "number" } as const;
const date = { name: "issue_date", type: "date" } as const;
const de = { decimal: ",", dateOrder: "dmy" } as const;
const us = { decimal: ".", dateOrder: "mdy" } as const;

describe("normalizeCorrection", () => {
  it.each([
    // de / fr
    ["22.632,43 €", de, 22632.43],
    ["1 234,50", de, 1234.5],
    ["1.234", de, 1234],
    ["12,50", {}, 12.5],
    ["1 234,50", {}, 1234.5],
    ["-1.300,00", {}, -1300],
    // en
    ["1,234.50", us, 1234.5],
    ["1,234.50", {}, 1234.5],
    ["(12.00)", us, -12],
    // a value only the other convention reads is taken as typed
    ["1234.50", de, 1234.5],
    ["12,50", us, 12.5],
    // ja
    ["¥1,628,879", {}, 1628879],
    ["１２，３４５円", {}, 12345],
    ["1,000", { currency: "JPY" }, 1000],
  ])("number %j with %j → %j", (text, conv, expected) => {
    expect(normalizeCorrection(num, text, conv)).toEqual({ status: "ok", normalized: expected });
  });

  it("asks when a number reads two ways and the document does not say which", () => {
    const r = normalizeCorrection(num, "1,234", {});
    expect(r).toEqual({ status: "ambiguous", candidates: [1234, 1.234], reason: "“1,234” reads as 1234 or 1.234" });
    expect(normalizeCorrection(num, "1,234", de)).toEqual({ status: "ok", normalized: 1.234 });
    expect(normalizeCorrection(num, "1,234", us)).toEqual({ status: "ok", normalized: 1234 });
    expect(normalizeCorrection(num, "about twelve", de)).toEqual({ status: "unreadable", reason: "not a number" });
  });

  it.each([
    ["令和8年9月22日", {}, "2026-09-22"],
    ["2026年11月21日", {}, "2026-11-21"],
    ["01.03.27", {}, "2027-03-01"],
    ["12.03.2026", de, "2026-03-12"],
    ["3 mars 2026", {}, "2026-03-03"],
    ["21. November 2026", {}, "2026-11-21"],
    ["Nov 21, 2026", {}, "2026-11-21"],
    ["03/04/2026", de, "2026-04-03"],
    ["03/04/2026", us, "2026-03-04"],
    ["13/04/2026", us, "2026-04-13"],
    ["2026-04-03", us, "2026-04-03"],
  ])("date %j with %j → %j", (text, conv, expected) => {
    expect(normalizeCorrection(date, text, conv)).toEqual({ status: "ok", normalized: expected });
  });

  it("asks for an ambiguous date without a learned order, and refuses non-dates", () => {
    expect(normalizeCorrection(date, "03/04/2026", {})).toEqual({
      status: "ambiguous",
      candidates: ["2026-04-03", "2026-03-04"],
      reason: "“03/04/2026” could be 2026-04-03 (day first) or 2026-03-04 (month first)",
    });
    expect(normalizeCorrection(date, "31.02.2026", de)).toEqual({ status: "unreadable", reason: "not a date" });
  });

  it("gives currencies an ISO code and leaves text alone", () => {
    expect(normalizeCorrection({ name: "currency", type: "string" }, "€", {})).toEqual({ status: "ok", normalized: "EUR" });
    expect(normalizeCorrection({ name: "currency", type: "string" }, "eur", {})).toEqual({ status: "ok", normalized: "EUR" });
    expect(normalizeCorrection({ name: "currency", type: "string" }, "円", {})).toEqual({ status: "ok", normalized: "JPY" });
    expect(normalizeCorrection({ name: "vendor", type: "string" }, "ACME", {})).toEqual({ status: "text" });
    expect(normalizeCorrection(num, "  ", de)).toEqual({ status: "text" });
    expect(currencyCode("US$")).toBe("USD");
  });
});

describe("learnConventions", () => {
  it("learns the decimal mark and date order from values only one reading reproduces", () => {
    // "12.03.2026" → 2026-03-12 is day first; "90.00" → 90 only with "." (both marks in "12,430.00" say nothing).
    expect(learnConventions(result(), schema.fields)).toEqual({ decimal: ".", dateOrder: "dmy" });
    const german = result({ subtotal: fv("430,50", 1, { normalized: 430.5 }), line_items: { value: [] } });
    expect(learnConventions(german, schema.fields)).toEqual({ decimal: ",", dateOrder: "dmy" });
    const usDoc = result({
      invoice_date: fv("03/12/2026", 1, { normalized: "2026-03-12" }),
      total: fv("1,234.56", 1, { normalized: 1234.56 }),
    });
    expect(learnConventions(usDoc, schema.fields)).toEqual({ decimal: ".", dateOrder: "mdy" });
    expect(learnConventions(null, schema.fields)).toEqual({});
  });
});
