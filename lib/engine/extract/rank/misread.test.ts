import { describe, expect, it } from "vitest";
import { analyzePage } from "../../layout/rows";
import { makePage } from "../../layout/testing";
import { parseAmount } from "../../parse/amount";
import { parseDate } from "../../parse/date";
import { dateCandidates } from "./date";
import { amountTwins, digitMonthDates, letteredDates, oneConfusionAway, repairedDate, strayDates } from "./misread";
import { totalCandidates } from "./total";

const anyOrder = (t: string) => parseDate(t) ?? parseDate(t, "dmy") ?? parseDate(t, "mdy");

describe("values OCR misread by one character", () => {
  it("lists the texts one digit confusion away", () => {
    expect(oneConfusionAway("2618")).toContain("2018");
    expect(oneConfusionAway("2O18")).toContain("2018");
    expect(oneConfusionAway("2618")).not.toContain("2628");
  });

  it("restores a date that cannot exist when exactly one date of this era is one confusion away", () => {
    expect(repairedDate("39/03/2018", anyOrder)).toEqual({ text: "30/03/2018", iso: "2018-03-30" });
    expect(repairedDate("14 Mar 2618", anyOrder)).toEqual({ text: "14 Mar 2018", iso: "2018-03-14" });
    expect(repairedDate("12-02-2618", anyOrder)).toEqual({ text: "12-02-2018", iso: "2018-02-12" });
    // a date that exists stays as printed, even when another one is one confusion away
    expect(repairedDate("27/01/17", anyOrder)).toBeUndefined();
    // several dates one confusion away: no way to tell which was printed
    expect(repairedDate("35/03/2018", anyOrder)).toBeUndefined();
  });

  it("reads a digit OCR took for a letter inside a numeric date", () => {
    expect(letteredDates("Inv No :B6K130785499 Date:D2/02/17 19:46").map((d) => d.text)).toEqual(["02/02/17"]);
    expect(letteredDates("1O/O5/2017")).toEqual([]);
    expect(letteredDates("Table S1/2")).toEqual([]);
  });

  it("reads a date whose one separator OCR took for another character, the other separator standing", () => {
    expect(strayDates("RECEIPT #: CS00633800 DATE: 25/0472017").map((d) => d.text)).toEqual(["25/04/2017"]);
    expect(strayDates("CB#:59581331715 14MMay/2017").map((d) => d.text)).toEqual(["14/May/2017"]);
    expect(strayDates("Datum 03.11l2026").map((d) => d.text)).toEqual(["03.11.2026"]);
    // a whole date, a time, a phone number, an amount by a quantity, item codes: none
    for (const t of ["25/04/2017", "10:36:13", "03-77343662", "2X19.90", "RC22-24/288", "1-1/2X2018", "12/144", "Tel :603-2030 1000"])
      expect(strayDates(t), t).toEqual([]);
  });

  it("reads a month name with one letter the OCR took for a digit", () => {
    expect(digitMonthDates("DATE 10 0CT 2017 TUE", anyOrder).map((d) => [d.text, d.iso])).toEqual([["10 OCT 2017", "2017-10-10"]]);
    expect(digitMonthDates("3 5EP 2018", anyOrder).map((d) => d.iso)).toEqual(["2018-09-03"]);
    // a month read right, a word with two digits or one letter, a word no month: none
    for (const t of ["10 OCT 2017", "12 X1 2018", "Lot 12 B10CK 2018", "12 0X 2018"]) expect(digitMonthDates(t, anyOrder), t).toEqual([]);
  });

  it("lists an amount's digit twins with the same marks", () => {
    const t = amountTwins("RM 57.10", parseAmount).map((x) => x.text);
    expect(t).toContain("RM 37.10");
    expect(t).toContain("RM 67.10");
    expect(t.every((x) => x.length === "RM 57.10".length)).toBe(true);
  });

  it("offers the repaired date as a candidate of its own, on the print's words", () => {
    const page = makePage([
      { y: 40, runs: [["Shop Name Sdn Bhd", 60]] },
      { y: 80, runs: [["39/03/2018 13:11", 60]] },
    ]);
    const c = dateCandidates([analyzePage(page)], { field: "issue_date", labelled: {}, otherDateFields: [] });
    const fixed = c.find((x) => x.features.repaired === 1);
    expect(fixed?.iso).toBe("2018-03-30");
    expect(fixed?.text).toBe("30/03/2018");
    expect(fixed?.wordIds).toEqual(c.find((x) => x.text === "39/03/2018")?.wordIds);
    expect(c.filter((x) => x.features.repaired === 0).map((x) => x.text)).toEqual(["39/03/2018"]);
  });
});

// A till receipt's closing block, labels in no lexicon language.
const row = (y: number, label: string, ...amounts: string[]) => ({
  y,
  runs: [[label, 60] as [string, number], ...amounts.map((a, i) => [a, 500 + 200 * i] as [string, number])],
});

describe("totals the printed amounts imply where no amount prints them", () => {
  it("restores a total read one digit off when a tax summary's net and tax add up to its twin", () => {
    const page = makePage([row(300, "Xqwe", "11.20"), row(320, "Vbnm", "22.90"), row(400, "Kopa", "RM 57.10"), row(500, "Nodoklis", "35.00", "2.10")]);
    const c = totalCandidates([analyzePage(page)], { labelled: {} });
    const d = c.filter((x) => x.features.d_sum === 1);
    expect(d.map((x) => [x.text, x.value])).toEqual([["RM 37.10", 37.1]]);
    expect(d[0]!.wordIds).toEqual(c.find((x) => x.text === "RM 57.10")!.wordIds);
    expect(d[0]!.features.derived).toBe(1);
  });

  it("restores a total one digit off the run of amounts above it, and nothing when a printed total closes", () => {
    // (the item lines were misread too: nothing on the page closes)
    const misread = makePage([
      row(300, "Xqwe", "40.00"),
      row(320, "Vbnm", "25.30"),
      row(360, "Starpsumma", "64.00"),
      row(380, "Nodoklis", "3.84"),
      row(400, "Apal", "0.01"),
      row(420, "Kopa", "67.95"),
    ]);
    const c = totalCandidates([analyzePage(misread)], { labelled: {} });
    expect(c.filter((x) => x.features.d_sum === 1).map((x) => [x.text, x.value])).toEqual([["67.85", 67.85]]);
    const printed = makePage([
      row(300, "Xqwe", "40.00"),
      row(320, "Vbnm", "24.00"),
      row(360, "Starpsumma", "64.00"),
      row(380, "Nodoklis", "3.84"),
      row(400, "Apal", "0.01"),
      row(420, "Kopa", "67.85"),
      row(440, "Skaidra", "97.85"),
    ]);
    expect(totalCandidates([analyzePage(printed)], { labelled: {} }).some((x) => x.features.derived === 1)).toBe(false);
  });

  it("derives the cash rounding of a total when the rounding difference is printed beside it", () => {
    const page = makePage([row(300, "Xqwe", "96.00"), row(320, "Nodoklis", "5.76"), row(340, "Apal", "-0.01"), row(360, "Kopa", "101.76")]);
    const c = totalCandidates([analyzePage(page)], { labelled: {} });
    expect(c.filter((x) => x.features.d_round === 1).map((x) => [x.text, x.value])).toEqual([["101.75", 101.75]]);
  });

  it("derives the bill the reader lost where the lines and the payment agree on it, and only then", () => {
    // frozen from a till receipt whose double-height total was read as noise ("RIC , III)"); labels in no lexicon language
    const rows = (tendered: string, extra: ReturnType<typeof row>[] = []) =>
      makePage([
        row(300, "Xqwe", "RM26.00"),
        row(320, "Vbnm", "RM13.00"),
        { y: 360, h: 30, runs: [["Kopa RIC , III)", 60]] },
        row(400, "(Nodoklis 6% :", "RM2.21)"),
        ...extra,
        row(440, "Skaidra", tendered),
        row(460, "Atlikums", "RM11.00"),
      ]);
    const c = totalCandidates([analyzePage(rows("RM50.00"))], { labelled: {} });
    const agreed = c.filter((x) => x.features.d_agree === 1);
    expect(agreed.map((x) => [x.text, x.value])).toEqual([["RM39.00", 39]]);
    expect(agreed[0]?.features).toMatchObject({ derived: 1, is_max: 0, ge_above: 1, lab_cash: 0 });
    // the lines do not add up to what the payment leaves: nothing to restore
    expect(totalCandidates([analyzePage(rows("RM51.00"))], { labelled: {} }).some((x) => x.features.d_agree === 1)).toBe(false);
    // the bill is printed and read: nothing to restore
    const read = rows("RM50.00", [row(420, "Kopa", "RM39.00")]);
    expect(totalCandidates([analyzePage(read)], { labelled: {} }).some((x) => x.features.derived === 1)).toBe(false);
    // an amount above larger than what the payment leaves: the two lines are no tendered and change of this bill
    const larger = rows("RM50.00", [row(280, "Xqwe", "RM45.00")]);
    expect(totalCandidates([analyzePage(larger)], { labelled: {} }).some((x) => x.features.d_agree === 1)).toBe(false);
  });
});
