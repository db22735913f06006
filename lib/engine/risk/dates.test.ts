import { describe, expect, it } from "vitest";
import type { Box, OcrWord } from "../types";
import { pageOf } from "./__fixtures__/page";
import { printedAgain, termPaired } from "./dates";

function word(id: string, text: string, box: Box, line: string): OcrWord {
  return { id, text, box, quad: [], conf: 0.95, lineId: line, symbols: [] } as unknown as OcrWord;
}
const at = (y: number, x = 100): Box => ({ x0: x, y0: y, x1: x + 80, y1: y + 12 });

describe("dates a customary payment term apart", () => {
  it("confirms an issue date and its due date 30 days on, in either order", () => {
    const dates = [
      { path: "issue_date", iso: "2026-12-19", page: 0, box: at(100) },
      { path: "due_date", iso: "2027-01-18", page: 0, box: at(120) },
    ];
    expect([...termPaired(dates)].sort()).toEqual(["due_date", "issue_date"]);
  });

  it("does not confirm a difference no payment term has (a misread digit) or one print taken twice", () => {
    expect(
      termPaired([
        { path: "issue_date", iso: "2026-12-19", page: 0, box: at(100) },
        { path: "due_date", iso: "2027-01-13", page: 0, box: at(120) },
      ]).size,
    ).toBe(0);
    expect(
      termPaired([
        { path: "issue_date", iso: "2026-12-19", page: 0, box: at(100) },
        { path: "delivery_date", iso: "2027-01-18", page: 0, box: at(100) },
      ]).size,
    ).toBe(0);
  });
});

describe("a date printed a second time", () => {
  const header = [word("h0", "Date:", at(100, 10), "l0"), word("h1", "12/07/2024", at(100), "l0")];
  const footer = [word("f0", "Paid", at(800, 10), "l1"), word("f1", "on", at(800, 50), "l1"), word("f2", "12", at(800, 100), "l1")];
  const month = [word("f3", "July", at(800, 200), "l1"), word("f4", "2024", at(800, 300), "l1")];

  it("finds the same day in another format elsewhere on the page", () => {
    const p = pageOf([...header, ...footer, ...month]);
    expect(printedAgain(p, at(100), "2024-07-12")).toBe(true);
  });

  it("does not count the value's own print, nor another day", () => {
    expect(printedAgain(pageOf(header), at(100), "2024-07-12")).toBe(false);
    const other = [...footer, word("f3", "July", at(800, 200), "l1"), word("f4", "2025", at(800, 300), "l1")];
    expect(printedAgain(pageOf([...header, ...other]), at(100), "2024-07-12")).toBe(false);
  });
});
