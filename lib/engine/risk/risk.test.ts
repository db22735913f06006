import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRulesExtractor } from "../extract/rules";
import type { Extractor, RawValue } from "../extract/types";
import { extractFromPages } from "../index";
import { type FieldValue, isArrayValue, type OcrPage } from "../types";
import { ACCEPT_RISK, fitRisk, type RiskModel, riskReasons, SHIPPED_RISK_MODEL, scoreRisk } from "./index";

// Frozen tesseract output of a rendered German invoice (the extractor's own fixture).
const fixture = path.join(import.meta.dirname, "../extract/__fixtures__/dev-001-0000.ocr.pages.json");
const frozen = () => JSON.parse(fs.readFileSync(fixture, "utf8")) as OcrPage[];

/** The frozen pages with the words of one printed value read at a lower confidence. */
function withDoubt(pages: OcrPage[], text: string, conf: number): OcrPage[] {
  const parts = new Set(text.split(/\s+/));
  return pages.map((p) => ({ ...p, words: p.words.map((w) => (parts.has(w.text) ? { ...w, conf } : w)) }));
}

describe("the shipped risk model", () => {
  it("loads: one weight per feature, a finite bias, and the features the stage computes", async () => {
    const m = SHIPPED_RISK_MODEL;
    expect(m.version).toBe(1);
    expect(m.weights).toHaveLength(m.features.length);
    expect(Number.isFinite(m.bias)).toBe(true);
    const res = await extractFromPages(frozen(), { templateId: "invoice" }, { explain: true });
    const known = new Set(Object.values(res.riskFeatures ?? {}).flatMap((f) => Object.keys(f)));
    for (const f of m.features) expect(known.has(f), f).toBe(true);
  });

  it("scores more OCR doubt, a failed check and a partial match as riskier", () => {
    const base = { text_layer: 0, type_number: 1 };
    const r0 = scoreRisk(SHIPPED_RISK_MODEL, base);
    expect(scoreRisk(SHIPPED_RISK_MODEL, { ...base, ocr_doubt: 0.5, ocr_weak: 1, ocr_below_80: 1, ocr_below_90: 1 })).toBeGreaterThan(r0);
    expect(scoreRisk(SHIPPED_RISK_MODEL, { ...base, check_error: 1 })).toBeGreaterThan(r0);
    expect(scoreRisk(SHIPPED_RISK_MODEL, { ...base, unmatched: 0.3, below_anchor: 1 })).toBeGreaterThan(r0);
  });
});

describe("fitRisk", () => {
  it("keeps doubt features monotone: one that would lower the risk is left out", () => {
    // ocr_doubt is (spuriously) more frequent among right values here; it must not become a reason to trust.
    const ex = [
      ...Array.from({ length: 300 }, (_, i) => ({ features: { ocr_doubt: 1, confirmed: 1 }, wrong: i % 100 === 0 })),
      ...Array.from({ length: 300 }, (_, i) => ({ features: { ocr_doubt: 0, confirmed: 0 }, wrong: i % 10 === 0 })),
    ];
    const m = fitRisk(ex, undefined, { l2: 0.01 });
    expect(m.weights[m.features.indexOf("ocr_doubt")]).toBe(0);
    expect(m.weights[m.features.indexOf("confirmed")]).toBeLessThan(0);
  });

  it("learns which feature predicts a wrong value, with calibrated rates", () => {
    // 1 value in 4 with doubt=1 is wrong; 1 in 100 without.
    const ex = [
      ...Array.from({ length: 400 }, (_, i) => ({ features: { doubt: 1 }, wrong: i % 4 === 0 })),
      ...Array.from({ length: 1000 }, (_, i) => ({ features: { doubt: 0 }, wrong: i % 100 === 0 })),
    ];
    const m = fitRisk(ex, undefined, { l2: 0.01 });
    expect(m.features).toEqual(["doubt"]);
    expect(scoreRisk(m, { doubt: 1 })).toBeCloseTo(0.25, 2);
    expect(scoreRisk(m, { doubt: 0 })).toBeCloseTo(0.01, 3);
  });
});

describe("the risk gate on frozen OCR pages", () => {
  it("gives every value a risk; values under the gate with no issue pass, every other one is named by an issue", async () => {
    const res = await extractFromPages(frozen(), { templateId: "invoice" });
    const named = new Set(res.issues.flatMap((i) => i.fields));
    let passed = 0;
    const values = Object.entries(res.data).flatMap(
      ([name, r]): Array<[string, FieldValue]> =>
        isArrayValue(r)
          ? r.value.flatMap((row, i) => Object.entries(row.field_bboxes).map(([k, fv]): [string, FieldValue] => [`${name}.${i}.${k}`, fv]))
          : [[name, r]],
    );
    for (const [path, fv] of values) {
      if (fv.value === null) continue;
      expect(fv.risk, path).toBeGreaterThanOrEqual(0);
      expect(fv.risk, path).toBeLessThanOrEqual(1);
      if (fv.risk! >= ACCEPT_RISK) expect(named.has(path), path).toBe(true);
      else if (!named.has(path)) passed++;
    }
    expect(passed).toBeGreaterThan(0);
  });

  it("queues a value the OCR is unsure of, with the reason in words", async () => {
    const clean = await extractFromPages(frozen(), { templateId: "invoice" });
    const vendor = (clean.data.vendor as FieldValue).value!;
    const res = await extractFromPages(withDoubt(frozen(), vendor, 0.53), { templateId: "invoice" });
    const v = res.data.vendor as FieldValue;
    expect(v.value).toBe(vendor);
    expect(v.risk!).toBeGreaterThan((clean.data.vendor as FieldValue).risk!);
    expect(v.risk!).toBeGreaterThanOrEqual(ACCEPT_RISK);
    const why = res.issues.filter((i) => i.fields.includes("vendor")).map((i) => i.message);
    expect(why.join(" ")).toMatch(/OCR is unsure/);
  });

  it("queues a value whose only doubt is the model's, saying why (an injected model)", async () => {
    // OCR confidence 0.8 passes every fixed threshold; a model that weighs OCR doubt queues it.
    const model: RiskModel = { version: 1, features: ["ocr_doubt"], weights: [30], bias: -7 };
    const clean = await extractFromPages(frozen(), { templateId: "invoice" }, { riskModel: model });
    const vendor = (clean.data.vendor as FieldValue).value!;
    const res = await extractFromPages(withDoubt(frozen(), vendor, 0.8), { templateId: "invoice" }, { riskModel: model });
    const gate = res.issues.find((i) => i.code === "risk" && i.fields.includes("vendor"));
    expect(gate?.severity).toBe("warning");
    expect(gate?.message).toMatch(/chance that .* is wrong: the OCR is unsure of it \(word confidence 80 %\)/);
    expect(res.issues.filter((i) => i.code !== "risk" && i.fields.includes("vendor"))).toEqual([]);
  });

  it("never auto-accepts a value with an OCR warning, even under a model that trusts everything", async () => {
    // A model that puts every value at ~0 risk: only the OCR warning can keep the value out of the auto-accepted set.
    const model: RiskModel = { version: 1, features: [], weights: [], bias: -30 };
    const clean = await extractFromPages(frozen(), { templateId: "invoice" }, { riskModel: model });
    const vendor = (clean.data.vendor as FieldValue).value!;
    expect((clean.data.vendor as FieldValue).risk!).toBeLessThan(ACCEPT_RISK);
    const res = await extractFromPages(withDoubt(frozen(), vendor, 0.4), { templateId: "invoice" }, { riskModel: model });
    const v = res.data.vendor as FieldValue;
    expect(v.value).toBe(vendor);
    expect(v.risk!).toBeGreaterThanOrEqual(ACCEPT_RISK);
    const ocr = res.issues.filter((i) => i.fields.includes("vendor") && i.code !== "risk");
    expect(ocr.map((i) => i.code)).toContain("ocr_confidence");
  });

  it("never auto-accepts a value the extractor restored from a misread print, even under a model that trusts everything", async () => {
    const model: RiskModel = { version: 1, features: [], weights: [], bias: -30 };
    const rules = createRulesExtractor();
    // The rules' own total, marked as restored (what extract/rank/misread.ts and implied.ts do to their values).
    const restoring: Extractor = {
      name: "rules",
      async extract(pages, fields, ctx) {
        const raw = await rules.extract(pages, fields, ctx);
        const total = raw.fields.total as RawValue;
        return { fields: { ...raw.fields, total: { ...total, evidence: { ...(total.evidence ?? { source: "model" }), repaired: 1 } } } };
      },
    };
    const clean = await extractFromPages(frozen(), { templateId: "invoice" }, { riskModel: model });
    expect((clean.data.total as FieldValue).risk!).toBeLessThan(ACCEPT_RISK);
    const res = await extractFromPages(frozen(), { templateId: "invoice" }, { riskModel: model, extractor: restoring });
    expect((res.data.total as FieldValue).value).toBe((clean.data.total as FieldValue).value);
    expect((res.data.total as FieldValue).risk!).toBeGreaterThanOrEqual(ACCEPT_RISK);
    const gate = res.issues.find((i) => i.code === "risk" && i.fields.includes("total"));
    expect(gate?.message).toMatch(/restored from a misread print/);
  });

  it("marks a value holding a glyph the glyphs stage repaired (read/glyphs.ts) as restored, which the gate never passes", async () => {
    const model: RiskModel = { version: 1, features: [], weights: [], bias: -30 };
    const description = (r: Awaited<ReturnType<typeof extractFromPages>>, text: string) => {
      const items = r.data.line_items;
      const rows = items && isArrayValue(items) ? items.value : [];
      const i = rows.findIndex((row) => row.field_bboxes.description?.value?.includes(text));
      expect(i).toBeGreaterThanOrEqual(0);
      return { fv: rows[i]!.field_bboxes.description!, f: r.riskFeatures![`line_items.${i}.description`]! };
    };
    const clean = description(await extractFromPages(frozen(), { templateId: "invoice" }, { riskModel: model, explain: true }), "120 x 90");
    expect(clean.f.repaired).toBe(0);
    // What the glyphs stage makes of the lifted "x" (the frozen words carry no symbols: the stage's own tests cover the geometry).
    const repaired = frozen().map((p) => ({
      ...p,
      words: p.words.map((w) => (w.text === "x" ? { ...w, text: "×", symbols: [{ text: "×", box: w.box, conf: w.conf, read: "x" }] } : w)),
    }));
    const res = await extractFromPages(repaired, { templateId: "invoice" }, { riskModel: model, explain: true });
    const fixed = description(res, "120 × 90");
    expect(fixed.f.repaired).toBe(1);
    expect(fixed.fv.risk!).toBeGreaterThanOrEqual(ACCEPT_RISK);
    // the other descriptions are untouched
    expect(description(res, "Dokumentenkamera").f.repaired ?? 0).toBe(0);
  });

  it("says nothing in words for features that lower the risk", () => {
    const m: RiskModel = { version: 1, features: ["confirmed", "ocr_doubt"], weights: [-3, 10], bias: -5 };
    expect(riskReasons(m, { confirmed: 1, ocr_doubt: 0 })).toEqual([]);
    expect(riskReasons(m, { confirmed: 1, ocr_doubt: 0.4 })).toEqual(["the OCR is unsure of it (word confidence 60 %)"]);
  });
});

describe("the width of a sign (¥ or ￥)", () => {
  // Frozen text layer of a rendered Japanese delivery note whose amounts carry a yen sign.
  const ja = () => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../extract/__fixtures__/dev-001-0002.pages.json"), "utf8")) as OcrPage[];

  it("is a doubt on a page with CJK text, not on a Latin page", async () => {
    const res = await extractFromPages(ja(), { templateId: "delivery" }, { explain: true });
    const withSign = Object.entries(res.riskFeatures ?? {}).filter(([p]) => {
      const [name, i, k] = p.split(".");
      const r = res.data[name!]!;
      const fv = isArrayValue(r) ? r.value[Number(i)]!.field_bboxes[k!]! : r;
      return /[¥￥]/.test(fv.value ?? "");
    });
    expect(withSign.length).toBeGreaterThan(0);
    for (const [p, f] of withSign) expect(f.width_twin, p).toBe(1);
    const latin = await extractFromPages(frozen(), { templateId: "invoice" }, { explain: true });
    for (const [p, f] of Object.entries(latin.riskFeatures ?? {})) expect(f.width_twin, p).toBe(0);
  });

  it("is never auto-accepted, and the review issue says why, under a model that trusts everything", async () => {
    const trusting: RiskModel = { version: 1, features: [], weights: [], bias: -30 };
    const res = await extractFromPages(ja(), { templateId: "delivery" }, { riskModel: trusting, explain: true });
    const twins = Object.entries(res.riskFeatures ?? {}).filter(([, f]) => f.width_twin === 1);
    expect(twins.length).toBeGreaterThan(0);
    for (const [p] of twins) {
      const gate = res.issues.find((i) => i.code === "risk" && i.fields.includes(p));
      expect(gate?.message, p).toMatch(/two widths/);
    }
  });

  it("raises the risk under a model that weighs it and says why in words", () => {
    const m: RiskModel = { version: 1, features: ["width_twin"], weights: [4], bias: -7 };
    expect(scoreRisk(m, { width_twin: 1 })).toBeGreaterThan(ACCEPT_RISK);
    expect(scoreRisk(m, { width_twin: 0 })).toBeLessThan(ACCEPT_RISK);
    expect(riskReasons(m, { width_twin: 1 })).toEqual(["it holds a sign printed in two widths (¥ or ￥), which reading cannot tell apart"]);
  });
});
