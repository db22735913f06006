import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractFromPages } from "../index";
import { crossReadRegions, readingsAgree, regionOf } from "../ocr/crossread";
import type { RiskModel } from "../risk";
import type { FieldValue, OcrPage, Quad } from "../types";
import { agreements, crossRequests } from "./index";

// Frozen tesseract output of a rendered German invoice (the extractor's own fixture).
const fixture = path.join(import.meta.dirname, "../extract/__fixtures__/dev-001-0000.ocr.pages.json");
const frozen = () => JSON.parse(fs.readFileSync(fixture, "utf8")) as OcrPage[];

describe("readingsAgree", () => {
  it("agrees letter for letter, spaces, width and signs at the ends aside", () => {
    expect(readingsAgree("Krause Büroeinrichtung KG", "KrauseBüroeinrichtungKG").agree).toBe(true);
    expect(readingsAgree("Date 25/12/2018", "Date:25/12/2018").agree).toBe(false);
    expect(readingsAgree("Member :", "Member").agree).toBe(true);
    expect(readingsAgree("ＡＢＣ 12", "ABC12").agree).toBe(true);
  });

  it("a letter or digit read differently is a disagreement, with its distance", () => {
    expect(readingsAgree("TDO1167104", "TD01167104")).toEqual({ agree: false, distance: 1 });
    expect(readingsAgree("9.60", "9.00").agree).toBe(false);
    expect(readingsAgree("9.60", "960").agree).toBe(false);
    expect(readingsAgree("", "").agree).toBe(false);
  });

  it("a character the second reader cannot produce matches any one character or none", () => {
    expect(readingsAgree("Hauptstraße 30", "Hauptstrae30", "ß").agree).toBe(true);
    expect(readingsAgree("Hauptstraße 30", "HauptstraBe30", "ß").agree).toBe(true);
    expect(readingsAgree("Hauptstraße 30", "HauptstraBe30").agree).toBe(false);
  });
});

describe("regionOf", () => {
  it("takes the words inside a box, one quad per OCR line, with their first reading", () => {
    const page = frozen()[0]!;
    const line0 = page.words.filter((w) => w.lineId === "l0");
    const box = {
      x0: Math.min(...line0.map((w) => w.box.x0)),
      y0: Math.min(...line0.map((w) => w.box.y0)),
      x1: Math.max(...line0.map((w) => w.box.x1)),
      y1: Math.max(...line0.map((w) => w.box.y1)),
    };
    const r = regionOf(page, box)!;
    expect(r.first).toBe("Krause Büroeinrichtung KG");
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]![0]).toEqual(line0[0]!.quad[0]);
    expect(r.lines[0]![1]).toEqual(line0[line0.length - 1]!.quad[1]);
    expect(regionOf(page, { x0: 0, y0: 0, x1: 1, y1: 1 })).toBeNull();
  });
});

describe("crossReadRegions", () => {
  it("reads each line quad once in page pixels and joins a region's lines; the reader's blind characters are named", async () => {
    const asked: Quad[] = [];
    const reader = {
      readLines: async (_img: unknown, quads: Quad[]) => {
        asked.push(...quads);
        return quads.map((_, i) => [...(i === 0 ? "Hauptstrae" : "30")].map((text) => ({ text, conf: 0.9 })));
      },
      charset: async () => new Set([..."abcdefghijklmnopqrstuvwxyzH0123456789"]),
    };
    const quad = (y: number): Quad => [
      { x: 100, y },
      { x: 300, y },
      { x: 300, y: y + 20 },
      { x: 100, y: y + 20 },
    ];
    const [got] = await crossReadRegions(reader, { png: Buffer.alloc(0), width: 2000, height: 1000 }, [
      { lines: [quad(100), quad(200)], first: "Hauptstraße\n30" },
    ]);
    expect(asked).toHaveLength(2);
    // grid → pixels (x × 2), grown by a margin around the ink
    expect(asked[0]![0].x).toBeLessThan(200);
    expect(asked[0]![1].x).toBeGreaterThan(600);
    expect(got?.text).toBe("Hauptstrae\n30");
    expect(got?.blind).toBe("ß");
    expect(readingsAgree("Hauptstraße\n30", got!.text, got!.blind).agree).toBe(true);
  });
});

describe("the cross-read stage and the risk gate (fixed readings)", () => {
  it("asks for every located value of a tesseract page and turns readings into agreements", async () => {
    const pages = frozen();
    const res = await extractFromPages(pages, { templateId: "invoice" }, { explain: true });
    const vendor = (res.data.vendor as FieldValue).value!;
    expect(res.riskFeatures?.vendor?.xr_agree).toBe(0);
    expect(res.riskFeatures?.vendor?.xr_differ).toBe(0);
    // the requests of the pure path are those of the shell
    const { createRulesExtractor } = await import("../extract/rules");
    const raw = await createRulesExtractor().extract(pages, [{ name: "vendor", type: "string" }]);
    const { matchExtraction } = await import("../match");
    const m = matchExtraction(pages, [{ name: "vendor", type: "string" }], raw);
    const reqs = crossRequests(pages, [{ name: "vendor", type: "string" }], m.data, raw, m.info);
    expect(reqs.map((r) => r.path)).toEqual(["vendor"]);
    expect(reqs[0]!.region.first).toContain(vendor.split(" ")[0]);
    const same = agreements(reqs, [{ text: reqs[0]!.region.first.replace(/\s/g, ""), conf: 0.9, blind: "", chars: [], reader: "onnx" }]);
    expect(same.vendor?.agree).toBe(true);
    const other = agreements(reqs, [{ text: "Krauso", conf: 0.9, blind: "", chars: [], reader: "onnx" }]);
    expect(other.vendor?.agree).toBe(false);
    expect(agreements(reqs, [null])).toEqual({});
  });

  it("feeds the agreement to the risk model: agreement can lower a value's risk, a disagreement raises it and says so", async () => {
    const model: RiskModel = { version: 1, features: ["xr_agree", "xr_differ"], weights: [-4, 6], bias: -3 };
    const pages = frozen();
    const base = await extractFromPages(pages, { templateId: "invoice" }, { riskModel: model, explain: true });
    const vendor = base.data.vendor as FieldValue;
    const agree = await extractFromPages(
      pages,
      { templateId: "invoice" },
      { riskModel: model, explain: true, cross: { vendor: { agree: true, distance: 0, text: vendor.value! } } },
    );
    const differ = await extractFromPages(
      pages,
      { templateId: "invoice" },
      { riskModel: model, explain: true, cross: { vendor: { agree: false, distance: 2, text: "Krauso" } } },
    );
    expect(agree.riskFeatures?.vendor?.xr_agree).toBe(1);
    expect((agree.data.vendor as FieldValue).risk!).toBeLessThan(vendor.risk!);
    expect(differ.riskFeatures?.vendor?.xr_differ).toBe(1);
    expect((differ.data.vendor as FieldValue).risk!).toBeGreaterThan(vendor.risk!);
    const why = differ.issues.filter((i) => i.fields.includes("vendor")).map((i) => i.message);
    expect(why.join(" ")).toMatch(/a second OCR reader read it differently/);
  });
});
