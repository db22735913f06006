import { describe, expect, it } from "vitest";
import { goldenPages } from "../__fixtures__/golden/load";
import type { Extractor } from "../extract/types";
import { ACCEPT_RISK, extractFromPages, type FieldValue, type RiskModel, SHIPPED_RISK_MODEL } from "../index";
import { scoreRisk } from "../risk";
import { MEMORY_CODE } from "./adjust";
import { edit, first, lineAmountTotalExtractor, second, third } from "./fixtures.test-helpers";
import { forget, learnField, remember } from "./learn";
import { findSupplier, type SupplierMemory, shapeOf, supplierKeys } from "./types";

const total = (d: Record<string, unknown>) => d.total as FieldValue;

describe("supplier memory", () => {
  it("learns the label, the offset from it and the format of a reviewed value", () => {
    const e = learnField(first, "total", "£5,664.36", 0, "doc-1");
    expect(e).not.toBeNull();
    expect(e!.label).toBe("kwotarazem");
    // An amount's format is its number's, without the currency marks (format.ts).
    expect(e!.shape).toBe(shapeOf("7,215.40"));
    expect(e!.offset!.dy).toBeLessThan(1);
    expect(learnField(first, "total", "£123,456.78", 0, "doc-1")).toBeNull();
  });

  it("a supplier whose total the engine misses is right after one correction; memory overruling a reading stays reviewed", async () => {
    // Without memory the extractor takes a line amount (the rules no longer do on this page since a column's header
    // is not the label of its first cell, rules.ts: an extractor that does stands for a layout the rules miss).
    const extractor = lineAmountTotalExtractor();
    const plain = await extractFromPages(third, { templateId: "invoice" }, { extractor });
    expect(total(plain.data).value).not.toBe("£98.10");

    let memory: SupplierMemory = { entries: [] };
    memory = remember(memory, learnField(first, "total", "£5,664.36", 0, "doc-1")!);
    const once = await extractFromPages(third, { templateId: "invoice" }, { extractor, memory });
    expect(total(once.data).value).toBe("£98.10");
    expect(total(once.data).bbox).not.toBeNull();
    // one reviewed document: picked, but still shown to a reviewer with the reason.
    expect(total(once.data).risk).toBeGreaterThanOrEqual(ACCEPT_RISK);
    expect(once.issues.some((i) => i.code === MEMORY_CODE && i.fields.includes("total"))).toBe(true);

    memory = remember(memory, learnField(second, "total", "£7,215.40", 0, "doc-2")!);
    expect(memory.entries.filter((e) => e.field === "total")).toHaveLength(1);
    expect(memory.entries.find((e) => e.field === "total")!.constant).toBe(false);
    const twice = await extractFromPages(third, { templateId: "invoice" }, { extractor, memory });
    expect(total(twice.data).value).toBe("£98.10");
    // The engine read another printed amount: the right value is preselected, and a person still looks.
    expect(total(twice.data).risk).toBeGreaterThanOrEqual(ACCEPT_RISK);
    // (the first reading is whatever line amount the ranking takes without memory)
    expect(twice.issues.find((i) => i.code === MEMORY_CODE && i.fields.includes("total"))?.message).toContain(
      `2 reviewed document(s); the first reading was "${total(plain.data).value}"`,
    );
  });

  it("a total the extractor did not find at all is found at the place reviewed documents back, and memory's backing is a risk signal", async () => {
    const rules = (await import("../extract/rules")).createRulesExtractor();
    const extractor: Extractor = {
      name: "rules",
      extract: async (pages, fields) => ({ fields: { ...(await rules.extract(pages, fields)).fields, total: null } }),
    };
    let memory: SupplierMemory = { entries: [] };
    memory = remember(memory, learnField(first, "total", "£5,664.36", 0, "doc-1")!);
    const once = await extractFromPages(third, { templateId: "invoice" }, { extractor, memory, explain: true });
    memory = remember(memory, learnField(second, "total", "£7,215.40", 0, "doc-2")!);
    const twice = await extractFromPages(third, { templateId: "invoice" }, { extractor, memory, explain: true });
    expect(total(once.data).value).toBe("£98.10");
    expect(total(twice.data).value).toBe("£98.10");
    expect(once.riskFeatures?.total?.memory_picked_repeated).toBe(0);
    expect(twice.riskFeatures?.total?.memory_picked_repeated).toBe(1);
    // memory that backs a value never raises the risk model's own estimate of it
    // (the stage rounds risks to 5 decimals)
    expect(total(twice.data).risk!).toBeLessThanOrEqual(scoreRisk(SHIPPED_RISK_MODEL, twice.riskFeatures!.total!) + 5e-6);
  });

  it("confirmations lower the risk of a value the engine reads where the supplier prints it", async () => {
    // A flat 20 % risk model: memory's adjustment (fitted on receipts) only lowers risks above its own estimate,
    // so the test does not hang on where the shipped model puts this clean page's total.
    const riskModel: RiskModel = { version: 1, features: [], weights: [], bias: Math.log(0.2 / 0.8) };
    const plain = await extractFromPages(second, { templateId: "invoice" }, { riskModel });
    expect(total(plain.data).value).toBe("£7,215.40");
    let memory: SupplierMemory = { entries: [] };
    memory = remember(memory, learnField(first, "total", "£5,664.36", 0, "doc-1")!);
    memory = remember(memory, learnField(third, "total", "£98.10", 0, "doc-3")!);
    const withMemory = await extractFromPages(second, { templateId: "invoice" }, { memory, riskModel });
    expect(total(withMemory.data).value).toBe("£7,215.40");
    expect(total(withMemory.data).risk!).toBeLessThan(total(plain.data).risk!);
  });

  it("a name confirmed once and printed again exactly is backed as if seen twice", async () => {
    const memory = remember({ entries: [] }, learnField(first, "vendor", "Granite Peak Office Goods Ltd.", 0, "doc-1")!);
    const plain = await extractFromPages(third, { templateId: "invoice" });
    const res = await extractFromPages(third, { templateId: "invoice" }, { memory, explain: true });
    const vendor = res.data.vendor as FieldValue;
    expect(vendor.value).toBe("Granite Peak Office Goods Ltd.");
    expect(res.memoryVerdicts?.find((v) => v.path === "vendor")).toMatchObject({ kind: "agree", support: 2 });
    expect(res.riskFeatures?.vendor?.memory_agree_repeated).toBe(1);
    expect(vendor.risk!).toBeLessThan((plain.data.vendor as FieldValue).risk!);
    // the reviewer's own text printed again letter for letter passes without review
    expect(vendor.risk!).toBeLessThan(ACCEPT_RISK);
    expect(res.memoryVerdicts?.find((v) => v.path === "vendor")).toMatchObject({ exact: true });
  });

  it("never proposes a value the page does not print", async () => {
    const memory = remember({ entries: [] }, learnField(first, "vendor", "Granite Peak Office Goods Ltd.", 0, "doc-1")!);
    const other = edit(goldenPages("dev-001-0003"), { Granite: "Basalt", Peak: "Ridge" });
    const res = await extractFromPages(other, { templateId: "invoice" }, { memory });
    expect((res.data.vendor as FieldValue).value).not.toContain("Granite");
  });

  it("forgets what a document taught", () => {
    let memory: SupplierMemory = { entries: [] };
    memory = remember(memory, learnField(first, "total", "£5,664.36", 0, "doc-1")!);
    memory = remember(memory, learnField(second, "total", "£7,215.40", 0, "doc-2")!);
    expect(forget(memory, { documentId: "doc-1" }).entries[0]!.documents).toEqual(["doc-2"]);
    expect(forget(forget(memory, { documentId: "doc-1" }), { documentId: "doc-2" }).entries).toHaveLength(0);
    expect(forget(memory, { field: "total" }).entries).toHaveLength(0);
  });

  it("finds a supplier by a shared key, else by a name read almost the same, never by a near id", () => {
    const rows = [{ keys: ["tax:DE123456789", "name:granitepeakltd"] }, { keys: ["name:gardeniabakerieskl"] }];
    expect(findSupplier(rows, ["tax:DE123456789"])).toBe(rows[0]);
    expect(findSupplier(rows, ["name:gardeniabakeriesk1"])).toBe(rows[1]);
    expect(findSupplier(rows, ["tax:DE123456780"])).toBeUndefined();
    expect(findSupplier(rows, ["name:basaltridgeltd"])).toBeUndefined();
  });

  it("keys a supplier by tax id, IBAN and name, strongest first", () => {
    expect(supplierKeys({ taxId: "DE 123 456 789", iban: null, name: "Granite Peak Ltd." })).toEqual(["tax:DE123456789", "name:granitepeakltd"]);
  });
});
