import { describe, expect, it } from "vitest";
import { page } from "./__fixtures__/page";
import { japaneseForms, japanesePage } from "./han-variants";
import variants from "./lexicon/han-variants.json";

describe("japaneseForms", () => {
  it("writes simplified Chinese forms as Japanese prints them", () => {
    expect(japaneseForms("消费税")).toBe("消費税");
    expect(japaneseForms("合计金额")).toBe("合計金額");
    expect(japaneseForms("单位")).toBe("単位");
  });

  it("never touches a character Japanese prints, kana, Latin or digits", () => {
    // 干 and 台 are simplified forms in Chinese too, but Japanese prints them as they are.
    for (const s of ["干物", "台", "請求書", "ご請求金額", "コピー用紙 A4", "12,500円", "Total 1.00"]) expect(japaneseForms(s)).toBe(s);
  });

  it("holds one-character pairs whose left side is outside JIS X 0208 (a Shift_JIS codec cannot encode it) and whose right side is in it", () => {
    const cs = variants.pairs.flatMap((l) => [...l]);
    expect(cs.length % 2).toBe(0);
    const sjis = new TextDecoder("shift_jis");
    const jis = new Set<string>();
    for (let hi = 0x81; hi <= 0xef; hi++)
      for (let lo = 0x40; lo <= 0xfc; lo++) {
        const s = sjis.decode(new Uint8Array([hi, lo]));
        if ([...s].length === 1 && s !== "\ufffd") jis.add(s);
      }
    for (let i = 0; i < cs.length; i += 2) {
      expect(jis.has(cs[i]!), cs[i]).toBe(false);
      expect(jis.has(cs[i + 1]!), cs[i + 1]).toBe(true);
    }
  });
});

describe("japanesePage", () => {
  it("rewrites words and their symbols one for one, keeping boxes and confidences", () => {
    const p = page("消费税 10%", 0.9, "ppocr");
    const out = japanesePage(p);
    expect(out.words.map((w) => w.text)).toEqual(["消費税", "10%"]);
    expect(out.words[0]!.symbols.map((s) => s.text).join("")).toBe("消費税");
    expect(out.words[0]!.symbols.map((s) => [s.box, s.conf])).toEqual(p.words[0]!.symbols.map((s) => [s.box, s.conf]));
    expect(out.words[1]).toBe(p.words[1]);
  });

  it("returns the same page when nothing changes", () => {
    const p = page("請求書 合計 12,500円", 0.9, "Japanese");
    expect(japanesePage(p)).toBe(p);
  });
});
