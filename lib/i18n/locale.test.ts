import { describe, expect, it } from "vitest";
import { pickLocale } from "./locale";

describe("pickLocale", () => {
  it("takes the saved choice first", () => {
    expect(pickLocale("ja", "en-US,en;q=0.9")).toBe("ja");
    expect(pickLocale("en", "ja")).toBe("en");
  });
  it("follows the browser's languages by weight, then English", () => {
    expect(pickLocale(undefined, "ja-JP,ja;q=0.9,en;q=0.8")).toBe("ja");
    expect(pickLocale(undefined, "de-DE,de;q=0.9,ja;q=0.8,en;q=0.7")).toBe("ja");
    expect(pickLocale(undefined, "en;q=0.5,ja;q=0.9")).toBe("ja");
    expect(pickLocale(undefined, "fr-FR")).toBe("en");
    expect(pickLocale("xx", null)).toBe("en");
  });
});
