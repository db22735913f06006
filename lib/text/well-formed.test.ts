import { describe, expect, it } from "vitest";
import { wellFormed, wellFormedJson } from "./well-formed";

describe("well-formed text for jsonb", () => {
  it("replaces unpaired surrogates and keeps pairs", () => {
    expect(wellFormed("a\uDC00b\uD800")).toBe("a\uFFFDb\uFFFD");
    expect(wellFormed("😀 ok")).toBe("😀 ok");
  });

  it("reaches every string of a value, keys included, and leaves other values alone", () => {
    const out = wellFormedJson({ name: "x\uD83D", list: ["\uDE00", 3, null], "k\uDC01": { at: new Date(0).toISOString(), n: 1 } });
    expect(JSON.stringify(out)).not.toMatch(/\\ud[89a-f]/i);
    expect(out).toEqual({ name: "x\uFFFD", list: ["\uFFFD", 3, null], "k\uFFFD": { at: "1970-01-01T00:00:00.000Z", n: 1 } });
  });
});
