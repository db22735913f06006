import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { paperShare, toGrey } from "../preprocess";
import { EngineError, type OcrPage, type PageFlattening, type Quad } from "../types";
import { page } from "./__fixtures__/page";
import { renderPng, svgPage } from "./__fixtures__/render";
import { fuseReadings, isPhoto, JA_PHOTO_MODEL, PHOTO_DET_MAX_SIDE, PHOTO_LINE_HEIGHT, photoDetMaxSide, photoLineScale, readBoth, readsUpright } from "./gate";
import { boxToQuad } from "./geometry";
import { createOcrEngine, type OcrImage, type RecognizeOptions } from "./index";
import { modelsForHint } from "./language";
import { createOnnxReader, type OnnxReader } from "./onnx";

const text = (p: OcrPage) => p.words.map((w) => w.text).join(" ");
const ascii = new Set([..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,: "]);

/** Spend `ms` of CPU on this thread. */
function spin(ms: number): void {
  const c0 = process.cpuUsage();
  let x = 0;
  for (let u = process.cpuUsage(c0); (u.user + u.system) / 1000 < ms; u = process.cpuUsage(c0)) x += Math.sqrt(x + 1);
  if (x < 0) throw new Error("unreachable");
}

function fakeOnnx(reading: OcrPage): OnnxReader {
  return {
    recognize: async () => reading,
    readPage: async () => ({ page: reading, lines: [] }),
    charset: async () => ascii,
    readLines: async () => [],
    close: async () => {},
  };
}

describe("the photo gate", () => {
  it("takes a page on a dark desk for a photo, a rendered page for a clean one; the engine reads the photo with both readers as OCR", async () => {
    const card = await renderPng(svgPage(400, 300, [{ text: "Total 12.50", x: 40, y: 150 }]));
    const photo = await sharp({ create: { width: 900, height: 900, channels: 3, background: "#3a2a1a" } })
      .composite([{ input: card.png, left: 250, top: 300 }])
      .png()
      .toBuffer();
    expect(isPhoto(paperShare(await toGrey(photo)))).toBe(true);
    expect(isPhoto(paperShare(await toGrey(card.png)))).toBe(false);
    let onnxPages = 0;
    const engine = createOcrEngine({ onnx: { onRead: () => onnxPages++ } });
    try {
      await engine.recognize(card);
      expect(onnxPages).toBe(0);
      const read = await engine.recognize({ png: photo, width: 900, height: 900 });
      expect(onnxPages).toBe(1);
      expect(text(read)).toContain("12.50");
      // Not a text layer: the matcher, risk and the second pass must treat it as OCR.
      expect(read.source).toBe("tesseract");
      expect(read.language).toBe("eng");
    } finally {
      await engine.close();
    }
  }, 60_000);

  it("reads a photo taken upside down once, turned: its ONNX lines read better turned than as they stand", async () => {
    const card = await renderPng(
      svgPage(700, 320, [
        { text: "INVOICE No. INV-2026-0042", x: 30, y: 60 },
        { text: "Date: 21/11/2026", x: 30, y: 130 },
        { text: "Total due: 1,234.56 USD", x: 30, y: 200 },
        { text: "Thank you for your business", x: 30, y: 270 },
      ]),
    );
    const upside = await sharp(card.png).rotate(180).toBuffer();
    const photo = await sharp({ create: { width: 1100, height: 900, channels: 3, background: "#3a2a1a" } })
      .composite([{ input: upside, left: 200, top: 290 }])
      .png()
      .toBuffer();
    const asked: RecognizeOptions[] = [];
    const engine = createOcrEngine({ secondReader: "off" });
    const onnx = createOnnxReader();
    try {
      const tess = (img: OcrImage, o: RecognizeOptions) => {
        asked.push(o);
        return engine.recognize(img, o);
      };
      const read = await readBoth({ png: photo, width: 1100, height: 900 }, {}, onnx, tess, { fuse: true });
      expect(asked.map((o) => [o.upright, o.turned])).toEqual([[undefined, true]]);
      expect(text(read)).toContain("1,234.56");
    } finally {
      await Promise.all([engine.close(), onnx.close()]);
    }
  }, 60_000);

  it("tells tesseract the language the ONNX reading shows, and lets tesseract lead where the ONNX charset lacks letters", async () => {
    const asked: RecognizeOptions[] = [];
    const tess = async (_: unknown, o: RecognizeOptions) => {
      asked.push(o);
      return page("Summe 12,50 €", 0.9, "deu");
    };
    const img = { png: Buffer.alloc(0), width: 1000, height: 1000 };
    const out = await readBoth(img, {}, fakeOnnx(page("Summe Betrag Datum Rechnung 12,50", 0.95, "ppocr")), tess, { fuse: true });
    expect(asked.map((o) => o.lang)).toEqual(["de"]);
    // A confident first reading: the page is upright, tesseract skips its orientation passes.
    expect(asked[0]!.upright).toBe(true);
    expect(asked[0]!.cpuBudgetMs).toBeLessThanOrEqual(9000);
    // a Latin photo is read by tesseract at the preparation's own cap
    expect(asked[0]!.maxPixels).toBeUndefined();
    expect(text(out)).toContain("€");
    expect(out.language).toBe("deu");
  });

  it("has tesseract read a Japanese photo at ≤ 4 MP with the Japanese model alone (eng+Japanese did not fit in the budget both readers share)", async () => {
    const asked: RecognizeOptions[] = [];
    const tess = async (_: unknown, o: RecognizeOptions) => {
      asked.push(o);
      return page("請求書 合計 12,500円", 0.9, "eng+Japanese");
    };
    await readBoth({ png: Buffer.alloc(0), width: 1000, height: 1000 }, {}, fakeOnnx(page("請求書 株式会社 合計 12,500円 御中", 0.95, "ppocr")), tess, {
      fuse: true,
    });
    expect(asked.map((o) => [o.lang, o.maxPixels])).toEqual([[JA_PHOTO_MODEL, 4_000_000]]);
    // the hint reaches tesseract as that one model, not the "ja" hint's eng+Japanese
    expect(modelsForHint(JA_PHOTO_MODEL)).toBe("Japanese");
    expect(modelsForHint("ja")).toBe("eng+Japanese");
  });

  it("writes a Japanese photo's kanji in Japanese forms before fusing: the Chinese-dictionary reading then agrees with tesseract's", async () => {
    const tess = async () => page("消費税 8,500円", 0.7, "Japanese");
    const read = await readBoth({ png: Buffer.alloc(0), width: 1000, height: 1000 }, {}, fakeOnnx(page("消费税 8,500円", 0.95, "ppocr")), tess, {
      fuse: true,
    });
    const word = read.words.find((w) => w.text.startsWith("消"));
    expect(word?.text).toBe("消費税");
    // agreement, not a disagreement kept as a doubt for review
    expect(word?.alt).toBeUndefined();
    // a Latin page is left as read (its readers have no such forms to agree on)
    const latin = await readBoth(
      { png: Buffer.alloc(0), width: 1000, height: 1000 },
      {},
      fakeOnnx(page("TOTAL 10.00", 0.95, "ppocr")),
      async () => page("TOTAL 10.00", 0.9, "eng"),
      {
        fuse: true,
      },
    );
    expect(latin.words.map((w) => w.text)).toEqual(["TOTAL", "10.00"]);
  });

  it("has tesseract read a Latin photo at the text size it wants: the detector's small print (its 20th-percentile word) scaled to 40 px, within 1–2×", async () => {
    // page(): lines 20 grid units high; on a 1500-px-high image that is 30 px.
    const tall = (p: OcrPage): OcrPage => ({ ...p, height: 1500 });
    const latin = tall(page("INVOICE TOTAL AMOUNT 10.00 THANK YOU", 0.95, "ppocr"));
    expect(photoLineScale(latin)).toBeCloseTo(PHOTO_LINE_HEIGHT / 30, 5);
    // small text (10 px lines) keeps the preparation's 2×, large text (60 px) is not shrunk below 1×
    expect(photoLineScale({ ...latin, height: 500 })).toBe(2);
    expect(photoLineScale({ ...latin, height: 3000 })).toBe(1);
    // a footer in small print (IBAN, phone: 15 px) among 30-px body lines sets the scale, not the median body line
    const footer = page("IBAN DE89370400440532013000 TEL 0301234567", 0.95, "ppocr");
    const small = footer.words.map((w) => ({ ...w, id: `s${w.id}`, quad: boxToQuad({ ...w.box, y1: 510 }) }));
    const mixed = { ...latin, words: [...latin.words, ...latin.words.map((w) => ({ ...w, id: `b${w.id}` })), ...small] };
    expect(photoLineScale(mixed)).toBe(2);
    // too few words to measure a line height: the preparation decides
    expect(photoLineScale(tall(page("TOTAL 10.00", 0.95, "ppocr")))).toBeUndefined();
    const asked: RecognizeOptions[] = [];
    const tess = async (_: unknown, o: RecognizeOptions) => {
      asked.push(o);
      return page("TOTAL 10.00", 0.9, o.lang === "ja" ? "eng+Japanese" : "eng");
    };
    const img = { png: Buffer.alloc(0), width: 1000, height: 1500 };
    await readBoth(img, {}, fakeOnnx(latin), tess, { fuse: true });
    await readBoth(img, {}, fakeOnnx(latin), tess, { fuse: true, lineHeight: 0 });
    await readBoth(img, {}, fakeOnnx(tall(page("請求書 株式会社 合計 12,500円 御中", 0.95, "ppocr"))), tess, { fuse: true });
    expect(asked.map((o) => o.photoScale)).toEqual([PHOTO_LINE_HEIGHT / 30, undefined, undefined]);
  });

  it("has the ONNX detector look at a photographed page at 1280 px (its small text), a till receipt at the reader's own 960 px", async () => {
    expect(photoDetMaxSide(1744, 2104)).toBe(PHOTO_DET_MAX_SIDE);
    expect(photoDetMaxSide(2104, 1744)).toBe(PHOTO_DET_MAX_SIDE);
    expect(photoDetMaxSide(900, 2812)).toBeUndefined();
    const asked: (number | undefined)[] = [];
    const onnx = fakeOnnx(page("TOTAL 10.00", 0.9, "ppocr"));
    const spy: OnnxReader = {
      ...onnx,
      readPage: async (img, o) => {
        asked.push(o?.detMaxSide);
        return onnx.readPage(img, o);
      },
    };
    const tess = async () => page("TOTAL 10.00", 0.9, "eng");
    const img = { png: Buffer.alloc(0), width: 1000, height: 1000 };
    await readBoth(img, {}, spy, tess, { fuse: true, detMaxSide: 1280 });
    await readBoth(img, {}, spy, tess, { fuse: true });
    expect(asked).toEqual([1280, undefined]);
  });

  it("leaves orientation to tesseract when the ONNX reading is weak (an upside-down page reads as low-confidence fragments)", async () => {
    const asked: RecognizeOptions[] = [];
    const tess = async (_: unknown, o: RecognizeOptions) => {
      asked.push(o);
      return page("TOTAL 10.00", 0.9, "eng");
    };
    const weak = page("lVOl 00 Ol ll0 0l ll lO", 0.5, "ppocr");
    expect(readsUpright(weak)).toBe(false);
    expect(readsUpright(page("INVOICE TOTAL 10.00 THANK YOU", 0.9, "ppocr"))).toBe(true);
    await readBoth({ png: Buffer.alloc(0), width: 1000, height: 1000 }, {}, fakeOnnx(weak), tess, { fuse: true });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.upright).toBeUndefined();
  });

  it("settles a weak reading's orientation by its longest lines read turned: tesseract reads once, upright or turned", async () => {
    const weak = page("lVOl 00 Ol ll0 0l ll lO", 0.5, "ppocr");
    const quad = (y: number): Quad => [
      { x: 10, y },
      { x: 610, y },
      { x: 610, y: y + 20 },
      { x: 10, y: y + 20 },
    ];
    const chars = (n: number, conf: number) => Array.from({ length: n }, () => ({ text: "a", conf, u0: 0, u1: 1 }));
    const lines = [0, 40, 80].map((y) => ({ quad: quad(y), height: 20, chars: chars(10, 0.5) }));
    const asked: RecognizeOptions[] = [];
    const tess = async (_: unknown, o: RecognizeOptions) => {
      asked.push(o);
      return page("TOTAL 10.00", 0.9, "eng");
    };
    const turnedReads = async (turnedConf: number) => {
      const onnx: OnnxReader = {
        ...fakeOnnx(weak),
        readPage: async () => ({ page: weak, lines }),
        readLines: async (_img, quads) => quads.map(() => chars(10, turnedConf)),
      };
      await readBoth({ png: Buffer.alloc(0), width: 1000, height: 1000 }, {}, onnx, tess, { fuse: true });
    };
    await turnedReads(0.2);
    await turnedReads(0.9);
    expect(asked.map((o) => [o.upright, o.turned])).toEqual([
      [true, undefined],
      [undefined, true],
    ]);
  });

  it("gives tesseract the page's whole budget however long the ONNX reading took (the reading must not depend on the machine's load)", async () => {
    const asked: RecognizeOptions[] = [];
    const tess = async (_: unknown, o: RecognizeOptions) => {
      asked.push(o);
      return page("Summe 12,50 €", 0.9, "deu");
    };
    const onnx = fakeOnnx(page("Summe Betrag Datum Rechnung 12,50", 0.95, "ppocr"));
    // An ONNX reading that spends 0.6 s of CPU (a loaded machine): of a 1-s budget, 0.4 s would have been left.
    const slow: OnnxReader = {
      ...onnx,
      recognize: async (img, o) => {
        spin(600);
        return onnx.recognize(img, o);
      },
    };
    const img = { png: Buffer.alloc(0), width: 1000, height: 1000 };
    const out = await readBoth(img, { cpuBudgetMs: 1000 }, slow, tess, { fuse: true });
    expect(asked.map((o) => o.cpuBudgetMs)).toEqual([1000]);
    expect(text(out)).toContain("€");
    await readBoth(img, { cpuBudgetMs: 1000 }, slow, tess, { fuse: false });
    expect(asked.map((o) => o.cpuBudgetMs)).toEqual([1000, 1000]);
  });

  it("keeps the ONNX reading of a photo whose tesseract reading runs past its budget (the safety net)", async () => {
    const tess = async (): Promise<OcrPage> => {
      throw new EngineError("unprocessable_image", "page 1 is too complex to read");
    };
    const out = await readBoth(
      { png: Buffer.alloc(0), width: 1000, height: 1000 },
      {},
      fakeOnnx(page("Summe Betrag Datum Rechnung 12,50", 0.95, "ppocr")),
      tess,
      {
        fuse: true,
      },
    );
    expect(text(out)).toBe("Summe Betrag Datum Rechnung 12,50");
    expect(out.language).toBe("deu");
  });

  it("on an English page fuses with the ONNX reading leading: a digit tesseract misread is taken from it", () => {
    const onnxPage = page("TOTAL 10.00", 0.97, "ppocr");
    const tessPage = page("TOTAL 1O.00", 0.55, "eng");
    const fused = fuseReadings(tessPage, onnxPage, ascii);
    expect(text(fused)).toBe("TOTAL 10.00");
    expect(fused.language).toBe("eng");
    // A photo tesseract's preparation warped keeps its flattened view, the ONNX reading leading or not.
    const flattening = {
      quad: [
        { x: 10, y: 20 },
        { x: 990, y: 5 },
        { x: 980, y: 990 },
        { x: 5, y: 970 },
      ] as PageFlattening["quad"],
      width: 800,
      height: 1000,
    };
    expect(fuseReadings({ ...tessPage, flattening }, onnxPage, ascii).flattening).toEqual(flattening);
    expect(fuseReadings({ ...tessPage, language: "deu", flattening }, onnxPage, ascii).flattening).toEqual(flattening);
    expect(fuseReadings(tessPage, onnxPage, ascii).flattening).toBeUndefined();
    // A photo tesseract read turned keeps tesseract's orientation (the second pass crops its re-reads by it).
    expect(fuseReadings({ ...tessPage, rotation: 180, skew: 0.5 }, onnxPage, ascii)).toMatchObject({ rotation: 180, skew: 0.5 });
    expect(fuseReadings(tessPage, onnxPage, ascii).rotation).toBe(0);
  });
});
