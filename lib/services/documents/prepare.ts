import { createHash } from "node:crypto";
import sharp from "sharp";
import { z } from "zod";
import { decodeImage, sniffImageFormat } from "@/lib/engine/image";
import { readEInvoice } from "@/lib/engine/einvoice";
import { renderEInvoice } from "@/lib/engine/einvoice/render";
import { EngineError, type TextLayerPage } from "@/lib/engine/types";
import { ServiceError } from "@/lib/services/errors";
import { sniff } from "@/lib/upload/sniff";

/** One page ready to store: the bytes to keep, their type, size and optional text layer. */
export interface PreparedPage {
  bytes: Uint8Array;
  ext: "png" | "jpg";
  contentType: "image/png" | "image/jpeg";
  width: number;
  height: number;
  textLayer: TextLayerPage | null;
}

/** An upload after validation: pages in order, the original to keep, and its fingerprint. */
export interface PreparedUpload {
  fileName: string;
  mimeType: string;
  sha256: string;
  pages: PreparedPage[];
  original: { bytes: Uint8Array; ext: string; contentType: string } | null;
  /** pages the job will make from the original PDF (rough count, for the job's time budget); 0 otherwise. */
  pendingPdfPages: number;
}

/** What a client sent: page images (browser-rasterized) and/or one original file. */
export interface RawUpload {
  fileName?: string;
  pages: Uint8Array[];
  file?: { bytes: Uint8Array; type?: string; name?: string };
  /** JSON text: one TextLayerPage or null per page. */
  textLayer?: string;
}

/** Limits applied while preparing (from env in the app, smaller in tests). */
export interface UploadLimits {
  maxImageBytes: number;
  maxImagePixels: number;
  /** a PDF sent alone (rasterized by the job) may be this large. */
  maxPdfBytes: number;
  maxPages?: number;
}

const textLayerSchema = z
  .array(
    z
      .object({
        width: z.number().positive(),
        height: z.number().positive(),
        items: z
          .array(
            z.object({
              text: z.string(),
              x: z.number(),
              y: z.number(),
              width: z.number(),
              height: z.number(),
              angle: z.number().optional(),
            }),
          )
          .max(50_000),
        // where the PDF paints images (lib/engine/pdf/images.ts): the engine reads text inside them
        images: z
          .array(z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }))
          .max(10_000)
          .optional(),
      })
      .nullable(),
  )
  .max(1000);

/** The bytes decide what a file is, never its name: refuse what Vouch cannot read, saying what it is. */
function sniffOrRefuse(bytes: Uint8Array, name?: string): "pdf" | "image" | "xml" {
  const s = sniff(bytes, name);
  if (!s.ok) throw new EngineError("unsupported_media_type", s.reason);
  return s.route;
}

/** Validate and normalize an upload: decode every page (pixel ceiling); a bare PDF is kept for the job. */
export async function prepareUpload(raw: RawUpload, limits: UploadLimits): Promise<PreparedUpload> {
  const maxPages = limits.maxPages ?? 200;
  const file = raw.file;
  const fileName = (raw.fileName ?? file?.name ?? "upload").trim().slice(0, 255) || "upload";
  let layers: Array<TextLayerPage | null> = [];
  if (raw.textLayer) {
    let json: unknown;
    try {
      json = JSON.parse(raw.textLayer);
    } catch {
      throw new ServiceError("invalid", "textLayer is not valid JSON", { path: "textLayer" });
    }
    const r = textLayerSchema.safeParse(json);
    if (!r.success) throw new ServiceError("invalid", `textLayer: ${r.error.issues[0]?.message ?? "invalid"}`, { path: "textLayer" });
    layers = r.data;
  }

  const pages: PreparedPage[] = [];
  let original: PreparedUpload["original"] = null;
  let mimeType: string;

  if (raw.pages.length > 0) {
    if (raw.pages.length > maxPages) throw new EngineError("payload_too_large", `at most ${maxPages} pages per document`);
    if (layers.length > 0 && layers.length !== raw.pages.length) {
      throw new ServiceError("invalid", `textLayer has ${layers.length} entries for ${raw.pages.length} pages`, { path: "textLayer" });
    }
    for (const [i, bytes] of raw.pages.entries()) pages.push(await preparePage(bytes, layers[i] ?? null, limits, i));
    if (file) {
      const pdf = sniffOrRefuse(file.bytes, file.name) === "pdf";
      original = { bytes: file.bytes, ext: pdf ? "pdf" : extOf(file.bytes), contentType: pdf ? "application/pdf" : (file.type ?? "application/octet-stream") };
      mimeType = original.contentType;
    } else mimeType = pages[0]?.contentType ?? "image/png";
  } else if (file) {
    const route = sniffOrRefuse(file.bytes, file.name);
    if (route === "xml") {
      // An XML e-invoice: read here (refusing DOCTYPE/entities and oversized XML), drawn as a
      // readable page whose text layer lets the job give every value its box.
      const inv = readEInvoice(file.bytes);
      for (const p of await renderEInvoice(inv)) {
        pages.push({ bytes: p.png, ext: "png", contentType: "image/png", width: p.width, height: p.height, textLayer: p.textLayer });
      }
      original = { bytes: file.bytes, ext: "xml", contentType: "application/xml" };
      mimeType = "application/xml";
    } else if (route === "pdf") {
      // Rasterized by the extraction job, not here: the upload answers at once and the
      // web process stays light. An unreadable PDF fails its job with the reason.
      if (file.bytes.length > limits.maxPdfBytes) {
        throw new EngineError("payload_too_large", `the PDF is ${file.bytes.length} bytes; the limit is ${limits.maxPdfBytes}`);
      }
      original = { bytes: file.bytes, ext: "pdf", contentType: "application/pdf" };
      mimeType = "application/pdf";
    } else {
      // A single image: it is its own page, stored once.
      const page = await preparePage(file.bytes, layers[0] ?? null, limits, 0);
      pages.push(page);
      mimeType = `image/${sniffImageFormat(file.bytes) ?? "png"}`;
    }
  } else {
    throw new ServiceError("invalid", "send page images as `page` parts, or one image or PDF as `file`", { path: "page" });
  }

  const pendingPdfPages = pages.length === 0 && original ? estimatePdfPages(original.bytes) : 0;
  return { fileName, mimeType, sha256: fingerprint(file?.bytes ?? null, raw.pages), pages, original, pendingPdfPages };
}

/** sha256 of the original when there is one, else of the page images in order. */
function fingerprint(file: Uint8Array | null, pages: Uint8Array[]): string {
  if (file) return createHash("sha256").update(file).digest("hex");
  const h = createHash("sha256");
  for (const p of pages) h.update(createHash("sha256").update(p).digest());
  return h.digest("hex");
}

/** Page objects in a PDF's bytes: a cheap estimate (compressed object streams hide them). */
function estimatePdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const n = text.match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
  return Math.max(1, Math.min(n || 10, 500));
}

function extOf(bytes: Uint8Array): string {
  const f = sniffImageFormat(bytes);
  return f === "jpeg" ? "jpg" : (f ?? "bin");
}

/**
 * Decode one page to check it (format, pixel ceiling, corrupt data). PNG and upright JPEG
 * are kept byte for byte; anything else (GIF, BMP, TIFF, WebP, EXIF-rotated JPEG) is
 * stored as the engine's upright PNG, so the stored image and the OCR grid always agree.
 */
async function preparePage(bytes: Uint8Array, textLayer: TextLayerPage | null, limits: UploadLimits, index: number): Promise<PreparedPage> {
  const format = sniffImageFormat(bytes);
  if (!format) {
    const s = sniff(bytes);
    const why = s.ok ? "send PDFs as `file`" : s.reason;
    throw new EngineError("unsupported_media_type", `page ${index + 1}: ${why}`);
  }
  let decoded: Awaited<ReturnType<typeof decodeImage>>;
  try {
    decoded = await decodeImage(bytes, { maxPixels: limits.maxImagePixels, maxBytes: limits.maxImageBytes });
  } catch (err) {
    if (err instanceof EngineError) throw new EngineError(err.code, `page ${index + 1}: ${err.message}`);
    throw err;
  }
  if (format === "png" || format === "jpeg") {
    const meta = await sharp(bytes).metadata();
    if (!meta.orientation || meta.orientation === 1) {
      return format === "png"
        ? { bytes, ext: "png", contentType: "image/png", width: decoded.width, height: decoded.height, textLayer }
        : { bytes, ext: "jpg", contentType: "image/jpeg", width: decoded.width, height: decoded.height, textLayer };
    }
  }
  return { bytes: decoded.png, ext: "png", contentType: "image/png", width: decoded.width, height: decoded.height, textLayer };
}
