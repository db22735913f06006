/**
 * The API's zod schemas: they validate requests and, through `z.toJSONSchema`, ARE the
 * OpenAPI components (lib/contract/openapi.ts) — one source of truth. Names match the
 * contract; response property names are snake_case where the contract says so.
 */
import { z } from "zod";
import { apiErrorCodes } from "./errors";

/** Every schema that becomes an OpenAPI component (id → schema). */
export const apiRegistry = z.registry<{ id: string; description?: string }>();

const fieldName = z
  .string()
  .trim()
  .min(1, { message: "Every field needs a name." })
  .max(64)
  .regex(/^[\p{L}\p{N}_][\p{L}\p{N}_ .-]*$/u, { message: "Use letters, digits, _ . - and spaces in field names." })
  .refine((n) => n !== "field_bboxes", { message: '"field_bboxes" is reserved by the flat response shape.' })
  .describe("The key the value is returned under.");

/** A column of an array field (scalars only). */
export const ChildFieldSpec = z
  .object({
    name: fieldName,
    type: z.enum(["string", "number", "date"]).describe("number/date values also carry `normalized`."),
    description: z.string().max(500).optional().describe("Plain-language hint: what to pick up."),
  })
  .register(apiRegistry, { id: "ChildFieldSpec", description: "A column of an array field." });

/** One requested field; `children` only on `array`. */
export const FieldSpec = z
  .object({
    name: fieldName,
    type: z.enum(["string", "number", "date", "array"]),
    description: z.string().max(500).optional().describe("Plain-language hint: what to pick up."),
    required: z.boolean().optional().describe("A missing value is reported in issues."),
    children: z
      .array(ChildFieldSpec)
      .min(1, { message: "An array field needs at least one child field." })
      .max(40)
      .optional()
      .describe("Only on `array`: the columns of one row."),
  })
  .superRefine((f, ctx) => {
    if (f.type === "array" && !f.children) {
      ctx.addIssue({ code: "custom", path: ["children"], message: "An array field needs children." });
    }
    if (f.type !== "array" && f.children) {
      ctx.addIssue({ code: "custom", path: ["children"], message: "children are only allowed on array fields." });
    }
  })
  .register(apiRegistry, { id: "FieldSpec", description: "One field to extract: `{ name, type, description?, children? }`." });

/**
 * A list of FieldSpecs: the one schema for custom fields, whether they come with an API call or
 * define a space (lib/services/spaces/create.ts).
 */
export const FieldSpecList = z
  .array(FieldSpec)
  .min(1, { message: "Add at least one field." })
  .max(100)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `The field "${f.name}" appears twice.` });
      seen.add(f.name);
    });
  });

/** The canonical (camelCase) request of POST /ocr/fields. */
export const OcrFieldsRequest = z
  .object({
    image: z.string().min(1).describe("An http(s) URL, or the image bytes as pure base64 (a `data:` URL prefix is tolerated)."),
    imageType: z
      .enum(["url", "base64"])
      .optional()
      .describe("Inferred when omitted: a value starting with http:// or https:// is a URL, anything else base64."),
    templateId: z.string().min(1).optional().describe("A built-in template: invoice, delivery or receipt."),
    fields: FieldSpecList.optional().describe("Custom fields; they win over templateId when both are sent."),
    autoFields: z.boolean().optional().describe("With neither fields nor templateId: true uses the invoice template (otherwise that is a 400)."),
    shape: z.enum(["detailed", "flat"]).optional().describe("Response shape: detailed (default) or the older flat shape. Also accepted as ?shape=flat."),
  })
  .register(apiRegistry, { id: "OcrFieldsRequest", description: "Extract fields from one image." });

/** The validated request. */
export type OcrFieldsRequest = z.infer<typeof OcrFieldsRequest>;

/** Deprecated snake_case request keys → their canonical names. */
export const requestAliases = { image_type: "imageType", template_id: "templateId", auto_fields: "autoFields" } as const;

/** The request as OpenAPI documents it: canonical keys plus the deprecated aliases. */
export const OcrFieldsRequestWithAliases = OcrFieldsRequest.extend({
  image_type: OcrFieldsRequest.shape.imageType.meta({ deprecated: true, description: "Deprecated alias of imageType." }),
  template_id: OcrFieldsRequest.shape.templateId.meta({ deprecated: true, description: "Deprecated alias of templateId." }),
  auto_fields: OcrFieldsRequest.shape.autoFields.meta({ deprecated: true, description: "Deprecated alias of autoFields." }),
}).register(apiRegistry, {
  id: "OcrFieldsRequestWithAliases",
  description: "OcrFieldsRequest; the snake_case aliases are accepted and answered with `Deprecation: true`.",
});

/** Integer box on the 0–1000 page grid. */
export const BBox = z
  .object({ xmin: z.int(), ymin: z.int(), xmax: z.int(), ymax: z.int() })
  .register(apiRegistry, { id: "BBox", description: "Axis-aligned box, integers on the 0–1000 grid of the page image." });

/** One vertex on the 0–1000 page grid. */
export const Point = z.object({ x: z.int(), y: z.int() }).register(apiRegistry, { id: "Point" });

/** How a box was derived (the contract's five sources, plus values read from an e-invoice XML). */
export const BboxSource = z
  .enum(["vision_symbol_match", "token_id", "token_id_hybrid", "low_confidence", "shared_value", "e_invoice_xml", "inferred"])
  .register(apiRegistry, {
    id: "BboxSource",
    description:
      "How the box was derived. `e_invoice_xml`: the value was read exactly from the document's e-invoice XML " +
      "(Factur-X/ZUGFeRD/XRechnung/Peppol); the box, when set, is where the printed page (or the rendering of a standalone XML) shows it. " +
      '`inferred`: the value is not printed as such but implied by printed text (`inferred_from`, e.g. a currency code from "€"); the box and match_ratio are that text\'s.',
  });

/** A located scalar value (detailed shape). */
export const FieldValue = z
  .object({
    value: z.string().nullable().describe("Verbatim as printed; null when the document does not have it."),
    normalized: z.union([z.number(), z.string()]).optional().describe("number/date fields: a number or ISO date, only when derivable unambiguously."),
    bbox: BBox.nullable(),
    vertices: z.array(Point).nullable().describe("tl, tr, br, bl of the oriented rectangle."),
    match_ratio: z.number().min(0).max(1).describe("Share of the value's characters found on the page; ≥ 0.85 is confident."),
    bbox_source: BboxSource.nullable(),
    inferred_from: z.string().optional().describe('With bbox_source `inferred`: the printed text the value was inferred from ("€" for EUR).'),
    risk: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        "Estimated probability that the value is wrong, combining the match, the OCR's confidence, the checks and the extractor's evidence " +
          "(a calibrated model). A value is auto-accepted only below 0.005; any value at or above it has an issue saying why. Absent when value is null.",
      ),
  })
  .register(apiRegistry, { id: "FieldValue", description: "One located scalar value." });

/** One row of an array field: a cell per child. */
export const ArrayRow = z
  .object({ field_bboxes: z.record(z.string(), FieldValue).describe("One cell per child field.") })
  .register(apiRegistry, { id: "ArrayRow" });

/** An array field in the detailed shape. */
export const ArrayFieldValue = z
  .object({
    value: z.array(ArrayRow).describe("The rows found; empty when none."),
    bbox: BBox.nullable().describe("The extent of all located cells."),
    match_ratio: z.number().min(0).max(1).describe("The lowest match_ratio among the located cells (0 with no rows)."),
  })
  .register(apiRegistry, { id: "ArrayFieldValue", description: "An array field (line items)." });

/** A failed consistency check. */
export const CheckIssue = z
  .object({
    code: z.string(),
    severity: z.enum(["error", "warning"]),
    message: z.string(),
    fields: z.array(z.string()).describe('Paths such as "total" or "line_items.2.amount".'),
    related: z
      .object({ documentId: z.string(), fileName: z.string() })
      .optional()
      .describe("The other document a finding points at (`possible_duplicate`: the earlier copy of the same invoice)."),
  })
  .register(apiRegistry, { id: "CheckIssue", description: "A consistency finding that routes values to review." });

/** 200 of POST /ocr/fields, detailed shape. */
export const OcrFieldsResponse = z
  .object({
    status: z.literal("success"),
    data: z.record(z.string(), z.union([FieldValue, ArrayFieldValue])).describe("One entry per requested field."),
    issues: z.array(CheckIssue).describe("Arithmetic, identifier and presence checks that failed."),
  })
  .register(apiRegistry, { id: "OcrFieldsResponse", description: "The detailed (canonical) shape." });

/** A box entry of the flat shape's `field_bboxes`. */
export const FlatBox = z
  .object({
    bbox: BBox.nullable(),
    vertices: z.array(Point).nullable(),
    match_ratio: z.number().min(0).max(1),
    bbox_source: BboxSource.nullable(),
    inferred_from: z.string().optional().describe("As FieldValue.inferred_from."),
    normalized: z.union([z.number(), z.string()]).optional(),
    risk: z.number().min(0).max(1).optional().describe("As FieldValue.risk: estimated probability that the value is wrong; absent when value is null."),
  })
  .register(apiRegistry, { id: "FlatBox" });

/** One row of an array field in the flat shape. */
export const FlatRow = z.record(z.string(), z.string().nullable()).register(apiRegistry, { id: "FlatRow" });

/** 200 of POST /ocr/fields with `shape: "flat"`. */
export const FlatResponse = z
  .object({
    status: z.literal("success"),
    data: z
      .object({
        field_bboxes: z
          .record(z.string(), z.union([FlatBox, z.array(z.record(z.string(), FlatBox))]))
          .describe("Coordinates per field; for array fields one map of child → box per row."),
      })
      .catchall(z.union([z.string(), z.null(), z.array(FlatRow)]))
      .describe("Each field's verbatim value (rows of values for array fields) plus field_bboxes."),
    issues: z.array(CheckIssue),
  })
  .register(apiRegistry, { id: "FlatResponse", description: 'The older flat shape, served for `"shape": "flat"`.' });

/** The envelope of every error. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(apiErrorCodes),
      message: z.string(),
      requestId: z.string(),
      retryable: z.boolean().describe("true for 429, 500 and 502."),
    }),
    details: z.record(z.string(), z.unknown()).optional().describe("e.g. retryAfterSec, or the invalid paths."),
  })
  .register(apiRegistry, { id: "ErrorResponse", description: "The envelope of every 4xx/5xx." });

/** 200 of GET /amount. */
export const AmountResponse = z
  .object({
    period: z.object({ start: z.string().describe("ISO timestamp"), end: z.string() }).describe("The current calendar month (UTC)."),
    pages: z.int().describe("Pages processed (successful calls) this period."),
    calls: z.int(),
    quota: z.int().nullable().describe("Pages allowed per period; null when no quota is set."),
    remaining: z.int().nullable(),
  })
  .register(apiRegistry, { id: "AmountResponse", description: "Usage of the caller (all of the user's keys)." });

const Check = z.object({ status: z.enum(["ok", "loading", "error"]), message: z.string().optional(), latencyMs: z.int().optional() });

/** GET /health (200 ready, 503 not ready). */
export const HealthResponse = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    live: z.literal(true),
    ready: z.boolean(),
    version: z.string(),
    checks: z.object({
      database: Check,
      engine: Check.extend({ version: z.string().optional(), extractor: z.string().optional() }),
      ocr: z
        .object({ running: z.int(), waiting: z.int() })
        .optional()
        .describe("Synchronous OCR in progress and waiting (POST /ocr/fields answers 503 when OCR_CONCURRENCY + OCR_QUEUE are taken)."),
    }),
  })
  .register(apiRegistry, { id: "HealthResponse", description: "Liveness and readiness; 503 with the error envelope when not ready." });

/** A built-in template. */
export const Template = z
  .object({ id: z.string(), label: z.string(), description: z.string(), fields: z.array(FieldSpec) })
  .register(apiRegistry, { id: "Template", description: "A built-in template (listed in the document's x-templates)." });
