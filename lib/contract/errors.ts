/**
 * The API's error vocabulary: one code per contract row, its HTTP status and whether a
 * client may retry. Route handlers throw `ApiError`; `lib/http/route.ts` renders the envelope.
 */

/** Every error code of the contract. */
export const apiErrorCodes = [
  "invalid_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "idempotency_conflict",
  "payload_too_large",
  "unsupported_media_type",
  "unprocessable_image",
  "rate_limited",
  "internal_error",
  "engine_error",
  "overloaded",
] as const;

/** One of the contract's error codes. */
export type ApiErrorCode = (typeof apiErrorCodes)[number];

/** HTTP status of each code (the contract's table). */
export const statusOf: Record<ApiErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_image: 422,
  rate_limited: 429,
  internal_error: 500,
  engine_error: 502,
  overloaded: 503,
};

/** True for the codes a client may retry (429, 500, 502, 503). */
export function isRetryable(code: ApiErrorCode): boolean {
  return code === "rate_limited" || code === "internal_error" || code === "engine_error" || code === "overloaded";
}

/** A failure with a contract code; `details` goes beside `error` in the body. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** extra response headers (Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return statusOf[this.code];
  }
}

/** The envelope body of an error response. */
export interface ErrorEnvelope {
  error: { code: ApiErrorCode; message: string; requestId: string; retryable: boolean };
  details?: Record<string, unknown>;
}

/** Longest text an error carries, items of one list, and nesting kept: messages quote the client's input (a key, a file name, a template id), so an envelope must not grow with it. */
export const errorBounds = { text: 300, items: 50, depth: 4 } as const;

/** A string cut to the bound, control characters (line breaks included: messages reach logs) shown as spaces. */
export function boundedText(text: string, max: number = errorBounds.text): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Details with every string, list and nesting level within the bounds; a cut list says how many items it dropped. */
export function boundedDetails(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return boundedText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= errorBounds.depth) return "…";
  if (Array.isArray(value)) {
    const kept = value.slice(0, errorBounds.items).map((v) => boundedDetails(v, depth + 1));
    return value.length > errorBounds.items ? [...kept, `… ${value.length - errorBounds.items} more`] : kept;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const kept = entries.slice(0, errorBounds.items).map(([k, v]) => [boundedText(k, 100), boundedDetails(v, depth + 1)] as const);
  return Object.fromEntries(entries.length > errorBounds.items ? [...kept, ["truncated", entries.length - errorBounds.items]] : kept);
}

/** Build the contract's error envelope, bounded whatever the input it quotes. */
export function errorEnvelope(code: ApiErrorCode, message: string, requestId: string, details?: Record<string, unknown>): ErrorEnvelope {
  return {
    error: { code, message: boundedText(message), requestId, retryable: isRetryable(code) },
    ...(details && Object.keys(details).length > 0 ? { details: boundedDetails(details) as Record<string, unknown> } : {}),
  };
}
