// Server only: the review routes' HTTP edge (session check, error envelope).
import { currentUser } from "@/lib/auth";
import { ServiceError, type ServiceErrorCode } from "@/lib/services/errors";

type Code = "invalid_request" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "internal_error";
const STATUS: Record<Code, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  internal_error: 500,
};

function requestId(): string {
  return `req_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
}

/** The contract's error envelope as a Response. */
export function errorResponse(code: Code, message: string, details?: Record<string, unknown>): Response {
  const id = requestId();
  return Response.json(
    { error: { code, message, requestId: id, retryable: code === "internal_error" }, ...(details ? { details } : {}) },
    { status: STATUS[code], headers: { "X-Request-Id": id } },
  );
}

/** Exhaustive map from a service failure to the response; unknown errors are a bare 500. */
export function serviceErrorResponse(err: unknown): Response {
  if (err instanceof ServiceError) {
    const code: ServiceErrorCode = err.code;
    switch (code) {
      case "invalid":
        return errorResponse("invalid_request", err.message, err.details);
      case "not_found":
        return errorResponse("not_found", err.message);
      case "conflict":
        return errorResponse("conflict", err.message, err.details);
      case "forbidden":
        return errorResponse("forbidden", err.message);
      default: {
        const never: never = code;
        return never;
      }
    }
  }
  console.error("[review] unexpected error:", err);
  return errorResponse("internal_error", "Something went wrong on our side.");
}

/** The signed-in user, or a 401 Response to return. */
export async function requireUser(): Promise<{ id: string; email: string } | Response> {
  const user = await currentUser();
  return user ?? errorResponse("unauthorized", "Sign in first.");
}
