/** Typed failures a service reports; route handlers and actions map them exhaustively. */
export type ServiceErrorCode = "invalid" | "not_found" | "conflict" | "forbidden";

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
