import { EngineError } from "@/lib/engine/types";

/**
 * Typed failures a service reports; route handlers (lib/http/route.ts `serviceCode`) and server actions
 * map them exhaustively, so a new code does not compile until every caller decides what it means.
 */
export const serviceErrorCodes = [
  /** the input is malformed or names something that does not fit (field, path, password too short). */
  "invalid",
  /** nothing the user may see has this id (absent, or not theirs: the two are not told apart). */
  "not_found",
  /** the user is known but not allowed (an admin-only action). */
  "forbidden",
  /** the thing is not in a state for this (retry while extracting, correct before extraction, review with open doubts). */
  "wrong_state",
  /** a unique thing exists already (an email, the first admin). */
  "already_exists",
  /** the same Idempotency-Key came with another request body. */
  "idempotency_conflict",
] as const;

export type ServiceErrorCode = (typeof serviceErrorCodes)[number];

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    /** validation details: which input path was wrong. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

/** True for a PostgreSQL unique violation (both drivers report code 23505). */
export function isUniqueViolation(err: unknown): boolean {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let i = 0; e && i < 4; i++) {
    if (e.code === "23505") return true;
    e = e.cause as typeof e;
  }
  return false;
}

const engineCodes = new Set<string>(["unsupported_media_type", "unprocessable_image", "payload_too_large", "invalid_request", "engine_error"]);

/**
 * True for an EngineError — also one thrown by the server's own (unbundled) copy of the
 * engine, whose class is not the one this route bundle imported.
 */
export function isEngineError(err: unknown): err is EngineError {
  if (err instanceof EngineError) return true;
  const e = err as { name?: unknown; code?: unknown } | null;
  return !!e && e.name === "EngineError" && typeof e.code === "string" && engineCodes.has(e.code);
}
