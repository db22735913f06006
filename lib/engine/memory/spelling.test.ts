import { describe, expect, it } from "vitest";
import { ACCEPT_RISK, extractFromPages, type FieldValue } from "../index";
import type { OcrPage } from "../types";
import { edit, first, lineAmountTotalExtractor, second, third } from "./fixtures.test-helpers";
import { learnField, remember, topText } from "./learn";
import type { SupplierMemory } from "./types";

const field = (d: Record<string, unknown>, k: string) => d[k] as FieldValue;
const asTextLayer = (pages: OcrPage[]): OcrPage[] => pages.map((p) => ({ ...p, source: "textlayer" }));

describe("what the reviewers typed against what the page prints", () => {
  it("spellings of one text are one text in the vote: the name stays constant, spelled as most reviewers spelled it", () => {
    expect(topText({ "MR. D. I. Y. (M) SDN BHD": 1, "MR. D.I.Y. (M) SDN BHD": 2, "MR. D.I.Y. SDN BHD": 2 }, "MR. D.I.Y. SDN BHD")).toEqual({
      top: 3,
      text: "MR. D.I.Y. (M) SDN BHD",
    });
    // a tie between spellings goes to the latest review's
    expect(topText({ "A B.": 1, "A. B": 1 }, "A. B")).toEqual({ top: 2, text: "A. B" });
    let memory: SupplierMemory = { entries: [] };
    memory = remember(memory, learnField(first, "vendor", "Granite Peak Office Goods Ltd.", 0, "doc-1")!);
    memory = remember(memory, learnField(second, "vendor", "GRANITE PEAK OFFICE GOODS LTD", 0, "doc-2")!);
    const vendor = memory.entries.filter((e) => e.field === "vendor");
    expect(vendor).toHaveLength(1);
    // two reviews, two spellings of one name: still the supplier's constant name (it was "not constant" by exact text)
    expect(vendor[0]!.constant).toBe(true);
    expect(vendor[0]!.text).toBe("GRANITE PEAK OFFICE GOODS LTD");
  });

  it("reviewers who typed the name as their pages printed it do not make a page printed otherwise their text letter for letter", async () => {
    let memory: SupplierMemory = { entries: [] };
    memory = remember(memory, learnField(first, "vendor", "GRANITE PEAK OFFICE GOODS LTD.", 0, "doc-1")!);
    memory = remember(memory, learnField(second, "vendor", "GRANITE PEAK OFFICE GOODS LTD.", 0, "doc-2")!);
    expect(memory.entries.find((e) => e.field === "vendor")!.printed).toBe(2);
    const same = await extractFromPages(third, { templateId: "invoice" }, { memory, explain: true });
    expect(same.memoryVerdicts?.find((v) => v.path === "vendor")).toMatchObject({ exact: true });
    expect(field(same.data, "vendor").risk!).toBeLessThan(ACCEPT_RISK);
    // the next page prints the name without the dot: the reviewers' spelling is no longer the page's
    const otherwise = await extractFromPages(edit(third, { "Ltd.": "Ltd" }), { templateId: "invoice" }, { memory, explain: true });
    expect(otherwise.memoryVerdicts?.find((v) => v.path === "vendor")).not.toMatchObject({ exact: true });
    // … and reviewers who type what the page prints would type this page's spelling (in their capitals)
    expect(field(otherwise.data, "vendor").value).toBe("GRANITE PEAK OFFICE GOODS LTD");
    // a space the OCR dropped is no other print: still their text letter for letter
    const glued = await extractFromPages(edit(third, { Office: "OfficeGoods", Goods: null }), { templateId: "invoice" }, { memory, explain: true });
    expect(glued.memoryVerdicts?.find((v) => v.path === "vendor")).toMatchObject({ exact: true });
  });

  it("never cuts an identifier the engine read whole to the remembered one it contains", async () => {
    // Two reviewed invoices that printed the same number (sample invoices do), then one that prints it with a prefix.
    let memory: SupplierMemory = { entries: [] };
    memory = remember(memory, learnField(first, "invoice_number", "2026-6930", 0, "doc-1")!);
    memory = remember(memory, learnField(edit(second, { "2026-7012": "2026-6930" }), "invoice_number", "2026-6930", 0, "doc-2")!);
    const page = edit(third, { "2026-7100": "TX-2026-6930" });
    const plain = await extractFromPages(page, { templateId: "invoice" });
    expect(field(plain.data, "invoice_number").value).toBe("TX-2026-6930");
    const res = await extractFromPages(page, { templateId: "invoice" }, { memory, explain: true });
    expect(field(res.data, "invoice_number").value).toBe("TX-2026-6930");
    expect(res.memoryVerdicts?.some((v) => v.path === "invoice_number" && v.kind === "picked") ?? false).toBe(false);
    // printed as remembered, the number is still found
    const again = await extractFromPages(edit(third, { "2026-7100": "2026-6930" }), { templateId: "invoice" }, { memory, explain: true });
    expect(again.memoryVerdicts?.find((v) => v.path === "invoice_number")).toMatchObject({ kind: "agree" });
  });

  it("on a text layer a place one reviewed document taught doubts a different reading instead of overruling it; two overrule", async () => {
    const extractor = lineAmountTotalExtractor();
    const layer = asTextLayer(third);
    const plain = await extractFromPages(layer, { templateId: "invoice" }, { extractor });
    expect(field(plain.data, "total").value).not.toBe("£98.10");
    let memory: SupplierMemory = { entries: [] };
    memory = remember(memory, learnField(first, "total", "£5,664.36", 0, "doc-1")!);
    const once = await extractFromPages(layer, { templateId: "invoice" }, { extractor, memory, explain: true });
    expect(field(once.data, "total").value).toBe(field(plain.data, "total").value);
    expect(once.memoryVerdicts?.find((v) => v.path === "total")).toMatchObject({ kind: "differs", remembered: "£98.10" });
    expect(field(once.data, "total").risk!).toBeGreaterThanOrEqual(ACCEPT_RISK);
    // the engine's reading OCR'd from an image on the text-layer page is no exact reading: the reviewed place is proposed
    const fromImage = layer.map((p) => ({
      ...p,
      words: p.words.map((w) => (field(plain.data, "total").value?.includes(w.text) ? { ...w, fromImage: true as const } : w)),
    }));
    const imaged = await extractFromPages(fromImage, { templateId: "invoice" }, { extractor, memory });
    expect(field(imaged.data, "total").value).toBe("£98.10");
    // a scan may have misread what the engine took: there one reviewed document's place is proposed (memory.test.ts)
    const scan = await extractFromPages(third, { templateId: "invoice" }, { extractor, memory });
    expect(field(scan.data, "total").value).toBe("£98.10");
    memory = remember(memory, learnField(second, "total", "£7,215.40", 0, "doc-2")!);
    const twice = await extractFromPages(layer, { templateId: "invoice" }, { extractor, memory, explain: true });
    expect(field(twice.data, "total").value).toBe("£98.10");
    expect(field(twice.data, "total").risk!).toBeGreaterThanOrEqual(ACCEPT_RISK);
  });
});
