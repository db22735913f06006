import { describe, expect, it, vi } from "vitest";
import { EngineError } from "@/lib/engine/types";
import { ServiceError } from "@/lib/services/errors";
import { ApiError } from "@/lib/contract/errors";
import { apiRoute } from "./route";

const run = async (err: unknown) => {
  const res = await apiRoute(async () => {
    throw err;
  })(new Request("http://x/ocr/fields", { method: "POST", headers: { "x-request-id": "req_test" } }));
  return { res, body: (await res.json()) as { error: Record<string, unknown>; details?: Record<string, unknown> } };
};

describe("apiRoute error mapping", () => {
  it("turns an unknown error into a bare 500: envelope, retryable, no stack, logged with the request id", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { res, body } = await run(new TypeError("secret internals at /srv/app.ts:12"));
    expect(res.status).toBe(500);
    expect(body.error).toEqual({
      code: "internal_error",
      message: expect.stringMatching(/request id/),
      requestId: "req_test",
      retryable: true,
    });
    expect(JSON.stringify(body)).not.toMatch(/secret|app\.ts/);
    expect(res.headers.get("x-request-id")).toBe("req_test");
    expect(String(log.mock.calls[0]?.[0])).toMatch(/req_test/);
    log.mockRestore();
  });

  it.each([
    [new ServiceError("invalid", "bad"), 400, "invalid_request"],
    [new ServiceError("not_found", "gone"), 404, "not_found"],
    [new ServiceError("forbidden", "no"), 403, "forbidden"],
    [new ServiceError("wrong_state", "still extracting"), 400, "invalid_request"],
    [new ServiceError("already_exists", "email taken"), 400, "invalid_request"],
    [new ServiceError("idempotency_conflict", "same key, other body"), 409, "idempotency_conflict"],
    [new EngineError("engine_error", "ocr died"), 502, "engine_error"],
    [new EngineError("unprocessable_image", "bomb"), 422, "unprocessable_image"],
    [Object.assign(new Error("from the server's own engine copy"), { name: "EngineError", code: "unsupported_media_type" }), 415, "unsupported_media_type"],
    [new ApiError("rate_limited", "slow down", { retryAfterSec: 3 }, { "retry-after": "3" }), 429, "rate_limited"],
  ])("maps %s to %i", async (err, status, code) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { res, body } = await run(err);
    expect(res.status).toBe(status);
    expect(body.error.code).toBe(code);
    expect(body.error.retryable).toBe(status === 429 || status >= 500);
    if (status === 429) expect(res.headers.get("retry-after")).toBe("3");
    warn.mockRestore();
    error.mockRestore();
  });
});
