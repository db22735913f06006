import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/contract/errors";
import { ocrGateLoad, withOcrSlot } from "./gate";

describe("synchronous OCR gate", () => {
  it("runs `concurrency` at once, queues `queue` more, refuses the rest with a retryable 503", async () => {
    const limits = { concurrency: 2, queue: 1, retryAfterSec: 3 };
    let release: () => void = () => {};
    const hold = new Promise<void>((r) => {
      release = r;
    });
    let peak = 0;
    let active = 0;
    const job = () =>
      withOcrSlot(limits, async () => {
        active++;
        peak = Math.max(peak, active);
        await hold;
        active--;
        return "done";
      });
    const accepted = [job(), job(), job()];
    await new Promise((r) => setTimeout(r, 10));
    expect(ocrGateLoad()).toEqual({ running: 2, waiting: 1 });
    const refused = (await job().catch((e: unknown) => e)) as ApiError;
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused.status).toBe(503);
    expect(refused.headers?.["retry-after"]).toBe("3");
    release();
    expect(await Promise.all(accepted)).toEqual(["done", "done", "done"]);
    expect(peak).toBe(2);
    expect(ocrGateLoad()).toEqual({ running: 0, waiting: 0 });
  });

  it("frees the slot when the work throws", async () => {
    await expect(withOcrSlot({ concurrency: 1, queue: 0 }, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(ocrGateLoad()).toEqual({ running: 0, waiting: 0 });
  });
});
