import { describe, expect, it } from "vitest";
import { minorUnits } from "../parse/minor-units";
import { ACCEPT_RISK, assessRisk, type RiskModel } from "../risk";
import type { FieldResult, FieldSpec, FieldValue } from "../types";
import { wordsPage } from "../validate/context.test-helpers";
import { addNormalized, documentCurrency, documentMoney } from "./index";

const v = (value: string): FieldValue => ({ value, bbox: null, vertices: null, match_ratio: 1, bbox_source: "vision_symbol_match", page: 0 });
const page = wordsPage;
const fields: FieldSpec[] = [
  { name: "subtotal", type: "number" },
  { name: "total", type: "number" },
  {
    name: "line_items",
    type: "array",
    children: [
      { name: "quantity", type: "number" },
      { name: "amount", type: "number" },
    ],
  },
];
/** A yen invoice as a blurred photo reads it: a total's group comma read as a period; a quantity "1.5" makes "." look like the decimal mark. */
const photoRead = (): Record<string, FieldResult> => ({
  subtotal: v("34,546円"),
  total: v("38.000円"),
  line_items: { value: [{ field_bboxes: { quantity: v("1.5"), amount: v("12.000") } }] },
});
const normalizedOf = (data: Record<string, FieldResult>, name: string) => (data[name] as FieldValue).normalized;
const cell = (data: Record<string, FieldResult>, k: string) =>
  (data.line_items as { value: { field_bboxes: Record<string, FieldValue> }[] }).value[0]!.field_bboxes[k]!;

describe("ISO 4217 minor units", () => {
  it("knows the currencies without decimals and keeps to ISO for the others", () => {
    expect([minorUnits("JPY"), minorUnits("KRW"), minorUnits("ISK"), minorUnits("CLP"), minorUnits("VND")]).toEqual([0, 0, 0, 0, 0]);
    expect([minorUnits("HUF"), minorUnits("EUR"), minorUnits("USD"), minorUnits("KWD")]).toEqual([2, 2, 2, 3]);
  });
});

describe("documentCurrency", () => {
  it("reads the currency from the print: kana or 円, ₩ or hangul, an ISO code", () => {
    expect(documentCurrency([page("請求書 ご請求金額 38,000 でございます")])).toBe("JPY");
    expect(documentCurrency([page("合計 ￥38,000")])).toBe("JPY");
    expect(documentCurrency([page("합계 금액 ₩38,000")])).toBe("KRW");
    expect(documentCurrency([page("Samtals ISK 38.000")])).toBe("ISK");
    expect(documentCurrency([page("Total 1.234,50 €")])).toBe("EUR");
  });

  it("does not take a bare ¥ for yen: it is the yuan's sign too", () => {
    expect(documentCurrency([page("TOTAL ¥38.00")])).toBeUndefined();
  });
});

describe("addNormalized in a currency without minor units", () => {
  it('reads "." before three digits as a thousands group, keeps the text, and marks the value a repair on a comma-grouped page', () => {
    const pages = [page("小計 34,546円 合計 38.000円 数量 1.5 金額 12.000")];
    const data = photoRead();
    const regrouped = addNormalized(fields, data, documentMoney(pages));
    expect((data.total as FieldValue).value).toBe("38.000円");
    expect(normalizedOf(data, "total")).toBe(38000);
    expect(cell(data, "amount").normalized).toBe(12000);
    // a quantity is no money: its decimals stay
    expect(cell(data, "quantity").normalized).toBe(1.5);
    expect([...regrouped].sort()).toEqual(["line_items.0.amount", "total"]);
  });

  it("without the currency the page's other values decide the mark (the misreading this rule corrects)", () => {
    const data = photoRead();
    expect(addNormalized(fields, data).size).toBe(0);
    expect(normalizedOf(data, "total")).toBe(38);
  });

  it("is no repair on a page that groups its amounts with dots itself", () => {
    const pages = [page("Samtals ISK 38.000 Vsk 7.600 Magn 1.5")];
    const data: Record<string, FieldResult> = { subtotal: v("30.400"), total: v("38.000"), line_items: { value: [] } };
    const regrouped = addNormalized(fields, data, documentMoney(pages));
    expect(normalizedOf(data, "total")).toBe(38000);
    expect(regrouped.size).toBe(0);
  });

  it("leaves a two-minor-unit currency alone", () => {
    const data = photoRead();
    expect(addNormalized(fields, data, { currency: "EUR", grouping: { dots: new Set(), commas: 1 } }).size).toBe(0);
    expect(normalizedOf(data, "total")).toBe(38);
  });
});

describe("addNormalized in a three-decimal currency", () => {
  const money = (text: string) => documentMoney([page(text)]);
  const read = (): Record<string, FieldResult> => ({
    subtotal: v("KWD 1,250.500"),
    total: v("1.250"),
    line_items: { value: [{ field_bboxes: { quantity: v("2"), amount: v("0.750") } }] },
  });

  it("takes the currency from an ISO code beside an amount printed with thousandths, never from the bare code", () => {
    expect(documentCurrency([page("Total KWD 1.250")])).toBe("KWD");
    expect(documentCurrency([page("Montant 12,500 TND")])).toBe("TND");
    // "Sdn Bhd" in capitals: a Malaysian company, not a Bahraini dinar
    expect(documentCurrency([page("KEDAI MAJU SDN BHD (12345-A) TOTAL 1.250")])).toBeUndefined();
    expect(documentCurrency([page("KEDAI MAJU SDN BHD TOTAL RM 12.50")])).toBe("MYR");
    // cents are no thousandths: "1,250.50" beside the code is no three-decimal print
    expect(documentCurrency([page("BHD 1,250.50")])).toBeUndefined();
  });

  it('reads a lone "." before three digits as the decimal mark; other forms as everywhere', () => {
    const data = read();
    expect(addNormalized(fields, data, money("Total KWD 1.250 Sub KWD 1,250.500")).size).toBe(0);
    expect(normalizedOf(data, "total")).toBe(1.25);
    expect(normalizedOf(data, "subtotal")).toBe(1250.5);
    expect(cell(data, "amount").normalized).toBe(0.75);
    expect((data.total as FieldValue).value).toBe("1.250");
  });

  it('reads a lone "," before three digits as the decimal mark too (a Tunisian "12,500 DT")', () => {
    const data: Record<string, FieldResult> = { total: v("12,500") };
    addNormalized(fields, data, money("Montant 12,500 TND"));
    expect(normalizedOf(data, "total")).toBe(12.5);
  });

  it("reads the mark as a group where the pages print it grouping a number with both marks", () => {
    const data: Record<string, FieldResult> = { subtotal: v("1.250,500"), total: v("1.250"), line_items: { value: [] } };
    addNormalized(fields, data, money("Total 1.250,500 TND"));
    expect(normalizedOf(data, "subtotal")).toBe(1250.5);
    expect(normalizedOf(data, "total")).toBe(1250);
  });

  it("changes nothing for a two-decimal or a zero-decimal currency", () => {
    const eur = read();
    addNormalized(fields, eur, money("Gesamt 1.250 € Netto 1.050 €"));
    expect(normalizedOf(eur, "total")).toBe(1250);
    const jpy = read();
    addNormalized(fields, jpy, money("合計 1.250円"));
    expect(normalizedOf(jpy, "total")).toBe(1250);
  });
});

describe("risk of a regrouped amount", () => {
  it("holds it at the gate, under a model that trusts everything, and says why", () => {
    const trusting: RiskModel = { version: 1, features: [], weights: [], bias: -30 };
    const data: Record<string, FieldResult> = { total: v("38.000円") };
    const input = {
      pages: [page("合計 38.000円 小計 34,546円")],
      fields: [{ name: "total", type: "number" as const }],
      raw: { fields: { total: { text: "38.000円", page: 0 } } },
      data,
      info: {},
      issues: [],
    };
    const plain = assessRisk(input, { model: trusting });
    expect((plain.data.total as FieldValue).risk).toBeLessThan(ACCEPT_RISK);
    const held = assessRisk({ ...input, regrouped: new Set(["total"]) }, { model: trusting });
    expect((held.data.total as FieldValue).risk).toBeGreaterThanOrEqual(ACCEPT_RISK);
    expect(held.issues.map((i) => i.message).join()).toMatch(/thousands separator/);
  });
});
