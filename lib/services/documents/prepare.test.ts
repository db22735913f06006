import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { EngineError } from "@/lib/engine/types";
import { textPdf } from "@/lib/jobs/test-helpers";
import { ServiceError } from "@/lib/services/errors";
import { prepareUpload } from "./prepare";

const limits = { maxImageBytes: 5e6, maxImagePixels: 4e6, maxPdfBytes: 1e6 };
const png = (w = 40, h = 20) =>
  sharp({ create: { width: w, height: h, channels: 3, background: "#fff" } })
    .png()
    .toBuffer();

describe("prepareUpload", () => {
  it("keeps PNG pages byte for byte, in order, with their text layers and where their PDF painted images", async () => {
    const a = await png(40, 20);
    const b = await png(30, 60);
    const layer = { width: 30, height: 60, items: [{ text: "Total", x: 1, y: 2, width: 10, height: 5 }], images: [{ x: 0, y: 40, width: 30, height: 20 }] };
    const up = await prepareUpload({ pages: [a, b], textLayer: JSON.stringify([null, layer]), fileName: " scan.pdf " }, limits);
    expect(up.fileName).toBe("scan.pdf");
    expect(up.pages.map((p) => [p.width, p.height, p.ext])).toEqual([
      [40, 20, "png"],
      [30, 60, "png"],
    ]);
    expect(Buffer.from(up.pages[0]?.bytes ?? []).equals(a)).toBe(true);
    expect(up.pages[1]?.textLayer).toEqual(layer);
    expect(up.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(up.original).toBeNull();
  });

  it("stores an EXIF-rotated JPEG and other formats as the upright PNG the engine reads", async () => {
    const rotated = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#eee" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const upright = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#eee" } })
      .jpeg()
      .toBuffer();
    const webp = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#eee" } })
      .webp()
      .toBuffer();
    const up = await prepareUpload({ pages: [rotated, upright, webp] }, limits);
    expect(up.pages.map((p) => [p.ext, p.width, p.height])).toEqual([
      ["png", 20, 40],
      ["jpg", 40, 20],
      ["png", 40, 20],
    ]);
  });

  it("keeps a PDF sent alone for the job to rasterize, with a page estimate", async () => {
    const pdf = textPdf(["Invoice", "Total 9.00"]);
    const up = await prepareUpload({ pages: [], file: { bytes: pdf, name: "x.pdf", type: "application/pdf" } }, limits);
    expect(up.pages).toHaveLength(0);
    expect(up.original?.ext).toBe("pdf");
    expect(up.mimeType).toBe("application/pdf");
    expect(up.pendingPdfPages).toBe(1);
    expect(up.fileName).toBe("x.pdf");
  });

  it("refuses what cannot be a document, with typed errors", async () => {
    const reject = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e,
      );
    const ok = await png();
    expect(await reject(prepareUpload({ pages: [] }, limits))).toBeInstanceOf(ServiceError);
    expect(await reject(prepareUpload({ pages: [Buffer.from("hello")] }, limits))).toMatchObject({ code: "unsupported_media_type" });
    expect(await reject(prepareUpload({ pages: [ok.subarray(0, 60)] }, limits))).toMatchObject({ code: "unprocessable_image" });
    expect(await reject(prepareUpload({ pages: [await png(3000, 2000)] }, limits))).toMatchObject({ code: "unprocessable_image" });
    expect(await reject(prepareUpload({ pages: [ok], textLayer: "[null, null]" }, limits))).toBeInstanceOf(ServiceError);
    expect(await reject(prepareUpload({ pages: [ok], textLayer: "{" }, limits))).toBeInstanceOf(ServiceError);
    const bigPdf = Buffer.concat([textPdf(["x"]), Buffer.alloc(2e6)]);
    const e = await reject(prepareUpload({ pages: [], file: { bytes: bigPdf } }, limits));
    expect(e).toBeInstanceOf(EngineError);
    expect(e).toMatchObject({ code: "payload_too_large" });
  });

  it("reads what a file is from its bytes: a PNG named .pdf is a page, a text file named .pdf is refused", async () => {
    const ok = await png();
    const up = await prepareUpload({ pages: [], file: { bytes: ok, name: "scan.pdf", type: "application/pdf" } }, limits);
    expect(up.pages).toHaveLength(1);
    expect(up.mimeType).toBe("image/png");
    const reject = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e,
      );
    const text = await reject(prepareUpload({ pages: [], file: { bytes: Buffer.from("Total 9.00\n"), name: "inv.pdf" } }, limits));
    expect(text).toMatchObject({ code: "unsupported_media_type", message: "This is a text file (named “inv.pdf”), not a PDF or an image." });
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic"), Buffer.alloc(40)]);
    expect(await reject(prepareUpload({ pages: [heic] }, limits))).toMatchObject({
      code: "unsupported_media_type",
      message: expect.stringMatching(/^page 1: HEIC/),
    });
  });
});
