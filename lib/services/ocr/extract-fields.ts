/**
 * POST /ocr/fields after parsing: fetch or take the image, check it is an image we read,
 * run the engine, shape the result, charge the call. Only a successful call is charged.
 */
import type { Db } from "@/lib/db/client";
import { sniffImageFormat } from "@/lib/engine/image";
import { recordUsage } from "@/lib/services/usage/record";
import { getApiEngine, markEngineWarm } from "./engine";
import { withOcrSlot } from "./gate";
import { FetchError, fetchImage } from "@/lib/net/fetch-image";
import { ApiError } from "@/lib/contract/errors";
import { isEngineError } from "@/lib/services/errors";
import type { FieldSpec } from "@/lib/engine/types";
import { toDetailed, toFlat } from "@/lib/contract/shape";

/** A validated request whose image is still a URL or already bytes. */
export interface ParsedOcrRequest {
  image: { kind: "url"; url: string } | { kind: "bytes"; bytes: Buffer };
  fields: FieldSpec[];
  templateId: string | null;
  shape: "detailed" | "flat";
  /** a deprecated snake_case alias was used. */
  deprecated: boolean;
}

/** 413 for an image over MAX_IMAGE_BYTES. */
export function imageTooLarge(max: number): ApiError {
  return new ApiError("payload_too_large", `The image is larger than the limit of ${max} bytes.`, { path: "image", limitBytes: max });
}

/** Server settings POST /ocr/fields needs. */
export interface OcrFieldsConfig {
  maxImageBytes: number;
  allowPrivateUrls: boolean;
  /** synchronous OCR back-pressure (OCR_CONCURRENCY, OCR_QUEUE); unbounded when absent. */
  gate?: { concurrency: number; queue: number };
}

/** Bytes of the request's image (URL fetched through the SSRF guard), verified to be a supported format. */
export async function loadImage(parsed: ParsedOcrRequest, cfg: OcrFieldsConfig): Promise<Buffer> {
  const bytes =
    parsed.image.kind === "bytes"
      ? parsed.image.bytes
      : await fetchImage(parsed.image.url, { maxBytes: cfg.maxImageBytes, allowPrivate: cfg.allowPrivateUrls }).then(
          (r) => r.bytes,
          (err: unknown) => {
            throw err instanceof FetchError ? new ApiError(err.code, err.message, err.details) : err;
          },
        );
  if (bytes.length > cfg.maxImageBytes) throw imageTooLarge(cfg.maxImageBytes);
  if (!sniffImageFormat(bytes)) {
    const pdf = bytes.subarray(0, 5).toString("latin1") === "%PDF-";
    throw new ApiError(
      "unsupported_media_type",
      pdf ? "PDF is not accepted here: render each page to PNG first, or send the PDF to POST /upload." : "The image is not JPEG, PNG, GIF, BMP, TIFF or WebP.",
    );
  }
  return bytes;
}

/** Extract the requested fields from one image and charge the call. */
export async function runOcrFields({
  db,
  caller,
  parsed,
  cfg,
  requestId,
}: {
  db: Db;
  caller: { userId: string; keyId: string };
  parsed: ParsedOcrRequest;
  cfg: OcrFieldsConfig;
  requestId: string;
}) {
  const recognize = async () => {
    const image = await loadImage(parsed, cfg);
    try {
      return await (await getApiEngine()).processDocument({ pages: [{ image }], fields: parsed.fields });
    } catch (err) {
      if (isEngineError(err)) throw err;
      console.error(`[api] ${requestId} the engine failed:`, err);
      throw new ApiError("engine_error", "The extraction engine failed on this image.");
    }
  };
  // the image is fetched and decoded inside the slot too: that is where the memory goes
  const result = cfg.gate ? await withOcrSlot(cfg.gate, recognize) : await recognize();
  markEngineWarm();
  await recordUsage({ db, input: { userId: caller.userId, apiKeyId: caller.keyId, kind: "ocr_fields", pages: 1 } });
  const issues = result.issues.map((i) => ({ code: i.code, severity: i.severity, message: i.message, fields: i.fields }));
  const data = parsed.shape === "flat" ? toFlat(parsed.fields, result.data) : toDetailed(parsed.fields, result.data);
  return { status: "success" as const, data, issues };
}
