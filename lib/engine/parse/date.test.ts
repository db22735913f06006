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
