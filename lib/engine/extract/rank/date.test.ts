import { describe, expect, it } from "vitest";
import { analyzePage } from "../../layout/rows";
import { makePage } from "../../layout/testing";
import { dateCandidates, looseDates } from "./date";
import { DATE_FEATURES } from "./index";

describe("date candidates for the learned ranking", () => {
  const page = makePage([
    { y: 40, runs: [["Brosk Vexa SIA", 60]], h: 20 },
    {
      y: 80,
      runs: [
        ["Datum:", 600],
        ["21.11.2026", 760],
      ],
    },
    {
      y: 100,
      runs: [
        ["Due date", 600],
        ["05.12.2026", 760],
      ],
    },
    { y: 700, runs: [["21.11.2026 14:02", 60]] },
  ]);
  const layout = analyzePage(page);

  it("gives every printed date the ranking's features, in reading order", () => {
    const c = dateCandidates([layout], { field: "issue_date", labelled: {}, otherDateFields: ["due_date"] });
    expect(c.map((x) => x.text)).toEqual(["21.11.2026", "05.12.2026", "21.11.2026"]);
    for (const x of c) for (const f of DATE_FEATURES) expect(typeof x.features[f], f).toBe("number");
    expect(c.map((x) => x.iso)).toEqual(["2026-11-21", "2026-12-05", "2026-11-21"]);
    expect(c[0]!.features.first).toBe(1);
    expect(c[0]!.features.earliest).toBe(1);
    expect(c[1]!.features.latest).toBe(1);
    expect(c[0]!.features.repeats).toBeGreaterThan(0);
    expect(c[2]!.features.has_time).toBe(1);
    expect(c[1]!.features.other_word).toBe(1);
  });

  it("reads the labels the rules found beside a candidate", () => {
    const plain = dateCandidates([layout], { field: "issue_date", labelled: {}, otherDateFields: ["due_date"] });
    const due = { text: "05.12.2026", page: 0, wordIds: plain[1]!.wordIds, score: 0.9 };
    const c = dateCandidates([layout], { field: "issue_date", labelled: { due_date: [due] }, otherDateFields: ["due_date"] });
    expect(c[1]!.features.lab_other).toBeCloseTo(0.9);
    expect(c[1]!.features.lab_date).toBe(0);
  });
});

describe("dates OCR glued to their neighbours", () => {
  it("reads a year run into the time, a word run into the day and a compact date before a time", () => {
    expect(looseDates("CB#: 389772  17/01/20188.08:53").map((d) => [d.text, d.iso])).toEqual([["17/01/2018", "2018-01-17"]]);
    expect(looseDates("le30/03/2018 a 12:36").map((d) => [d.text, d.iso])).toEqual([["30/03/2018", "2018-03-30"]]);
    expect(looseDates("00440010036 25032018 13:11:54 0003").map((d) => [d.text, d.iso])).toEqual([["25032018", "2018-03-25"]]);
    expect(looseDates("Date/Time 20180428/191204").map((d) => [d.text, d.iso])).toEqual([["20180428", "2018-04-28"]]);
    expect(looseDates("Ref 12345678/123456")).toEqual([]);
    // a slip number, a barcode, a nonexistent date: none
    expect(looseDates("Slip 10011234 Trans 5566")).toEqual([]);
    expect(looseDates("99999999 12:00")).toEqual([]);
    expect(looseDates("31/02/20181")).toEqual([]);
    // the second separator lost to a space: the date as printed, with its separator
    expect(looseDates("30/03 2018 13:07").map((d) => [d.text, d.iso])).toEqual([["30/03/2018", "2018-03-30"]]);
  });

  it("lets a date whose one separator the OCR misread compete as printed, marked repaired", () => {
    const page = makePage([
      { y: 40, runs: [["Brosk Vexa SIA", 60]], h: 20 },
      { y: 80, runs: [["RECEIPT #: CS00633800 DATE: 25/0472017", 60]] },
    ]);
    const c = dateCandidates([analyzePage(page)], { field: "issue_date", labelled: {}, otherDateFields: [] });
    const got = c.find((x) => x.iso === "2017-04-25");
    expect(got?.text).toBe("25/04/2017");
    expect(got?.features.repaired).toBe(1);
  });

  it("marks a date inside a longer dotted number and one on an address line", () => {
    const page = makePage([
      { y: 40, runs: [["Tel.:05.22.95.66.66", 60]] },
      { y: 80, runs: [["le30/03/2018 a 12:36", 60]] },
      { y: 120, runs: [["Jalan Besar 6-25-17", 60]] },
    ]);
    const c = dateCandidates([analyzePage(page)], { field: "issue_date", labelled: {}, otherDateFields: [] });
    const byText = Object.fromEntries(c.map((x) => [x.text, x.features]));
    expect(byText["05.22.95"]?.run_on).toBe(1);
    expect(byText["30/03/2018"]?.loose).toBe(1);
    expect(byText["30/03/2018"]?.run_on).toBe(0);
    expect(byText["6-25-17"]?.address).toBe(1);
  });
});
