import { afterEach, describe, expect, it, vi } from "vitest";
import { authLogger } from "./logger";

afterEach(() => vi.restoreAllMocks());

describe("authLogger", () => {
  it("logs a wrong password as one line, no stack", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const e = Object.assign(new Error("Read more at https://errors.authjs.dev#credentialssignin"), { type: "CredentialsSignin" });
    authLogger.error(e);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).not.toMatch(/\n/);
    expect(error).not.toHaveBeenCalled();
  });
  it("keeps the detail of a real failure", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    authLogger.error(Object.assign(new Error("db down"), { type: "AdapterError" }));
    expect(String(error.mock.calls[0]?.[0])).toContain("AdapterError: db down");
    expect(error.mock.calls.length).toBe(2);
  });
});
