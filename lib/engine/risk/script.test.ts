import { describe, expect, it } from "vitest";
import type { OcrWord } from "../types";
import { pageOf } from "./__fixtures__/page";
import { cjkScript } from "./features";

const word = (i: number, text: string): OcrWord =>
  ({
    id: `w${i}`,
    text,
    conf: 0.95,
    lineId: `l${Math.floor(i / 4)}`,
    box: { x0: 10 + 60 * (i % 4), y0: 20 * i, x1: 60 + 60 * (i % 4), y1: 20 * i + 12 },
  }) as OcrWord;
const pageOfTexts = (texts: string[], language: string) => ({ ...pageOf(texts.map((t, i) => word(i, t))), language });

describe("the script a page is printed in (cjk_page, cjk_number)", () => {
  it("follows the page's text, not the OCR model that read it", () => {
    // an English invoice read with eng+Japanese: one stray kana among its words
    const latin = pageOfTexts(["INVOICE", "No.", "INV-2041", "Date", "12/03/2025", "Subtotal", "$1,204.50", "ノ", "Total", "$1,300.86"], "eng+Japanese");
    expect(cjkScript(latin)).toBe(false);
    const japanese = pageOfTexts(["請求書", "請求番号", "A-1024", "小計", "¥281,900", "消費税", "¥28,190", "合計", "¥310,090"], "eng+Japanese");
    expect(cjkScript(japanese)).toBe(true);
    // the same Japanese words read with a Latin model's name still are a CJK page
    expect(cjkScript({ ...japanese, language: "eng" })).toBe(true);
  });
});
