import { describe, expect, it } from "vitest";
import { boundedDetails, boundedText, errorBounds, errorEnvelope } from "./errors";

describe("error envelopes stay bounded whatever they quote", () => {
  it("cuts long messages and shows control characters as spaces", () => {
    const m = errorEnvelope("invalid_request", `Unknown templateId "a\r\nSet-Cookie: x${"y".repeat(10_000)}"`, "req_1").error.message;
    expect(m.length).toBe(errorBounds.text);
    expect(m.endsWith("…")).toBe(true);
    expect(m).not.toMatch(/[\r\n]/);
    expect(boundedText("short")).toBe("short");
  });

  it("caps lists and objects, saying how much was left out, and stops deep nesting", () => {
    const issues = Array.from({ length: 500 }, (_, i) => ({ path: `k${i}`, message: "z".repeat(1000) }));
    const d = boundedDetails({ issues, deep: { a: { b: { c: { d: 1 } } } } }) as { issues: unknown[]; deep: unknown };
    expect(d.issues).toHaveLength(errorBounds.items + 1);
    expect(d.issues.at(-1)).toBe(`… ${500 - errorBounds.items} more`);
    expect((d.issues[0] as { message: string }).message.length).toBe(errorBounds.text);
    expect(JSON.stringify(d.deep)).toBe('{"a":{"b":{"c":"…"}}}');
  });
});
