import { describe, expect, it } from "vitest";
import { decodeCtc } from "./rec";
import { SEP_PROB } from "./separators";

// Classes: 0 blank, 1–10 the digits, 11 ".", 12 ",", 13 " " (the dictionary's last class).
const dict = [..."0123456789", ".", ",", " "];
const C = dict.length + 1;
/**
 * A CTC matrix from steps: a digit is a step that reads it (0.9); "_" a blank step; "_.0.3" / "_,0.3" a blank
 * step where "." / "," reaches that probability (the greedy path still takes the blank). A digit read twice needs a
 * blank step between (CTC merges repeats).
 */
function matrix(steps: string[]): Float32Array {
  const m = new Float32Array(steps.length * C);
  steps.forEach((s, t) => {
    const row = t * C;
    if (s.startsWith("_")) {
      const p = s.length > 1 ? Number(s.slice(2)) : 0;
      m[row + (s[1] === "," ? 12 : 11)] = p;
      m[row] = 1 - p;
    } else {
      m[row + dict.indexOf(s) + 1] = 0.9;
      m[row] = 0.1;
    }
  });
  return m;
}
const read = (spec: string, sepProb: number | null = SEP_PROB) => {
  const steps = spec.split(" ");
  return decodeCtc(matrix(steps), steps.length, C, dict, sepProb === null ? {} : { sepProb })
    .map((c) => c.text)
    .join("");
};

describe("amounts' separators from the CTC output", () => {
  it("puts back a decimal point the greedy path dropped between two digits, when its class reaches the threshold", () => {
    expect(read("1 5 0 _.0.3 9 _ 9")).toBe("150.99");
    expect(read("1 5 0 _.0.05 9 _ 9")).toBe("15099");
    // off unless asked for (till receipts, the cross-reader's line readings)
    expect(read("1 5 0 _.0.3 9 _ 9", null)).toBe("15099");
  });

  it("makes a put-back separator of the decimal one's kind the group separator, either convention", () => {
    expect(read("1 _.0.36 1 0 5 _.0.26 5 0")).toBe("1,105.50");
    expect(read("1 _,0.2 2 3 4 _,0.3 5 6")).toBe("1.234,56");
    // one the reader did read stays as read
    expect(read("1 _.0.3 1 0 9 . 5 3")).toBe("1,109.53");
  });

  it("puts none where the digits after it are no amount's group: ids, dates, a run of digits", () => {
    expect(read("4 5 0 8 _.0.3 5 6 _ 6 5")).toBe("45085665");
    expect(read("2 5 _.0.3 0 5 _.0.3 2 0 2 7")).toBe("25052027");
    expect(read("1 2 _.0.3 3")).toBe("123");
  });
});
