/** OpenAPI paths of the batch API; the schemas come from lib/contract/batch-schemas.ts via the registry. */
import "./batch-schemas";
import { type ApiErrorCode, statusOf } from "./errors";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const reqId = { "X-Request-Id": { description: "req_<random>, or the client's own echoed.", schema: { type: "string" } } };
const replay = { "X-Idempotent-Replay": { description: "true when this is the stored response of an earlier request.", schema: { type: "string" } } };
const idemKey = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "Repeat within 24 h → the stored response (X-Idempotent-Replay: true), no new work or charge; other body → 409.",
  schema: { type: "string", maxLength: 255 },
};

function errors(...codes: ApiErrorCode[]) {
  const out: Record<string, unknown> = {};
  for (const code of ["unauthorized", "forbidden", "rate_limited", "internal_error", ...codes] as ApiErrorCode[]) {
    const s = String(statusOf[code]);
    const prev = out[s] as { description: string } | undefined;
    out[s] = { description: prev ? `${prev.description}, ${code}` : code, headers: reqId, content: { "application/json": { schema: ref("ErrorResponse") } } };
  }
  return out;
}

const ok = (schema: unknown, description: string, headers: Record<string, unknown> = {}) => ({
  description,
  headers: { ...reqId, ...headers },
  content: { "application/json": { schema } },
});

const q = (name: string, description: string, schema: Record<string, unknown> = { type: "string" }, required = false) => ({
  name,
  in: "query",
  required,
  description,
  schema,
});

/** The batch endpoints as OpenAPI path items. */
export function batchPaths(): Record<string, unknown> {
  return {
    "/create": {
      post: {
        operationId: "createSpace",
        tags: ["spaces"],
        summary: "Create a space (sheet) from a template or fields",
        parameters: [idemKey],
        requestBody: { required: true, content: { "application/json": { schema: ref("CreateSpaceRequest") } } },
        responses: { "201": ok(ref("Space"), "Created.", replay), ...errors("invalid_request", "idempotency_conflict") },
      },
    },
    "/space": {
      get: {
        operationId: "listSpaces",
        tags: ["spaces"],
        summary: "The caller's spaces (free)",
        responses: { "200": ok(ref("SpaceList"), "Spaces, newest first."), ...errors() },
      },
    },
    "/space/{spaceId}/webhook": {
      parameters: [{ name: "spaceId", in: "path", required: true, schema: { type: "string" } }],
      get: {
        operationId: "getWebhook",
        tags: ["webhooks"],
        summary: "The space's webhook URL and signing secret",
        responses: { "200": ok(ref("WebhookSettings"), "Settings."), ...errors("not_found") },
      },
      put: {
        operationId: "setWebhook",
        tags: ["webhooks"],
        summary: "Set, remove (url: null) or rotate the secret of the space's webhook",
        requestBody: { required: true, content: { "application/json": { schema: ref("WebhookRequest") } } },
        responses: { "200": ok(ref("WebhookSettings"), "Settings."), ...errors("invalid_request", "not_found") },
      },
    },
    "/upload": {
      post: {
        operationId: "upload",
        tags: ["batch"],
        summary: "Queue files for extraction into a space",
        description:
          "Repeated `files` parts (JPEG, PNG, GIF, BMP, TIFF, WebP or PDF), `space`, optional `uniqueKey` per file, `wait`/`timeout`. " +
          "202 at once with pending jobs; with wait=1, 200 when every job finished (202 if the timeout passed first). " +
          "Files whose bytes are already in the space are flagged (`duplicate`) and not processed again. Charged per page processed.",
        parameters: [idemKey, q("wait", "1 to wait for completion"), q("timeout", "seconds to wait (1–300, default 60)", { type: "integer" })],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["files", "space"],
                properties: {
                  files: { type: "array", items: { type: "string", contentMediaType: "application/octet-stream" } },
                  space: { type: "string", description: "space id or spaces/<id>" },
                  uniqueKey: { type: "array", items: { type: "string" }, description: "one per file, in order" },
                  wait: { type: "string", enum: ["1", "0", "true", "false"] },
                  timeout: { type: "string" },
                },
              },
            },
          },
        },
        responses: {
          "200": ok(ref("UploadResponse"), "Waited: every job finished.", replay),
          "202": ok(ref("UploadResponse"), "Accepted: jobs pending.", replay),
          ...errors("invalid_request", "not_found", "idempotency_conflict", "payload_too_large", "unsupported_media_type", "unprocessable_image"),
        },
      },
    },
    "/jobs/{jobId}": {
      get: {
        operationId: "getJob",
        tags: ["batch"],
        summary: "A job's status, with the result (the /ocr/fields body) or the error",
        parameters: [{ name: "jobId", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": ok(ref("Job"), "The job."), ...errors("not_found") },
      },
    },
    "/view": {
      get: {
        operationId: "view",
        tags: ["spaces"],
        summary: "Query stored rows (no re-extraction, free)",
        parameters: [
          q("space", "space id or spaces/<id>", { type: "string" }, true),
          q("where", "field<op>value, op one of = != < <= > >= ~ (contains); repeat or join with ; for AND. Numbers and dates compare normalized values."),
          q("sort", "comma-separated fields, -field for descending"),
          q("select", "comma-separated fields to return"),
          q("limit", "rows (default 100, max 1000; CSV: all unless given)", { type: "integer", minimum: 1, maximum: 1000 }),
          q("offset", "rows to skip", { type: "integer", minimum: 0 }),
          q("boxes", "0 to leave out coordinates", { type: "string", enum: ["0", "1"] }),
          q("version", "corrected (default) or original (the engine's values)", { type: "string", enum: ["corrected", "original"] }),
          q("format", "json (default) or csv", { type: "string", enum: ["json", "csv"] }),
          q("lines", "CSV: 1 unfolds line items one row each", { type: "string", enum: ["0", "1"] }),
          q("bom", "CSV: 0 leaves out the UTF-8 BOM", { type: "string", enum: ["0", "1"] }),
        ],
        responses: {
          "200": {
            description: "Rows (JSON) or CSV.",
            headers: reqId,
            content: { "application/json": { schema: ref("ViewResponse") }, "text/csv": { schema: { type: "string" } } },
          },
          ...errors("invalid_request", "not_found"),
        },
      },
    },
  };
}
