/**
 * Schemas of the batch half of the API (/create, /space, /upload, /jobs, /view, webhooks).
 * They validate requests and are OpenAPI components through the shared registry.
 */
import { z } from "zod";
import { apiRegistry, FieldSpec, OcrFieldsResponse } from "./schemas";

export const CreateSpaceRequest = z
  .object({
    name: z.string().trim().min(1).max(120).optional().describe('Defaults to the template\'s name or "API space".'),
    templateId: z.string().min(1).optional().describe("invoice, delivery or receipt."),
    fields: z.array(FieldSpec).min(1).max(100).optional().describe("Custom fields; they win over templateId."),
    webhookUrl: z.url().nullable().optional().describe("Receiver of this space's events (see PUT /space/{id}/webhook)."),
  })
  .register(apiRegistry, { id: "CreateSpaceRequest", description: "A space (sheet) from a template or fields." });

export const Space = z
  .object({
    id: z.string(),
    path: z.string().describe("`spaces/<id>`; accepted wherever a space is named."),
    name: z.string(),
    templateId: z.string().nullable(),
    fields: z.array(FieldSpec),
    documentCount: z.int().optional(),
    createdAt: z.string(),
    webhookUrl: z.string().nullable().optional(),
    webhookSecret: z.string().nullable().optional().describe("Only in the answer to POST /create when a webhookUrl was set."),
  })
  .register(apiRegistry, { id: "Space" });

export const SpaceList = z.object({ spaces: z.array(Space) }).register(apiRegistry, { id: "SpaceList" });

export const JobStatus = z.enum(["pending", "processing", "completed", "failed"]).register(apiRegistry, { id: "JobStatus" });

export const Job = z
  .object({
    jobId: z.string(),
    uniqueKey: z.string().describe("The caller's handle for the file (a `uniqueKey` part per file), else the job id."),
    status: JobStatus,
    itemId: z.string().describe("The row (document) in the space."),
    spaceId: z.string(),
    path: z.string(),
    fileName: z.string(),
    duplicateOf: z.string().nullable().describe("Set when the same bytes were already in the space: not processed again."),
    attempts: z.int(),
    pageCount: z.int().optional().describe("Pages processed (known once a PDF is rasterized)."),
    truncated: z.boolean().optional().describe("True when only the first MAX_PDF_PAGES pages of a longer PDF were processed."),
    warnings: z.array(z.string()).optional().describe("Why the result is partial (e.g. the page cap), in words."),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    result: OcrFieldsResponse.optional().describe("When completed: the /ocr/fields body."),
    error: z
      .object({ code: z.literal("engine_error"), message: z.string() })
      .optional()
      .describe("When failed."),
  })
  .register(apiRegistry, { id: "Job" });

export const UploadResponse = z
  .object({
    path: z.string().describe("The space the files went to (`spaces/<id>`)."),
    jobs: z.array(
      z.object({
        uniqueKey: z.string(),
        jobId: z.string(),
        status: JobStatus,
        itemId: z.string(),
        fileName: z.string(),
        duplicate: z.boolean().describe("true when the same bytes were already in the space."),
        duplicateOf: z.string().optional(),
        result: OcrFieldsResponse.optional(),
        error: z.object({ code: z.literal("engine_error"), message: z.string() }).optional(),
      }),
    ),
    waited: z.boolean().optional().describe("With wait: false when the timeout passed before every job finished (HTTP 202)."),
  })
  .register(apiRegistry, { id: "UploadResponse" });

export const WebhookRequest = z
  .object({
    url: z.url().nullable().optional().describe("The receiver; null removes the webhook."),
    rotateSecret: z.boolean().optional().describe("Replace the signing secret (the old one stops working at once)."),
  })
  .register(apiRegistry, { id: "WebhookRequest" });

export const WebhookSettings = z
  .object({ spaceId: z.string(), url: z.string().nullable(), secret: z.string().nullable().describe("HMAC-SHA256 key of X-Vouch-Signature.") })
  .register(apiRegistry, { id: "WebhookSettings" });

export const ViewCell = z
  .object({
    value: z.string().nullable(),
    normalized: z.union([z.number(), z.string()]).optional(),
    original: z.string().nullable().optional().describe("The engine's value, when a reviewer corrected it."),
    corrected: z.boolean().optional(),
    bbox: z.unknown().optional(),
    vertices: z.unknown().optional(),
    page: z.int().nullable().optional(),
    match_ratio: z.number().optional(),
    bbox_source: z.string().nullable().optional(),
    state: z.string(),
  })
  .register(apiRegistry, { id: "ViewCell", description: "A stored value; coordinates unless boxes=0." });

export const ViewResponse = z
  .object({
    space: z.object({ id: z.string(), name: z.string(), path: z.string() }),
    total: z.int().describe("Rows matching `where` (before limit/offset)."),
    limit: z.int(),
    offset: z.int(),
    version: z.enum(["corrected", "original"]),
    rows: z.array(
      z.object({
        id: z.string(),
        fileName: z.string(),
        status: z.string(),
        createdAt: z.string(),
        reviewedAt: z.string().nullable(),
        pageCount: z.int(),
        data: z.record(z.string(), z.union([ViewCell, z.object({ value: z.array(z.object({ field_bboxes: z.record(z.string(), ViewCell) })) })])),
      }),
    ),
  })
  .register(apiRegistry, { id: "ViewResponse" });
