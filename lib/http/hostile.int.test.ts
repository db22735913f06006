/**
 * A seed-fixed slice of the hostile-input suite (`npm run bench:hostile` sends ≥ 10,000):
 * ~500 generated requests over every contract route, then no 5xx, no stack trace, every
 * JSON error in the envelope, the server alive, and a normal request still answered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendAll, generate } from "./hostile/run";
import type { Target } from "./hostile/requests";
import { normalRequestWorks, startHostileTarget } from "./hostile/setup";
import type { ApiTestServer } from "./test-support/server";

describe("hostile requests (seed-fixed slice)", () => {
  let server: ApiTestServer;
  let target: Target;
  beforeAll(async () => {
    ({ server, target } = await startHostileTarget());
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("answers 500 generated hostile requests without a 5xx, a crash or a leaked stack", async () => {
    const requests = generate(target, 500, 20261205);
    expect(new Set(requests.map((r) => r.route)).size).toBeGreaterThanOrEqual(12);
    const child = server.server.process;
    const report = await sendAll(server.url, requests, {
      concurrency: 4,
      ...(child.pid ? { serverPid: child.pid } : {}),
      alive: () => child.exitCode === null,
    });
    expect(report.failures).toEqual([]);
    expect(report.fiveXx).toBe(0);
    expect(report.stackTraces).toBe(0);
    expect(report.networkErrors).toBe(0);
    expect(report.requests).toBe(500);
    expect(child.exitCode).toBeNull();
    expect(await normalRequestWorks(server.url, target)).toBe(true);
  }, 600_000);
});
