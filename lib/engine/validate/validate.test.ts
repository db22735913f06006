import { describe, expect, it } from "vitest";
import type { FieldResult, FieldSpec, FieldValue } from "../types";
import { contextFromPages } from "./context";
import { wordsPage } from "./context.test-helpers";
import { formatLike, validate } from "./index";

const v = (value: string | null, match_ratio = 1): FieldValue => ({
  value,
  bbox: null,
  vertices: null,
  match_ratio: value === null ? 0 : match_ratio,
  bbox_source: value === null ? null : "vision_symbol_match",
  page: 0,
});
const row = (q: string, p: string, a: string) => ({ field_bboxes: { quantity: v(q), unit_price: v(p), amount: v(a) } });
const fields: FieldSpec[] = [
  { name: "invoice_number", type: "string", required: true },
  { name: "issue_date", type: "date" },
  { name: "subtotal", type: "number" },
  { name: "tax", type: "number" },
  { name: "tax_rate", type: "string" },
  { name: "total", type: "number" },
  { name: "line_items", type: "array", children: [{ name: "quantity", type: "number" }] },
];

describe("validate", () => {
  it("passes a consistent German invoice", () => {
    const data: Record<string, FieldResult> = {
      invoice_number: v("RE-1"),
      issue_date: v("21.11.2026"),
      subtotal: v("1.000,00 €"),
      tax: v("190,00 €"),
      tax_rate: v("19%"),
      total: v("1.190,00 €"),
      iban: v("DE89 3704 0044 0532 0130 00"),
      line_items: { value: [row("2", "250,00", "500,00"), row("1", "500,00", "500,00")] },
    };
    expect(validate(fields, data)).toEqual([]);
  });

  it("names the cells of every arithmetic slip with printed numbers", () => {
    const data: Record<string, FieldResult> = {
      invoice_number: v("A-1"),
      subtotal: v("12,430"),
      tax: v("1,243"),
      total: v("13,763"),
      line_items: { value: [row("3", "1,000", "3,000"), row("2", "4,670", "9,340")] },
    };
    const issues = validate(fields, data);
    const sum = issues.find((i) => i.code === "subtotal_sum")!;
    // both rows add up on their own: the subtotal carries the mismatch, the rows are read but not blamed
    expect(sum.message).toBe("Σ line amounts 12,340 ≠ subtotal 12,430 (every row adds up on its own: a row may be missing or misread)");
    expect(sum.fields).toEqual(["subtotal"]);
    expect(sum.reads).toEqual(["line_items.0.amount", "line_items.1.amount"]);
    const tot = issues.find((i) => i.code === "total_sum")!;
    expect(tot.message).toContain("≠ total 13,763");
    expect(issues.some((i) => i.code === "line_amount")).toBe(false);
  });

  it("passes rows priced with the tax: they add up to the total, and net + tax closes it", () => {
    // "Prijzen zijn inclusief BTW": 49,99 incl. 21 % = 41,31 net + 8,68 tax
    const gross: Record<string, FieldResult> = {
      subtotal: v("41,31"),
      tax: v("8,68"),
      total: v("49,99"),
      line_items: { value: [row("1", "49,99", "49,99"), row("1", "0,00", "0,00")] },
    };
    expect(validate(fields, gross).filter((i) => i.code === "subtotal_sum")).toEqual([]);
    // the same rows where net + tax does not close the total: the subtotal is still doubted
    expect(validate(fields, { ...gross, tax: v("8,86") }).some((i) => i.code === "subtotal_sum")).toBe(true);
    // rows that add up to neither: doubted
    expect(validate(fields, { ...gross, line_items: { value: [row("1", "45,99", "45,99")] } }).some((i) => i.code === "subtotal_sum")).toBe(true);
  });

  it("blames for Σ lines ≠ subtotal only the rows that do not add up on their own", () => {
    const bare = (a: string) => ({ field_bboxes: { amount: v(a) } });
    const data: Record<string, FieldResult> = {
      subtotal: v("130.00"),
      line_items: { value: [row("3", "10.00", "30.00"), row("2", "5.00", "90.00"), bare("20.00")] },
    };
    const sum = validate(fields, data).find((i) => i.code === "subtotal_sum")!;
    expect(sum.message).toBe("Σ line amounts 140.00 ≠ subtotal 130.00");
    // the row whose product fails and the row with nothing to check it are named; the row that closes is only read
    expect(sum.fields).toEqual(["subtotal", "line_items.1.amount", "line_items.2.amount"]);
    expect(sum.reads).toEqual(["line_items.0.amount"]);
    // no row adds up: every amount is named, as before
    const none = validate(fields, { subtotal: v("130.00"), line_items: { value: [bare("30.00"), bare("90.00")] } }).find((i) => i.code === "subtotal_sum")!;
    expect(none.fields).toEqual(["subtotal", "line_items.0.amount", "line_items.1.amount"]);
    expect(none.reads).toBeUndefined();
  });

  it("flags a line whose quantity × price is not its amount", () => {
    const data: Record<string, FieldResult> = { line_items: { value: [row("3", "19.99", "59.97"), row("2", "5.00", "100.00")] } };
    const issues = validate(fields, data).filter((i) => i.code === "line_amount");
    expect(issues).toHaveLength(1);
    expect(issues[0]!.fields).toEqual(["line_items.1.quantity", "line_items.1.unit_price", "line_items.1.amount"]);
    expect(issues[0]!.message).toContain("10.00 ≠ amount 100.00");
  });

  it("checks Japanese per-rate tax with floor rounding", () => {
    const ok: Record<string, FieldResult> = {
      invoice_number: v("No.1"),
      subtotal: v("¥10,155"),
      taxable_10: v("¥6,055"),
      tax_10: v("¥605"),
      taxable_8: v("¥4,100"),
      tax_8: v("¥328"),
      total: v("¥11,088"),
    };
    expect(validate(fields, ok).filter((i) => i.severity === "error")).toEqual([]);
    const bad = { ...ok, tax_8: v("¥382"), total: v("¥11,142") };
    const issues = validate(fields, bad);
    expect(issues.map((i) => i.code)).toEqual(["tax_rate"]);
    expect(issues[0]!.fields).toEqual(["tax_8", "taxable_8"]);
  });

  it("checks a printed single rate against subtotal × rate", () => {
    const data: Record<string, FieldResult> = { invoice_number: v("1"), subtotal: v("100.00"), tax: v("20.00"), tax_rate: v("19%"), total: v("120.00") };
    expect(validate(fields, data).map((i) => i.code)).toEqual(["tax_rate"]);
  });

  it("checks identifiers: T-number check digit, IBAN mod-97, EU VAT shape", () => {
    const data: Record<string, FieldResult> = {
      vendor: v("株式会社サンプル"),
      registration_number: v("T1234567890123"),
      iban: v("DE89 3704 0044 0532 0130 01"),
      vendor_tax_id: v("DE12345"),
    };
    const codes = validate([], data).map((i) => i.code);
    expect(codes).toEqual(["registration_number", "iban", "vat_id"]);
    const bic = validate([], { bic: v("DESCRIPTION") });
    expect(bic.map((i) => [i.code, i.fields])).toEqual([["bic", ["bic"]]]);
    expect(bic[0]!.message).toContain("country code");
    expect(validate([], { bic: v("BNPAFRPPXXX") })).toEqual([]);
    // a valid corporate number (National Tax Agency example) passes
    expect(validate([], { vendor: v("株式会社サンプル"), registration_number: v("T8700110005901") })).toEqual([]);
    expect(validate([], { vendor_tax_id: v("FR40303265045") })).toEqual([]);
  });

  it("runs Japan's registration-number check only on a document with Japanese evidence (kana or yen)", () => {
    const reg = { registration_number: v("TVA FR40303265045") };
    const french = { vendor: v("Société Exemple SARL"), total: v("1 234,50 €"), ...reg };
    expect(validate([], french).map((i) => i.code)).toEqual([]);
    expect(validate([], french, { context: { countries: new Set(["FR"]) } }).map((i) => i.code)).toEqual([]);
    // the same value on a page priced in yen, or printing kana, is checked
    expect(validate([], { ...reg, total: v("12,340円") }).map((i) => i.code)).toEqual(["registration_number"]);
    expect(validate([], reg, { context: { countries: new Set(["JP"]) } }).map((i) => i.code)).toEqual(["registration_number"]);
    // a stray katakana glyph OCR'd on a Latin page is not evidence
    expect(validate([], { ...french, vendor: v("Société ア Exemple") }).map((i) => i.code)).toEqual([]);
  });

  it("takes the country evidence from every word of the pages", () => {
    const page = wordsPage;
    expect([...contextFromPages([page("FACTURE N° 12 Total TTC 1 234,50 €")]).countries]).toEqual([]);
    expect([...contextFromPages([page("請求書 ご請求金額 ¥12,340 でございます")]).countries]).toEqual(["JP"]);
    expect([...contextFromPages([page("Total JPY 12,340")]).countries]).toEqual(["JP"]);
  });

  it("flags dates that do not exist, missing required fields and weak matches", () => {
    const data: Record<string, FieldResult> = { invoice_number: v(null), issue_date: v("31.02.2026"), total: v("12.00", 0.5) };
    const issues = validate(fields, data);
    expect(issues.map((i) => i.code)).toEqual(["invalid_date", "missing_required", "low_confidence"]);
    expect(issues[0]!.severity).toBe("error");
    expect(issues[2]!.fields).toEqual(["total"]);
  });
});

describe("formatLike", () => {
  it("prints numbers in the sample's style", () => {
    expect(formatLike(1234.5, "1.000,00 €")).toBe("1.234,50");
    expect(formatLike(12340, "¥12,430")).toBe("12,340");
    expect(formatLike(1234.5, "1 000,00")).toBe("1 234,50");
    expect(formatLike(1234.5, "$1,000.00")).toBe("1,234.50");
  });
});

describe("OCR confidence", () => {
  it("routes a perfectly matched but doubtful OCR word to review", () => {
    const fv = v("Kontakt@krause.de");
    const issues = validate([{ name: "vendor_email", type: "string" }], { vendor_email: fv }, { confidence: (_path, x) => (x === fv ? 0.37 : 1) });
    expect(issues).toEqual([
      { code: "ocr_confidence", severity: "warning", message: 'the OCR is unsure of "Kontakt@krause.de" (word confidence 37 %)', fields: ["vendor_email"] },
    ]);
  });
});

describe("OCR confidence by kind of value", () => {
  it("asks more certainty of free text than of numbers the arithmetic checks", () => {
    const name = v("Lindenallee 113");
    const total = v("12.00");
    const fields: FieldSpec[] = [
      { name: "vendor_address", type: "string" },
      { name: "total", type: "number" },
    ];
    const issues = validate(fields, { vendor_address: name, total }, { confidence: () => 0.62 });
    expect(issues.map((i) => [i.code, i.fields])).toEqual([["ocr_confidence", ["vendor_address"]]]);
    expect(validate(fields, { vendor_address: name, total }, { confidence: () => 0.75 })).toEqual([]);
  });
});

describe("plausibility", () => {
  it("flags a document number that is a date and a total below a line amount", () => {
    const data: Record<string, FieldResult> = {
      invoice_number: v("01.03.2018"),
      total: v("20"),
      line_items: { value: [{ field_bboxes: { amount: v("3,172.80") } }] },
    };
    const issues = validate([], data);
    expect(issues.map((i) => [i.code, i.fields])).toEqual([
      ["id_shape", ["invoice_number"]],
      ["total_range", ["total", "line_items.0.amount"]],
    ]);
    expect(issues[1]!.message).toBe("total 20 is less than line amount 3,172.80");
  });
});

describe("misread plausibility", () => {
  const f = (name: string, type: FieldSpec["type"] = "string"): FieldSpec => ({ name, type });

  it("flags postcodes that break their country's shape and brackets inside words", () => {
    const fields = [f("customer_address"), f("vendor_address"), f("vendor_address_2"), f("ship_to_address")];
    const data: Record<string, FieldResult> = {
      customer_address: v("2587 Queen Street\nHalifax, NS B3J 159"),
      vendor_address: v("277 Maple Drive\nOttawa, ON K1P 5]2"),
      vendor_address_2: v("1 Main St\nSpringfield, IL 62701"),
      ship_to_address: v("964 Park Avenue\nGlasgow Gl 3SL\nUnited Kingdom"),
    };
    const issues = validate(fields, data);
    expect(issues.map((i) => [i.code, i.fields])).toEqual([
      ["ocr_shape", ["customer_address"]],
      ["ocr_shape", ["vendor_address"]],
      ["ocr_shape", ["ship_to_address"]],
    ]);
    expect(validate(fields, { ship_to_address: v("Cardiff CF10 1EP\nUnited Kingdom") })).toEqual([]);
    expect(issues[0]!.message).toContain("B3J 159");
    expect(validate(fields, { customer_address: v("2587 Queen Street\nHalifax, NS B3J 1S9") })).toEqual([]);
    const names = validate([f("vendor"), f("customer")], { vendor: v("BOOK TA .K (TAMAN DAYA) SDN 8HD"), customer: v("7-Eleven Store 18th Floor") });
    expect(names.map((i) => i.fields)).toEqual([["vendor"]]);
    const id = validate([f("vendor_tax_id")], { vendor_tax_id: v("[E9712572R") });
    expect(id.map((i) => [i.code, i.fields])).toEqual([["ocr_shape", ["vendor_tax_id"]]]);
  });

  it("flags letters among a number's digits and an amount that lost its decimals", () => {
    const fields = [f("subtotal", "number"), f("tax", "number"), f("total", "number")];
    const glued = validate(fields, { subtotal: v("80Z.00"), tax: v("16.00"), total: v("96.00") });
    expect(glued.map((i) => i.code)).toContain("number_shape");
    const lost = validate(fields, { subtotal: v("35 139,51 €"), tax: v("702770 €"), total: v("42 166,21 €") });
    expect(lost.filter((i) => i.code === "amount_decimals").map((i) => i.fields)).toEqual([["tax"]]);
    expect(validate(fields, { subtotal: v("EUR 2,941.07"), tax: v("EUR 676.45"), total: v("EUR 3,617.52") })).toEqual([]);
    const grouping = validate(fields, { subtotal: v("€8,331.33"), tax: v("€1916.21"), total: v("€10,247.54") });
    expect(grouping.map((i) => [i.code, i.fields])).toEqual([["amount_grouping", ["tax"]]]);
  });

  it("flags description glyphs OCR makes up: × read as x, ² read as ?", () => {
    const spec: FieldSpec[] = [{ name: "line_items", type: "array", children: [{ name: "description", type: "string" }] }];
    const row = (d: string) => ({ field_bboxes: { description: v(d) } });
    const data: Record<string, FieldResult> = {
      line_items: {
        value: [row("Whiteboard 120 x 90 cm"), row("Druckerpapier A4, 80 g/m?, 500 Blatt"), row("Ruled Notebooks A5 (pack of 5)"), row("Is it included?")],
      },
    };
    expect(validate(spec, data).map((i) => i.fields)).toEqual([["line_items.0.description"], ["line_items.1.description"]]);
    const nums: FieldSpec[] = [
      {
        name: "line_items",
        type: "array",
        children: [
          { name: "quantity", type: "number" },
          { name: "unit_price", type: "number" },
        ],
      },
    ];
    const cells = (q: string, p: string) => ({ field_bboxes: { quantity: v(q), unit_price: v(p) } });
    const bad = validate(nums, { line_items: { value: [cells("S", "EUR7.24"), cells("5", "1O.00")] } });
    expect(bad.map((i) => i.fields)).toEqual([["line_items.0.quantity"], ["line_items.1.unit_price"]]);
  });

  it("flags a due date before the issue date and confusable letter-digit prefixes", () => {
    const fields = [f("issue_date", "date"), f("due_date", "date")];
    const order = validate(fields, { issue_date: v("2026-03-12"), due_date: v("2026-02-26") });
    expect(order.map((i) => [i.code, i.fields])).toEqual([["date_order", ["issue_date", "due_date"]]]);
    expect(validate(fields, { issue_date: v("2026-03-12"), due_date: v("2026-03-26") })).toEqual([]);
    const ids = validate([], { order_number: v("P0-23452"), invoice_number: v("INV-2025-93649") });
    expect(ids.map((i) => [i.code, i.fields])).toEqual([["id_confusable", ["order_number"]]]);
  });
});
