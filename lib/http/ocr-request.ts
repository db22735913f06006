/**
 * Parse a POST /ocr/fields request — JSON (canonical camelCase or deprecated snake_case)
 * or multipart/form-data with a `file` part — into what to extract and the image to
 * read. Every failure is an ApiError with the contract's code and a clear message.
 */
import { getTemplate } from "@/lib/engine/templates";
import type { FieldSpec } from "@/lib/engine/types";
import { ApiError } from "@/lib/contract/errors";
import { imageTooLarge, type ParsedOcrRequest } from "@/lib/services/ocr/extract-fields";
import { readBody, validationError } from "./route";
import { OcrFieldsRequest, requestAliases } from "@/lib/contract/schemas";

/** Size limits of a request (from the environment). */
export interface RequestLimits {
  maxBodyBytes: number;
  maxImageBytes: number;
  /** called as soon as a deprecated alias is seen, so even an error response can say so. */
  onDeprecated?: () => void;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decode pure base64 (a data: URL prefix and whitespace tolerated; base64url too). */
export function decodeBase64Image(raw: string, maxImageBytes: number): Buffer {
  let s = raw.trim();
  const dataUrl = /^data:([^,]*?),/i.exec(s);
  if (dataUrl) {
    if (!/;base64$/i.test(dataUrl[1] ?? "")) {
      throw new ApiError("invalid_request", "Only base64 data: URLs are accepted.", { path: "image" });
    }
    s = s.slice(dataUrl[0].length);
  }
  s = s.replace(/\s+/g, "");
  if (!s || !BASE64.test(s)) {
    throw new ApiError("invalid_request", "image is neither an http(s) URL nor valid base64.", { path: "image" });
  }
  if (Math.floor((s.length * 3) / 4) > maxImageBytes + 2) throw imageTooLarge(maxImageBytes);
  const bytes = Buffer.from(s, s.includes("-") || s.includes("_") ? "base64url" : "base64");
  if (bytes.length === 0) throw new ApiError("invalid_request", "image decodes to zero bytes.", { path: "image" });
  if (bytes.length > maxImageBytes) throw imageTooLarge(maxImageBytes);
  return bytes;
}

/** Map snake_case aliases to canonical keys (canonical wins when both are sent). */
function unalias(body: Record<string, unknown>): { body: Record<string, unknown>; deprecated: boolean } {
  const out = { ...body };
  let deprecated = false;
  for (const [alias, canonical] of Object.entries(requestAliases)) {
    if (!(alias in out)) continue;
    deprecated = true;
    if (!(canonical in out)) out[canonical] = out[alias];
    delete out[alias];
  }
  return { body: out, deprecated };
}

function resolve(raw: Record<string, unknown>, queryShape: string | null, limits: RequestLimits, fileBytes?: Buffer): ParsedOcrRequest {
  const { body, deprecated } = unalias(raw);
  if (deprecated) limits.onDeprecated?.();
  if (fileBytes && body.image === undefined) body.image = "(file)";
  if (body.shape === undefined && queryShape !== null) body.shape = queryShape;
  const r = OcrFieldsRequest.safeParse(body);
  if (!r.success) throw validationError(r.error);
  const req = r.data;

  let fields: FieldSpec[];
  let templateId: string | null = null;
  if (req.fields) fields = req.fields as FieldSpec[];
  else if (req.templateId || req.autoFields) {
    const id = req.templateId ?? "invoice";
    const t = getTemplate(id);
    if (!t) {
      throw new ApiError("invalid_request", `Unknown templateId "${id}"; the built-in templates are invoice, delivery and receipt.`, {
        issues: [{ path: "templateId", message: "unknown template" }],
      });
    }
    fields = t.fields;
    templateId = t.id;
  } else {
    throw new ApiError("invalid_request", "Send templateId (invoice, delivery, receipt) or a fields list.", {
      issues: [{ path: "templateId", message: "templateId or fields is required" }],
    });
  }

  let image: ParsedOcrRequest["image"];
  if (fileBytes) {
    if (fileBytes.length > limits.maxImageBytes) throw imageTooLarge(limits.maxImageBytes);
    if (fileBytes.length === 0) throw new ApiError("invalid_request", "The file part is empty.", { path: "file" });
    image = { kind: "bytes", bytes: fileBytes };
  } else {
    const looksUrl = /^https?:\/\//i.test(req.image.trim());
    const type = req.imageType ?? (looksUrl ? "url" : "base64");
    if (type === "url") {
      if (!looksUrl) throw new ApiError("invalid_request", "imageType is url but image is not an http(s) URL.", { path: "image" });
      image = { kind: "url", url: req.image.trim() };
    } else image = { kind: "bytes", bytes: decodeBase64Image(req.image, limits.maxImageBytes) };
  }
  return { image, fields, templateId, shape: req.shape ?? "detailed", deprecated };
}

/** Parse the HTTP request (JSON or multipart) into a validated extraction request. */
export async function parseOcrRequest(req: Request, limits: RequestLimits): Promise<ParsedOcrRequest> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const queryShape = new URL(req.url).searchParams.get("shape");
  const body = await readBody(req, limits.maxBodyBytes);

  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
    } catch {
      throw new ApiError("invalid_request", "Malformed multipart/form-data body.");
    }
    const file = form.get("file") ?? form.get("image");
    const raw: Record<string, unknown> = {};
    for (const [k, v] of form.entries()) {
      if (typeof v !== "string" || k === "file") continue;
      if (k === "fields") {
        try {
          raw.fields = JSON.parse(v);
        } catch {
          throw new ApiError("invalid_request", "The fields part must be a JSON array of FieldSpecs.", { path: "fields" });
        }
      } else if (k === "autoFields" || k === "auto_fields") raw[k] = v === "true" || v === "1";
      else raw[k] = v;
    }
    if (file && typeof file !== "string") {
      const bytes = Buffer.from(await file.arrayBuffer());
      return resolve(raw, queryShape, limits, bytes);
    }
    if (raw.image === undefined) {
      throw new ApiError("invalid_request", "A multipart request needs a `file` part with the image.", { path: "file" });
    }
    return resolve(raw, queryShape, limits);
  }

  // Any other content type is read as JSON: `curl -d` without a header sends a form type.
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (err) {
    throw new ApiError("invalid_request", `Malformed JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ApiError("invalid_request", "The body must be a JSON object.");
  }
  return resolve(parsed as Record<string, unknown>, queryShape, limits);
}
