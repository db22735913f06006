import { describe, expect, it } from "vitest";
import { extractFromPages, type FieldValue } from "../index";
import type { OcrPage } from "../types";
import { edit, first, third } from "./fixtures.test-helpers";
import { letterheadSimilarity } from "./identity";
import { learnField, remember } from "./learn";
import { findSupplier, LETTERHEAD_MATCH } from "./types";

const value = (d: Record<string, unknown>, k: string) => (d[k] as FieldValue).value;
const asTextLayer = (pages: OcrPage[]): OcrPage[] => pages.map((p) => ({ ...p, source: "textlayer" }));

describe("memory never overrides what the page says", () => {
  it("on a text layer only the remembered name letter for letter is the supplier's name again; on a scan a misread letter is", async () => {
    const memory = remember({ entries: [] }, learnField(first, "vendor", "GRANITE PEAK OFFICE GOODS LTD.", 0, "doc-1")!);
    // The page prints another name one letter apart: a scan may have misread it, a text layer has not.
    const other = edit(third, { Granite: "Granote" });
    const scan = await extractFromPages(other, { templateId: "invoice" }, { memory });
    expect(value(scan.data, "vendor")).toBe("GRANITE PEAK OFFICE GOODS LTD.");
    const layer = await extractFromPages(asTextLayer(other), { templateId: "invoice" }, { memory });
    expect(value(layer.data, "vendor")).not.toBe("GRANITE PEAK OFFICE GOODS LTD.");
    expect(layer.memoryVerdicts?.some((v) => v.path === "vendor" && v.kind === "picked") ?? false).toBe(false);
  });

  it("keeps a longer name the engine read on the same line instead of cutting it to the remembered one", async () => {
    const memory = remember({ entries: [] }, learnField(first, "vendor", "Granite Peak Office", 0, "doc-1")!);
    const res = await extractFromPages(third, { templateId: "invoice" }, { memory });
    const plain = await extractFromPages(third, { templateId: "invoice" });
    expect(String(value(plain.data, "vendor"))).toMatch(/GRANITE PEAK OFFICE GOODS/i);
    expect(value(res.data, "vendor")).toBe(value(plain.data, "vendor"));
  });

  it("remembers positions as shares of the page, whatever the image's pixel size", () => {
    const big = first.map((p) => ({ ...p, width: p.width * 2, height: p.height * 2 }));
    const a = learnField(first, "total", "£5,664.36", 0, "doc-1")!;
    const b = learnField(big, "total", "£5,664.36", 0, "doc-1")!;
    expect(b.position).toEqual(a.position);
    // the total is printed right of the page's middle, in its lower half (grid 0–1000 as shares)
    expect(a.position.x0).toBeGreaterThan(0.5);
    expect(a.position.cy).toBeGreaterThan(0.3);
    expect(a.position.x1).toBeLessThanOrEqual(1);
  });

  it("two VAT ids that differ name two suppliers, however alike their names and letterheads", () => {
    const head = ["granitepeakofficegoodsltd", "978queenstreetleeds"];
    const rows = [{ keys: ["tax:GB123456789", "name:granitepeakofficegoodsltd"], letterheads: [head] }];
    expect(findSupplier(rows, ["tax:GB987654321", "name:granitepeakofficegoodsltd"], head)).toBeUndefined();
    // one misread digit is the same id
    expect(findSupplier(rows, ["tax:GB123456780", "name:granitepeakofficegoodsltd"], head)).toBe(rows[0]);
    expect(findSupplier(rows, ["name:granitepeakofficegoodsltd"], head)).toBe(rows[0]);
  });

  it("two IBANs that differ under two names are two suppliers, however alike their letterheads", () => {
    // One template, one town, one e-mail domain: the letterheads alone would name one supplier.
    const head = ["copperlinedesignstudioltd", "8cedarlanegalwayh91e2k7", "invoicescopperlineie"];
    const rows = [{ keys: ["iban:IE46AIBK33695550031921", "name:copperlinedesignstudioltd"], letterheads: [head] }];
    const theirs = ["copperlinelabslimited", "478churchstreetgalwayh91e2k7", "invoicescopperlineie"];
    expect(findSupplier(rows, ["iban:IE46AIBK33695550031921"], theirs)).toBe(rows[0]);
    expect(findSupplier(rows, ["tax:IE9712572R", "iban:IE94AIBK72517819869177", "name:copperlinelabslimited"], theirs)).toBeUndefined();
    // the same name with a second account, or an IBAN misread by a digit: the same supplier
    expect(findSupplier(rows, ["iban:IE94AIBK72517819869177", "name:copperlinedesignstudioltd"], head)).toBe(rows[0]);
    expect(findSupplier(rows, ["iban:IE46AIBK33695550031927", "name:copperlinelabslimited"], theirs)).toBe(rows[0]);
  });

  it("an IBAN read with one character wrong (its checksum fails) finds its supplier without a name or letterhead", () => {
    const rows = [
      { keys: ["iban:IE46AIBK33695550031921", "name:copperlinedesignstudioltd"] },
      { keys: ["iban:IE94AIBK72517819869177", "name:harbourlightsupplies"] },
    ];
    expect(findSupplier(rows, ["iban:IE46AIBK33695550031927"])).toBe(rows[0]);
    expect(findSupplier(rows, ["iban:IE94AIBK72517819869171"])).toBe(rows[1]);
    // two characters off is no misread this decides, and another valid IBAN (another account) names neither
    expect(findSupplier(rows, ["iban:IE46AIBK33695550031977"])).toBeUndefined();
    expect(findSupplier(rows, ["iban:IE29AIBK93115212345678"])).toBeUndefined();
  });

  it("a VAT id read one character off backs a letterhead too misread to decide alone, never on its own", () => {
    const head = ["granitepeakofficegoodsltd", "978queenstreetleeds", "tel01134960000", "vatgb123456789"];
    const misread = ["gr4nitep3ak", "978qu33nstr33t", "vatgb123456780", "invoice"];
    const rows = [{ keys: ["tax:GB123456789", "name:granitepeakofficegoodsltd"], letterheads: [head] }];
    expect(letterheadSimilarity(head, misread)).toBeGreaterThanOrEqual(LETTERHEAD_MATCH / 2);
    expect(letterheadSimilarity(head, misread)).toBeLessThan(LETTERHEAD_MATCH);
    expect(findSupplier(rows, [], misread)).toBeUndefined();
    expect(findSupplier(rows, ["tax:GB123456780"], misread)).toBe(rows[0]);
    // two digits off, or no letterhead to back it: another firm's number, perhaps
    expect(findSupplier(rows, ["tax:GB123456700"], misread)).toBeUndefined();
    expect(findSupplier(rows, ["tax:GB123456780"])).toBeUndefined();
  });
});
