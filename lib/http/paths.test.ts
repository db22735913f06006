/**
 * The route tree decides what the proxy leaves alone: every route handler (`route.ts`)
 * must be reachable without a session redirect, since it authenticates by itself (an API
 * key answering 401/403, or the session answering 401) — the bug this guards against was
 * `/space/{id}/webhook` answering 307 → /login to a valid API key. Pages are the opposite.
 */
import { describe, expect, it } from "vitest";
import { isHandlerPath } from "./paths";
import { samplePaths } from "./route-tree";

describe("route tree vs the proxy", () => {
  const routes = samplePaths("route.ts");
  it("finds the contract routes", () => {
    for (const p of ["/ocr/fields", "/upload", "/jobs/x1", "/space", "/space/x1/webhook", "/create", "/view", "/amount", "/health"]) {
      expect(routes).toContain(p);
    }
  });
  it.each(routes)("%s is left to its handler's own authentication", (p) => expect(isHandlerPath(p)).toBe(true));
  it.each(samplePaths("page.tsx").filter((p) => p !== "/docs" && p !== "/login" && p !== "/setup"))("page %s needs a session", (p) =>
    expect(isHandlerPath(p)).toBe(false));
});
