import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ja from "@/messages/ja.json";
import { oneLineValue } from "@/lib/sheet/queue";
import { reasonText, type Translator } from "./reasons";

describe("reasonText", () => {
  // The catalogues' typed keys are narrower than the codes the engine may send: reasonText takes any string.
  const tJa = createTranslator({ locale: "ja", messages: ja }) as unknown as Translator;
  const tEn = createTranslator({ locale: "en", messages: en }) as unknown as Translator;

  it("words a reason by its code, never by its English sentence", () => {
    const reg = { code: "registration_number", message: "registration number T123 is not T + 13 digits with a valid check digit", params: { value: "T123" } };
    expect(reasonText(tJa, reg)).toBe("登録番号 T123 は T + 13 桁（正しいチェックディジット）ではありません");
    // English keeps the engine's own sentence (it quotes the printed numbers)
    expect(reasonText(tEn, reg)).toBe(reg.message);
    const risk = { code: "risk", message: "the engine estimates a 12 % chance that it is wrong", params: { percent: "12" } };
    expect(reasonText(tJa, risk)).toBe("誤っている可能性が 12 % と推定されます");
    expect(reasonText(tJa, { code: "inferred", message: "inferred from “€”", params: { mark: "€" } })).toContain("「€」から推定");
  });

  it("falls back to the English words for a code the catalogue lacks", () => {
    expect(reasonText(tJa, { code: "brand_new_check", message: "something new" })).toBe("something new");
  });

  it("has a Japanese sentence for every check code the engine emits", () => {
    const codes = [
      "line_amount",
      "subtotal_sum",
      "total_sum",
      "tax_rate",
      "total_range",
      "registration_number",
      "iban",
      "bic",
      "vat_id",
      "invalid_date",
      "id_shape",
      "ocr_shape",
      "number_shape",
      "amount_grouping",
      "amount_decimals",
      "date_order",
      "id_confusable",
      "ocr_confidence",
      "ocr_disagreement",
      "low_confidence",
      "e_invoice_print_mismatch",
      "not_addressed_to_us",
      "possible_duplicate",
      "memory",
      "risk",
    ];
    expect(codes.filter((c) => !tJa.has(`reasonCodes.${c}`))).toEqual([]);
  });
});

describe("oneLineValue", () => {
  it("joins the printed lines with a comma for one-line places, keeping single lines as they are", () => {
    expect(oneLineValue("641 Elm Avenue\nToronto ON")).toBe("641 Elm Avenue, Toronto ON");
    expect(oneLineValue("Total")).toBe("Total");
    expect(oneLineValue(null)).toBe("");
  });
});
