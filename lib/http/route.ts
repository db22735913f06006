/**
 * The HTTP shell every API route runs in: request id, CORS, the error envelope, logging.
 * Handlers throw; `apiRoute` maps every failure to the contract's status and code and
 * never leaks a stack trace.
 */
import type { z } from "zod";
import type { EngineError } from "@/lib/engine/types";
import { isEngineError, ServiceError } from "@/lib/services/errors";
import { ApiError, type ApiErrorCode, boundedText, errorEnvelope } from "@/lib/contract/errors";
import { clientIpOf, withRequestOrigin } from "@/lib/services/audit/context";
import { requestIdFor } from "./request-id";

/** Per-request state a handler can read and annotate. */
export interface ApiContext {
  requestId: string;
  /** set when the request used a deprecated alias: the response carries `Deprecation: true`. */
  deprecated: boolean;
  /** extra headers for the response. */
  headers: Headers;
}

/** CORS for the public API: bearer tokens, no cookies, so any origin may call it. */
export const corsHeaders: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, OPTIONS",
  "access-control-allow-headers": "Authorization, Content-Type, X-Request-Id, Idempotency-Key",
  "access-control-expose-headers": "X-Request-Id, Retry-After, Deprecation, X-Idempotent-Replay",
  "access-control-max-age": "600",
};

/** A JSON response (UTF-8). */
export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json; charset=utf-8");
  h.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { status, headers: h });
}

function engineCode(e: EngineError): ApiErrorCode {
  switch (e.code) {
    case "unsupported_media_type":
    case "unprocessable_image":
    case "payload_too_large":
    case "invalid_request":
    case "engine_error":
      return e.code;
    default: {
      const never: never = e.code;
      return never;
    }
  }
}

function serviceCode(e: ServiceError): ApiErrorCode {
  switch (e.code) {
    case "invalid":
      return "invalid_request";
    case "not_found":
      return "not_found";
    case "forbidden":
      return "forbidden";
    // The contract has no generic 409: a request the current state does not allow is a bad request
    // (retry of a finished document, a correction before extraction), like an existing unique value.
    case "wrong_state":
    case "already_exists":
      return "invalid_request";
    case "idempotency_conflict":
      return "idempotency_conflict";
    default: {
      const never: never = e.code;
      return never;
    }
  }
}

/** Turn anything thrown into a contract error (unknown errors become a bare 500). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isEngineError(err)) return new ApiError(engineCode(err), err.message);
  if (err instanceof ServiceError) return new ApiError(serviceCode(err), err.message, err.details);
  if (isUnstorableText(err)) return new ApiError("invalid_request", "The request holds a character that cannot be stored (U+0000).");
  return new ApiError("internal_error", "Internal error. Quote the request id when reporting it.");
}

// PostgreSQL refuses U+0000 in text (22021) and in jsonb (22P05): any id, name or value a client sent may carry one,
// so the database's refusal is the client's error, found by the hostile-input suite as a 500.
const UNSTORABLE = new Set(["22021", "22P05"]);

/** True for the database's refusal of a NUL character (also when wrapped by drizzle as `cause`). */
export function isUnstorableText(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | null | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && UNSTORABLE.has(e.code)) return true;
  }
  return false;
}

/** A 400 naming every invalid path of a failed zod parse. */
export function validationError(error: z.ZodError, prefix: (string | number)[] = []): ApiError {
  const issues = error.issues.map((i) => ({ path: [...prefix, ...i.path].map(String).join("."), message: i.message }));
  const first = issues[0];
  const message = first ? `Invalid request: ${first.path || "body"}: ${first.message}` : "Invalid request.";
  return new ApiError("invalid_request", message, { issues });
}

function finish(res: Response, ctx: ApiContext): Response {
  for (const [k, v] of Object.entries(corsHeaders)) res.headers.set(k, v);
  ctx.headers.forEach((v, k) => {
    res.headers.set(k, v);
  });
  if (ctx.deprecated) res.headers.set("deprecation", "true");
  res.headers.set("x-request-id", ctx.requestId);
  return res;
}

/** Render an error as the envelope, with its status and headers. */
export function errorResponse(err: ApiError, ctx: ApiContext): Response {
  return finish(json(errorEnvelope(err.code, err.message, ctx.requestId, err.details), err.status, err.headers), ctx);
}

type Handler<P> = (req: Request, ctx: ApiContext, params: P) => Promise<Response>;

/** Wrap a route handler: request id, CORS, error envelope, one log line per failure. */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, route?: { params?: Promise<P> }): Promise<Response> => {
    const ctx: ApiContext = { requestId: requestIdFor(req), deprecated: false, headers: new Headers() };
    const started = performance.now();
    try {
      const params = ((await route?.params) ?? {}) as P;
      // The audit log records where a write came from (lib/services/audit/record.ts).
      const origin = { ip: clientIpOf(req.headers), requestId: ctx.requestId };
      return finish(await withRequestOrigin(origin, () => handler(req, ctx, params)), ctx);
    } catch (err) {
      const apiErr = toApiError(err);
      const where = `${req.method} ${boundedText(new URL(req.url).pathname, 200)}`;
      const ms = Math.round(performance.now() - started);
      if (apiErr.status >= 500) {
        console.error(`[api] ${ctx.requestId} ${where} → ${apiErr.status} ${apiErr.code} (${ms} ms):`, err);
      } else {
        console.warn(`[api] ${ctx.requestId} ${where} → ${apiErr.status} ${apiErr.code}: ${boundedText(apiErr.message)}`);
      }
      return errorResponse(apiErr, ctx);
    }
  };
}

/** The OPTIONS (CORS preflight) handler every API route exports. */
export function preflight(req: Request): Response {
  const ctx: ApiContext = { requestId: requestIdFor(req), deprecated: false, headers: new Headers() };
  return finish(new Response(null, { status: 204 }), ctx);
}

/** Read a request body up to `maxBytes` (413 beyond), checking Content-Length first. */
export async function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  const tooLarge = () =>
    new ApiError("payload_too_large", `The request body is larger than the limit of ${maxBytes} bytes.`, {
      limitBytes: maxBytes,
    });
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
