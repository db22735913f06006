import { describe, expect, it } from "vitest";
import { align, type Ch, DEFAULT_FUSE, fuseLine } from "./fuse-line";
import { COMPANY_VOCAB } from "./vendor";

const first = (text: string, conf = 0.99) => text.split(" ").map((t) => ({ text: t, confs: [...t].map(() => conf) }));
const second = (text: string, conf = 0.99): Ch[] => [...text].map((c) => ({ text: c, conf }));

describe("align", () => {
  it("pairs equal letters (case aside) and marks letters only one side read", () => {
    expect(align([..."IKAND"], [..."ikano"])).toEqual([0, 1, 2, 3, 4].map((i) => ({ a: i, b: i })));
    expect(align([..."ABXC"], [..."ABC"])).toEqual([
      { a: 0, b: 0 },
      { a: 1, b: 1 },
      { a: 2, b: -1 },
      { a: 3, b: 2 },
    ]);
  });
});

describe("fuseLine", () => {
  it("takes the second reader's letter where it is sure, keeping the first reader's words and spaces", () => {
    const f = fuseLine(first("IKAND HANDEL SDN BHD"), second("IKANOHANDELSDNBHD"), COMPANY_VOCAB);
    expect(f.words).toEqual(["IKANO", "HANDEL", "SDN", "BHD"]);
    expect(f.changed).toBe(1);
    expect(f.disagreements).toBe(1);
  });

  it("keeps a first-reader word the company vocabulary knows against an unknown second reading", () => {
    const f = fuseLine(first("SUNRISE TRADING"), second("SUNRISE TRAOING"), COMPANY_VOCAB);
    expect(f.words).toEqual(["SUNRISE", "TRADING"]);
  });

  it("a letter read as a digit or the other way round: the word's own kind decides", () => {
    expect(fuseLine(first("URBAN 1DEA"), second("URBANIDEA"), new Set()).words).toEqual(["URBAN", "IDEA"]);
    expect(fuseLine(first("MR. D.I.Y."), second("MR.D.1.Y."), new Set()).words).toEqual(["MR.", "D.I.Y."]);
    expect(fuseLine(first("NO 1O5"), second("NO105"), new Set()).words).toEqual(["NO", "105"]);
  });

  it("inside a capital name closed by its legal form, a sure capital of the second reader replaces a digit of the first", () => {
    const words = first("MR. 0.1.7. (M) SDN BHD");
    // outside a name's shape the word's own kind (digits) decides
    expect(fuseLine(words, second("MR.Q.I.Z.(M)SDNBHD"), COMPANY_VOCAB).words[1]).toBe("0.1.7.");
    const named = fuseLine(words, second("MR.Q.I.Z.(M)SDNBHD"), COMPANY_VOCAB, DEFAULT_FUSE, 0.4, true);
    expect(named.words).toEqual(["MR.", "Q.I.Z.", "(M)", "SDN", "BHD"]);
    expect(named.restored).toBe(1);
    // not where the second reader is unsure, nor where it reads a digit in that word too (a number of the name)
    expect(fuseLine(words, second("MR.Q.I.Z.(M)SDNBHD", 0.6), COMPANY_VOCAB, DEFAULT_FUSE, 0.4, true).words[1]).toBe("0.1.7.");
    const number = fuseLine(first("77 SPEEDY MART S/B"), second("7T SPEEDYMARTS/B"), COMPANY_VOCAB, DEFAULT_FUSE, 0.4, true);
    expect(number.words[0]).toBe("77");
    expect(number.restored).toBe(0);
  });

  it("takes a letter the second reader is fairly sure of (0.8 or more) against the first's sure-looking one", () => {
    // tesseract is ~0.99 sure of its misread letters too, so only the recogniser's confidence decides
    const chars = [...second("NORVANTI BOOKS (P"), { text: "J", conf: 0.83 }, ...second(") SDN BHD")];
    expect(fuseLine(first("NORVANTI BOOKS (PT) SDN BHD"), chars, COMPANY_VOCAB).words[2]).toBe("(PJ)");
    const unsure = [...second("NORVANTI BOOKS (P"), { text: "J", conf: 0.75 }, ...second(") SDN BHD")];
    expect(fuseLine(first("NORVANTI BOOKS (PT) SDN BHD"), unsure, COMPANY_VOCAB).words[2]).toBe("(PT)");
  });

  it("takes a second-reader word the vocabulary knows, in the first reading's capitals", () => {
    const f = fuseLine(first("KEDAI ENTERPRTSE", 0.99), second("Kedai enterprise", 0.6), COMPANY_VOCAB);
    expect(f.words).toEqual(["KEDAI", "ENTERPRISE"]);
  });

  it("keeps the first reading where the second is unsure, and drops only the first's unsure extra letters", () => {
    expect(fuseLine(first("Owner hy"), [{ text: "D", conf: 0.65 }, ...second("wnerby")], new Set()).words).toEqual(["Owner", "by"]);
    const extra = [{ text: "PETRODELYI", confs: [0.99, 0.99, 0.99, 0.99, 0.99, 0.98, 0.99, 0.99, 0.89, 0.86] }];
    expect(fuseLine(extra, second("PETRODELI"), new Set()).words).toEqual(["PETRODELI"]);
    expect(fuseLine(extra, second("PETRODELI"), new Set(), { ...DEFAULT_FUSE, dropBelow: 0 }).words).toEqual(["PETRODELYI"]);
  });

  it("leaves a word alone whose second reading is garbled (a character far below sure beside confident inventions)", () => {
    // A vendor line printed through white stripes, as PP-OCR read it: "A(C:MEE Sup plies Ltocl".
    const garbled: Ch[] = [
      ["A", 0.98],
      ["(", 0.47],
      ["C", 0.95],
      [":", 0.81],
      ["M", 0.98],
      ["E", 0.96],
      ["E", 0.69],
      [" ", 0.99],
      ["S", 0.82],
      ["u", 0.99],
      ["p", 0.99],
      [" ", 0.89],
      ["p", 0.82],
      ["l", 0.99],
      ["i", 0.99],
      ["e", 0.99],
      ["s", 0.98],
      [" ", 0.99],
      ["L", 0.98],
      ["t", 0.99],
      ["o", 0.78],
      ["c", 0.31],
      ["l", 0.97],
    ].map(([text, conf]) => ({ text: text as string, conf: conf as number }));
    expect(fuseLine(first("ACME Supplies Lte"), garbled, COMPANY_VOCAB).words).toEqual(["ACME", "Supplies", "Lte"]);
    expect(fuseLine(first("ACME Supplies Lte"), garbled, COMPANY_VOCAB, { ...DEFAULT_FUSE, wordFloor: 0 }).words).not.toEqual(["ACME", "Supplies", "Lte"]);
  });

  it("leaves the line alone when the second reading is of other ink (too many letters differ)", () => {
    const f = fuseLine(first("TEO HENG STATIONERY"), second("QTY U/P DISC% AMOUNT"), COMPANY_VOCAB);
    expect(f.words).toEqual(["TEO", "HENG", "STATIONERY"]);
    expect(f.changed).toBe(0);
    expect(f.disagreements).toBeGreaterThan(5);
  });

  it("changes nothing when the readings agree", () => {
    expect(fuseLine(first("Taste Of The World"), second("TasteOfTheWorld"), COMPANY_VOCAB)).toEqual({
      words: ["Taste", "Of", "The", "World"],
      changed: 0,
      disagreements: 0,
      restored: 0,
    });
  });
});

describe("fuseLine joins", () => {
  it("joins two words the first reader split when together they spell a vocabulary word and the second saw no space", () => {
    expect(fuseLine(first("SINNATHAMBY HOL DINGS SDN."), second("SINNATHAMBYHOLDINGSSDN."), COMPANY_VOCAB).words).toEqual([
      "SINNATHAMBY",
      "HOLDINGS",
      "",
      "SDN.",
    ]);
    expect(fuseLine(first("HOL DINGS"), second("HOL DINGS"), COMPANY_VOCAB).words).toEqual(["HOL", "DINGS"]);
    expect(fuseLine(first("BOOK STORE"), second("BOOKSTORE"), COMPANY_VOCAB).words).toEqual(["BOOK", "STORE"]);
  });
});
