import { describe, expect, it } from "vitest";
import { findDates, parseDate } from "./date";

describe("parseDate", () => {
  it.each([
    ["21.11.2026", "2026-11-21"],
    ["21. November 2026", "2026-11-21"],
    ["25. Mai 2027", "2027-05-25"],
    ["11/21/2026", "2026-11-21"],
    ["21/11/2026", "2026-11-21"],
    ["2026-11-21", "2026-11-21"],
    ["2026/12/06", "2026-12-06"],
    ["2026年11月21日", "2026-11-21"],
    ["令和8年11月21日", "2026-11-21"],
    ["令和元年5月1日", "2019-05-01"],
    ["Nov 21, 2026", "2026-11-21"],
    ["November 21st, 2026", "2026-11-21"],
    ["August 3 , 2014", "2014-08-03"],
    ["21 nov. 2026", "2026-11-21"],
    ["1er mars 2026", "2026-03-01"],
    ["21 décembre 2026", "2026-12-21"],
    ["11 Apr 2026", "2026-04-11"],
    ["05.07.25", "2025-07-05"],
    ["21-Nov-2026", "2026-11-21"],
    ["14-03-18", "2018-03-14"],
  ])("%s → %s", (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it("is undefined for day/month ambiguity unless an order is given", () => {
    expect(parseDate("03/04/2026")).toBeUndefined();
    expect(parseDate("03/04/2026", "dmy")).toBe("2026-04-03");
    expect(parseDate("03/04/2026", "mdy")).toBe("2026-03-04");
  });

  it.each(["31.02.2026", "2026-13-01", "令和8年2月30日", "hello", "12345"])("rejects %j", (text) => {
    expect(parseDate(text)).toBeUndefined();
  });
});

describe("findDates", () => {
  it("finds a date inside running text", () => {
    const spans = findDates("Bitte überweisen Sie den Betrag bis zum 24. Juni 2027 ohne Abzug.");
    expect(spans.map((s) => [s.text, s.iso])).toEqual([["24. Juni 2027", "2027-06-24"]]);
  });
});

describe("month names of many languages (months.json)", () => {
  it("reads named-month dates beyond EN/DE/FR", () => {
    const cases: [string, string][] = [
      ["14 de marzo de 2024", "2024-03-14"],
      ["14 marca 2024", "2024-03-14"],
      ["14. března 2024", "2024-03-14"],
      ["14. maaliskuuta 2024", "2024-03-14"],
      ["2024. március 14.", "2024-03-14"],
      ["2024 m. kovo 14 d.", "2024-03-14"],
      ["2024. gada 14. marts", "2024-03-14"],
      ["14 Mart 2024", "2024-03-14"],
      ["14 Maret 2024", "2024-03-14"],
      ["14 οκτωβρίου 2024", "2024-10-14"],
      ["14 октомври 2024", "2024-10-14"],
      ["3 settembre 2024", "2024-09-03"],
      ["14 Jan 2024", "2024-01-14"],
      ["02/JAN/2017", "2017-01-02"],
      ["15-APR-2017", "2017-04-15"],
    ];
    for (const [text, want] of cases) expect(parseDate(text), text).toBe(want);
  });
});
