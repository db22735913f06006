import { describe, expect, it } from "vitest";
import { parsePercent } from "./percent";

describe("parsePercent", () => {
  it("reads a rate's decimal mark, whichever it is, and its sign", () => {
    expect(parsePercent("20 %")).toBe(20);
    expect(parsePercent("5,5 %")).toBe(5.5);
    expect(parsePercent("8.875%")).toBe(8.875);
    expect(parsePercent("10％")).toBe(10);
    expect(parsePercent("19")).toBe(19);
  });

  it("is no rate when the text holds more than one number", () => {
    expect(parsePercent("10 % / 8 %")).toBeUndefined();
    expect(parsePercent("")).toBeUndefined();
  });
});
