import { describe, expect, it } from "vitest";
import type { FieldResult, FieldValue, OcrWord } from "../types";
import { pageOf } from "./__fixtures__/page";
import { arithmeticSupport } from "./arith";
import { cjkScript } from "./page";

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

const fv = (value: string): FieldValue => ({ value, match_ratio: 1, bbox: null, page: 0 }) as unknown as FieldValue;
const row = (q: string, p: string, a: string) => ({ field_bboxes: { quantity: fv(q), unit_price: fv(p), amount: fv(a) } });

describe("the document's arithmetic (arith.ts)", () => {
  it("holds a tax and its printed rate when subtotal × rate = tax, the rate printed with its sign", () => {
    const data: Record<string, FieldResult> = { subtotal: fv("9 551,18 €"), tax: fv("1 910,24 €"), total: fv("11 461,42 €"), tax_rate: fv("20 %") };
    const { confirmed, holding, failed } = arithmeticSupport(data);
    expect(confirmed.has("tax_rate")).toBe(true);
    expect(holding.get("tax")).toBe(2);
    expect(failed).toBe(0);
    const misread = arithmeticSupport({ ...data, tax_rate: fv("2,0 %") });
    expect(misread.confirmed.has("tax_rate")).toBe(false);
    expect(misread.failed).toBe(1);
  });

  it("counts a failing Σ lines = subtotal whose members other relations hold", () => {
    // two rows that add up on their own, a third row the reading lost: Σ 30.00 ≠ subtotal 40.00
    const data: Record<string, FieldResult> = {
      subtotal: fv("40.00"),
      tax: fv("4.00"),
      total: fv("44.00"),
      line_items: { value: [row("1", "10.00", "10.00"), row("2", "10.00", "20.00")] },
    };
    const { confirmed, failed } = arithmeticSupport(data);
    expect(confirmed.has("line_items.0.amount")).toBe(true);
    expect(confirmed.has("subtotal")).toBe(true);
    expect(failed).toBe(1);
  });

  it("adds up each table on its own: a second table is the bill's only where its Σ closes on it", () => {
    const data: Record<string, FieldResult> = {
      subtotal: fv("30.00"),
      tax: fv("3.00"),
      total: fv("33.00"),
      line_items: { value: [row("1", "10.00", "10.00"), row("2", "10.00", "20.00")] },
      // a tax breakdown: its amounts add up to the tax, not to the subtotal
      tax_lines: { value: [{ field_bboxes: { amount: fv("1.00") } }, { field_bboxes: { amount: fv("2.00") } }] },
    };
    const { confirmed, holding, tested, failed } = arithmeticSupport(data);
    expect(holding.get("line_items.1.amount")).toBe(2);
    expect(tested.has("tax_lines.0.amount")).toBe(false);
    expect(failed).toBe(0);
    const more: Record<string, FieldResult> = { ...data, more_items: { value: [row("3", "10.00", "30.00")] } };
    expect(arithmeticSupport(more).confirmed.has("more_items.0.amount")).toBe(true);
    expect(confirmed.has("line_items.0.amount")).toBe(true);
  });
});
