import { describe, expect, it } from "vitest";
import { displayName, stripBidiControls } from "./bidi";

describe("bidi controls", () => {
  it("removes overrides, embeddings, isolates and marks, keeps right-to-left letters", () => {
    expect(stripBidiControls("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(stripBidiControls("\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061Cx")).toBe("x");
    expect(stripBidiControls("فاتورة 2024")).toBe("فاتورة 2024");
  });
  it("shows a missing name as empty", () => expect(displayName(null)).toBe(""));
});
