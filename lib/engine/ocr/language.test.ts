import { describe, expect, it } from "vitest";
import { plainLatin, wordsOfBlocks } from "./language";

const w = (text: string, confidence: number) => ({ text, confidence });

describe("plainLatin", () => {
  it("takes a confident English reading for plain Latin text", () => {
    expect(plainLatin([w("TOTAL", 92), w("RM", 88), w("12.50", 90), w("THANK", 85), w("YOU", 91), w("CASH", 70)])).toBe(true);
  });

  it("does not take the English model's reading of kana and kanji (letter soup it is unsure of) for Latin", () => {
    // dev-001-0008's first blocks as the English model reads them: mean confidence ~21.
    expect(plainLatin([w("HE|I", 30), w("¥—", 12), w("ili", 25), w("Ad", 40), w("500|WEEE", 20), w("24%)", 35), w("a—t—d", 10)])).toBe(false);
  });

  it("leaves a faded page, half of it in doubt, to the two-model reading", () => {
    expect(plainLatin([w("GARDENIA", 90), w("BAKERIES", 88), w("rep", 30), w("TIEN", 40), w("Ber", 35), w("wor", 20)])).toBe(false);
  });

  it("judges nothing from too little text", () => {
    expect(plainLatin([w("TOTAL", 95)])).toBe(false);
  });

  it("lists the words of tesseract blocks", () => {
    const blocks = [{ paragraphs: [{ lines: [{ words: [w("a", 1), w("b", 2)] }, { words: [w("c", 3)] }] }] }];
    expect(wordsOfBlocks(blocks).map((x) => x.text)).toEqual(["a", "b", "c"]);
    expect(wordsOfBlocks(undefined)).toEqual([]);
  });
});
