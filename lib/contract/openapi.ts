/**
 * The OpenAPI 3.1 document, built from the zod schemas that validate requests
 * (lib/contract/schemas.ts) — nothing here restates a schema by hand.
 */
import { z } from "zod";
import { templates } from "@/lib/engine/templates";
import { ENGINE_VERSION } from "@/lib/engine/version";
import { type ApiErrorCode, statusOf } from "./errors";
import { batchPaths } from "./batch-openapi";
import { apiRegistry } from "./schemas";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** components.schemas from the registry (JSON Schema 2020-12, which OpenAPI 3.1 uses). */
export function componentSchemas(): Record<string, unknown> {
  const out = z.toJSONSchema(apiRegistry, {
    target: "draft-2020-12",
    io: "input",
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  }) as { schemas: Record<string, Record<string, unknown>> };
  const schemas: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(out.schemas)) {
    const { $schema: _s, $id: _i, ...rest } = s;
    schemas[id] = rest;
  }
  return schemas;
}

const requestIdHeader = {
  "X-Request-Id": { description: "req_<random>, or the client's own X-Request-Id echoed.", schema: { type: "string" } },
};

function errors(...codes: ApiErrorCode[]) {
  const out: Record<string, unknown> = {};
  for (const code of codes) {
    const status = String(statusOf[code]);
    const prev = out[status] as { description: string } | undefined;
    out[status] = {
      description: prev ? `${prev.description}, ${code}` : code,
      headers: {
        ...requestIdHeader,
        ...(code === "rate_limited" ? { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } : {}),
      },
      content: { "application/json": { schema: ref("ErrorResponse") } },
    };
  }
  return out;
}

const authErrors = ["unauthorized", "forbidden", "rate_limited", "internal_error"] as const;

const curlTemplate = `curl -X POST "$VOUCH_URL/ocr/fields" \\
  -H "Authorization: Bearer $VOUCH_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"image": "https://example.com/invoice.png", "templateId": "invoice"}'`;

const curlMultipart = `curl -X POST "$VOUCH_URL/ocr/fields" \\
  -H "Authorization: Bearer $VOUCH_API_KEY" \\
  -F file=@receipt.jpg -F templateId=receipt`;

/** The whole OpenAPI 3.1 document; `serverUrl` is where this instance is reached. */
export function buildOpenApi(serverUrl?: string): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Vouch API",
      version: ENGINE_VERSION,
      description:
        "Extract fields from invoices, receipts and delivery notes; every value comes with the place on the page it was read from " +
        "(bbox and vertices on a 0–1000 grid, match_ratio, bbox_source). Values are verbatim; number and date fields add `normalized`. " +
        "Every response carries X-Request-Id; every error uses the ErrorResponse envelope.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearerAuth: [] }],
    tags: [{ name: "extraction" }, { name: "batch" }, { name: "spaces" }, { name: "webhooks" }, { name: "account" }, { name: "meta" }],
    paths: {
      ...batchPaths(),
      "/ocr/fields": {
        post: {
          operationId: "ocrFields",
          tags: ["extraction"],
          summary: "Extract fields from one image (synchronous)",
          description:
            "Image as URL or pure base64 (JSON), or as a `file` part (multipart/form-data, other parts: templateId, fields as JSON, shape). " +
            "camelCase is canonical; the snake_case aliases answer with `Deprecation: true`. One successful call is charged one page.",
          "x-codeSamples": [
            { lang: "curl", label: "JSON", source: curlTemplate },
            { lang: "curl", label: "multipart", source: curlMultipart },
          ],
          parameters: [
            {
              name: "shape",
              in: "query",
              required: false,
              description: "flat serves the older flat shape (the body's `shape` wins).",
              schema: { type: "string", enum: ["detailed", "flat"] },
            },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: ref("OcrFieldsRequestWithAliases") },
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file"],
                  properties: {
                    file: { type: "string", contentMediaType: "application/octet-stream" },
                    templateId: { type: "string" },
                    fields: { type: "string", description: "a JSON array of FieldSpec" },
                    shape: { type: "string", enum: ["detailed", "flat"] },
                  },
                },
              },
            },
          },
          responses: {
            "200": {
              description: "Extracted values (detailed by default, flat on request).",
              headers: {
                ...requestIdHeader,
                Deprecation: { description: "true when a snake_case alias was used.", schema: { type: "string" } },
              },
              content: { "application/json": { schema: { oneOf: [ref("OcrFieldsResponse"), ref("FlatResponse")] } } },
            },
            ...errors("invalid_request", ...authErrors, "payload_too_large", "unsupported_media_type", "unprocessable_image", "engine_error"),
          },
        },
      },
      "/amount": {
        get: {
          operationId: "getAmount",
          tags: ["account"],
          summary: "Usage this period (free)",
          responses: {
            "200": { description: "Usage.", headers: requestIdHeader, content: { "application/json": { schema: ref("AmountResponse") } } },
            ...errors(...authErrors),
          },
        },
      },
      "/health": {
        get: {
          operationId: "getHealth",
          tags: ["meta"],
          summary: "Liveness and readiness (database, OCR engine)",
          security: [],
          responses: {
            "200": { description: "Ready.", headers: requestIdHeader, content: { "application/json": { schema: ref("HealthResponse") } } },
            "503": {
              description: "Alive but not ready: the HealthResponse fields plus the error envelope.",
              headers: requestIdHeader,
              content: { "application/json": { schema: { allOf: [ref("HealthResponse"), ref("ErrorResponse")] } } },
            },
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "getOpenApi",
          tags: ["meta"],
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys: `vch_…`." },
      },
      schemas: componentSchemas(),
    },
    "x-templates": Object.values(templates).map((t) => ({ id: t.id, label: t.label, description: t.description, fields: t.fields })),
  };
}
