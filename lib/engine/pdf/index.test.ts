import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { EngineError } from "../types";
import { rasterizePdf } from "./index";
import { serializePdf } from "./serialize.test-helpers";

/** A one-page PDF (200×100 pt) drawing `text` in Helvetica 20 pt at (20, 40); optional /Encrypt. */
function makePdf(text: string, encrypt = false): Uint8Array {
  const stream = `BT /F1 20 Tf 20 40 Td (${text}) Tj ET`;
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
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
    // Baseline at y = 100 - 40 pt → 120 px; 20 pt font = 40 px tall, top ≈ 120 - 32.
    expect(item.x).toBeCloseTo(40, 0);
    expect(item.y).toBeGreaterThan(80);
    expect(item.y).toBeLessThan(95);
    expect(item.height).toBeCloseTo(40, 0);
    expect(item.width).toBeGreaterThan(150);
    // The ink really is where the text layer says it is.
    const { data, info } = await sharp(p.png).greyscale().raw().toBuffer({ resolveWithObject: true });
    let dark = 0;
    for (let y = Math.round(item.y); y < item.y + item.height; y++) {
      for (let x = Math.round(item.x); x < item.x + item.width; x++) if ((data[y * info.width + x] ?? 255) < 128) dark++;
    }
    expect(dark).toBeGreaterThan(500);
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
