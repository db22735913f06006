import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createEngine, type OcrAdapter } from "../index";
import { makePage } from "../layout/testing";
import type { CrossRegion } from "../ocr/crossread";
import { ACCEPT_RISK } from "../risk";
import type { FieldValue, OcrPage } from "../types";
import { COMPANY_VOCAB } from "./vendor";

// Frozen tesseract output of a rendered German invoice whose first line is the vendor "Krause Büroeinrichtung KG".
const fixture = path.join(import.meta.dirname, "../extract/__fixtures__/dev-001-0000.ocr.pages.json");
/** The page with the vendor's first word misread as tesseract might ("Kranse"). */
const misread = (): OcrPage => {
  const page = (JSON.parse(fs.readFileSync(fixture, "utf8")) as OcrPage[])[0]!;
  return { ...page, words: page.words.map((w) => (w.text === "Krause" ? { ...w, text: "Kranse", symbols: [] } : w)) };
};

/** An adapter whose page reading is frozen and whose second reader reads `second` for every region. */
function adapter(second: (r: CrossRegion) => string | null): OcrAdapter & { asked: CrossRegion[] } {
  const asked: CrossRegion[] = [];
  return {
    asked,
    recognize: async (_img, o) => ({ ...misread(), index: o.index }),
    crossRead: async (_img, _page, regions) =>
      regions.map((r) => {
        asked.push(r);
        const t = second(r);
        return t === null
          ? null
          : { text: t, conf: 0.99, blind: "", chars: t.split("\n").map((l) => [...l].map((c) => ({ text: c, conf: 0.99 }))), reader: "onnx" as const };
      }),
  };
}

const image = async () =>
  new Uint8Array(
    await sharp({ create: { width: 124, height: 175, channels: 3, background: "white" } })
      .png()
      .toBuffer(),
  );
const vendorOf = (d: Record<string, unknown>) => (d.vendor as FieldValue).value;

describe("the vendor re-read", () => {
  it("repairs a misread letter of the vendor's line from the second reader and extracts again", async () => {
    const ocr = adapter(() => "KrauseBüroeinrichtungKG");
    const on = createEngine({ ocr, secondPass: false, explain: true });
    const res = await on.processDocument({ pages: [{ image: await image() }], templateId: "invoice" });
    expect(ocr.asked.map((r) => r.first)).toEqual(["Kranse Büroeinrichtung KG"]);
    expect(vendorOf(res.data)).toBe("Krause Büroeinrichtung KG");
    // The readers disagreed on the first reading: a doubt for the risk stage.
    expect(res.riskFeatures?.vendor?.xr_differ).toBe(1);
    expect(res.ocrPages[0]!.words.find((w) => w.id === "w0")!.text).toBe("Krause");
  });

  it("can be turned off, and a second reading that agrees changes nothing", async () => {
    const ocr = adapter(() => "KrauseBüroeinrichtungKG");
    const off = await createEngine({ ocr, vendorReread: false, secondPass: false }).processDocument({
      pages: [{ image: await image() }],
      templateId: "invoice",
    });
    expect(vendorOf(off.data)).toBe("Kranse Büroeinrichtung KG");
    expect(ocr.asked).toHaveLength(0);
    const agreeing = adapter(() => "KranseBüroeinrichtungKG");
    const on = await createEngine({ ocr: agreeing, secondPass: false, explain: true }).processDocument({
      pages: [{ image: await image() }],
      templateId: "invoice",
    });
    expect(vendorOf(on.data)).toBe("Kranse Büroeinrichtung KG");
    expect(on.riskFeatures?.vendor?.xr_agree).toBe(1);
  });

  it("restores a capital the first reader read as a digit inside a name closed by its legal form, never auto-accepted", async () => {
    // a made-up receipt top as tesseract reads a scan: the name's initials read as digits
    const page: OcrPage = {
      ...makePage([
        { y: 100, runs: [["MR. 0.1.7. (M) SDN BHD", 300]], h: 20 },
        { y: 125, runs: [["(Co. No. 113825-W)", 300]] },
        { y: 150, runs: [["NO 12, JALAN MERANTI 3,", 300]] },
        { y: 170, runs: [["47100 PUCHONG, SELANGOR", 300]] },
      ]),
      source: "tesseract",
    };
    const ocr: OcrAdapter = { ...adapter(() => "MR.Q.I.Z.(M)SDNBHD"), recognize: async (_img, o) => ({ ...page, index: o.index }) };
    const res = await createEngine({ ocr, secondPass: false, explain: true }).processDocument({ pages: [{ image: await image() }], templateId: "receipt" });
    expect(vendorOf(res.data)).toBe("MR. Q.I.Z. (M) SDN BHD");
    expect(res.riskFeatures?.vendor?.repaired).toBe(1);
    expect((res.data.vendor as FieldValue).risk ?? 0).toBeGreaterThanOrEqual(ACCEPT_RISK);
  });

  it("a second reader that fails leaves the first reading, not a failed document", async () => {
    const ocr: OcrAdapter = {
      recognize: async (_img, o) => ({ ...misread(), index: o.index }),
      crossRead: async () => {
        throw new Error("onnxruntime: model failed to load");
      },
    };
    const res = await createEngine({ ocr, secondPass: false, explain: true }).processDocument({
      pages: [{ image: await image() }],
      templateId: "invoice",
    });
    expect(vendorOf(res.data)).toBe("Kranse Büroeinrichtung KG");
    expect(res.riskFeatures?.vendor?.xr_agree ?? 0).toBe(0);
    expect(res.riskFeatures?.vendor?.xr_differ ?? 0).toBe(0);
  });

  it("the vocabulary holds legal forms and trade words of many languages", () => {
    for (const w of ["SDN", "BHD", "GMBH", "SARL", "ENTERPRISE", "TRADING", "RESTAURANT", "BÄCKEREI", "BOULANGERIE", "株式会社"])
      expect(COMPANY_VOCAB.has(w)).toBe(true);
  });
});
