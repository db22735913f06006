import { describe, expect, it } from "vitest";
import { normalizeValue } from "./normalize";

describe("normalizeValue", () => {
  it("normalizes by field type", () => {
    expect(normalizeValue("number", "1.469,06\u00A0€")).toBe(1469.06);
    expect(normalizeValue("date", "令和8年1月14日")).toBe("2026-01-14");
    expect(normalizeValue("date", "03/04/2026")).toBeUndefined();
    expect(normalizeValue("date", "03/04/2026", { dateOrder: "dmy" })).toBe("2026-04-03");
    expect(normalizeValue("string", "  Acme\n GmbH ")).toBe("Acme GmbH");
    expect(normalizeValue("array", "x")).toBeUndefined();
  });
});
