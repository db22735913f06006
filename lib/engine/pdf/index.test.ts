import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { EngineError } from "../types";
import { rasterizePdf } from "./index";
import { serializePdf } from "./serialize.test-helpers";

const HELVETICA = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/**
 * A one-page PDF (200×100 pt) drawing `text` 20 pt at (20, 40) in font object 5 (Helvetica
 * unless given, with `more` objects from 6 on); optional /Encrypt.
 */
function makePdf(text: string, encrypt = false, font = HELVETICA, more: string[] = []): Uint8Array {
  const stream = `BT /F1 20 Tf 20 40 Td (${text}) Tj ET`;
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    font,
    ...more,
  ];
  if (encrypt) {
    const h = "1".repeat(64);
    objs.push(`<< /Filter /Standard /V 1 /R 2 /O <${h}> /U <${h}> /P -4 >>`);
  }
  const enc = encrypt ? ` /Encrypt ${objs.length} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]` : "";
  return new Uint8Array(serializePdf(objs, enc));
}

describe("rasterizePdf", () => {
  it("renders a page and maps its text layer to image pixels, origin top-left", async () => {
    const pages = await rasterizePdf(makePdf("Invoice 42"), { dpi: 144 });
    expect(pages).toHaveLength(1);
    const p = pages[0]!;
    expect([p.width, p.height]).toEqual([400, 200]);
    const meta = await sharp(p.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 400, 200]);
    expect(p.textLayer.items.map((i) => i.text).join(" ")).toBe("Invoice 42");
    const item = p.textLayer.items[0]!;
    // Baseline at y = 100 - 40 pt → 120 px; 20 pt font = 40 px. The box spans the font's
    // ascent and descent as pdfjs reports them (Helvetica's substitute: 0.905 / 0.212 em),
    // settled 0.05 em lower as laid-out text sits.
    expect(item.x).toBeCloseTo(40, 0);
    expect(item.y).toBeCloseTo(120 - 0.855 * 40, 0);
    expect(item.height).toBeCloseTo(1.117 * 40, 0);
    expect(item.width).toBeGreaterThan(150);
    // The ink really is where the text layer says it is.
    const { data, info } = await sharp(p.png).greyscale().raw().toBuffer({ resolveWithObject: true });
    let dark = 0;
    for (let y = Math.round(item.y); y < item.y + item.height; y++) {
      for (let x = Math.round(item.x); x < item.x + item.width; x++) if ((data[y * info.width + x] ?? 255) < 128) dark++;
    }
    expect(dark).toBeGreaterThan(500);
  });

  it("boxes a run from its font descriptor's Ascent and Descent", async () => {
    const font = "<< /Type /Font /Subtype /TrueType /BaseFont /Foo /FirstChar 65 /LastChar 66 /Widths [600 600] /FontDescriptor 6 0 R >>";
    const desc =
      "<< /Type /FontDescriptor /FontName /Foo /Flags 32 /FontBBox [0 -300 1000 1000] /ItalicAngle 0 /Ascent 1000 /Descent -300 /CapHeight 700 /StemV 80 >>";
    const item = (await rasterizePdf(makePdf("AB", false, font, [desc]), { dpi: 144 }))[0]!.textLayer.items[0]!;
    expect(item.x).toBe(40);
    expect(item.y).toBeCloseTo(120 - 0.95 * 40);
    expect(item.width).toBeCloseTo(48);
    expect(item.height).toBeCloseTo(1.3 * 40);
  });

  it("guesses the middle extent for a Type3 font, which has no ascent or descent", async () => {
    const glyph = "500 0 0 0 400 700 d1 0 0 400 700 re f";
    const font =
      "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /A 6 0 R /B 6 0 R >> " +
      "/Encoding << /Type /Encoding /Differences [65 /A /B] >> /FirstChar 65 /LastChar 66 /Widths [500 500] /Resources << >> >>";
    const item = (await rasterizePdf(makePdf("AB", false, font, [`<< /Length ${glyph.length} >>\nstream\n${glyph}\nendstream`]), { dpi: 144 }))[0]!.textLayer
      .items[0]!;
    expect(item.y).toBeCloseTo(120 - 0.82 * 40);
    expect(item.height).toBeCloseTo(1.12 * 40);
    expect(item.width).toBeCloseTo(40);
  });

  it("knows the metrics of a common face that a Type3 font was made from, by its name", async () => {
    const glyph = "500 0 0 0 400 700 d1 0 0 400 700 re f";
    const font =
      "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 700] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /A 6 0 R /B 6 0 R >> " +
      "/Encoding << /Type /Encoding /Differences [65 /A /B] >> /FirstChar 65 /LastChar 66 /Widths [500 500] /Resources << >> /FontDescriptor 7 0 R >>";
    const desc = "<< /Type /FontDescriptor /FontName /BAAAAA+TeXGyreHeros-Regular /Flags 4 /ItalicAngle 0 /CapHeight 729 /StemV 94 >>";
    const stream = `<< /Length ${glyph.length} >>\nstream\n${glyph}\nendstream`;
    const item = (await rasterizePdf(makePdf("AB", false, font, [stream, desc]), { dpi: 144 }))[0]!.textLayer.items[0]!;
    // TeX Gyre Heros: ascent 1.148, descent 0.284 em, settled by 0.05 em.
    expect(item.y).toBeCloseTo(120 - 1.098 * 40);
    expect(item.height).toBeCloseTo(1.432 * 40);
  });

  it("sizes the raster by flooring the viewport (US Letter at 150 DPI is 1275 × 1650)", async () => {
    // Same length, so the cross-reference offsets still hold.
    const letter = new TextDecoder().decode(makePdf("x")).replace("/MediaBox [0 0 200 100]", "/MediaBox [0 0 612 792]");
    const page = (await rasterizePdf(new TextEncoder().encode(letter)))[0]!;
    expect([page.width, page.height, page.textLayer.width, page.textLayer.height]).toEqual([1275, 1650, 1275, 1650]);
  });

  it("honours maxPages and a white background", async () => {
    const pages = await rasterizePdf(makePdf("x"), { maxPages: 1 });
    const { data } = await sharp(pages[0]!.png).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBe(255);
  });

  it("rejects corrupt and encrypted PDFs with a typed error", async () => {
    const corrupt = new TextEncoder().encode("%PDF-1.4\nthis is not a pdf at all");
    await expect(rasterizePdf(corrupt)).rejects.toBeInstanceOf(EngineError);
    await expect(rasterizePdf(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: "unprocessable_image" });
    await expect(rasterizePdf(makePdf("secret", true))).rejects.toMatchObject({
      code: "unprocessable_image",
      message: expect.stringMatching(/encrypted/),
    });
  });
});
