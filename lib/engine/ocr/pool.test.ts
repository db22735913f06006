import sharp from "sharp";
import type { Worker } from "tesseract.js";
import { afterAll, describe, expect, it } from "vitest";
import { WorkerPool } from "./pool";

// Real tesseract.js workers: the pool's reuse and retirement are observed on the worker objects.
describe("WorkerPool", () => {
  const pool = new WorkerPool({ max: 1, retireAbovePixels: 1_000_000 });
  afterAll(() => pool.close());
  const worker = (pixels?: number) => pool.use("eng", async (w: Worker) => w, undefined, pixels);

  it("reuses a worker after an ordinary image", async () => {
    const a = await worker(800 * 600);
    const b = await worker(800 * 600);
    expect(b).toBe(a);
  });

  it("retires a worker after an image above the pixel bound (its grown heap is released) and spawns a fresh one", async () => {
    const before = await worker(0);
    const big = await worker(2_000_000);
    expect(big).toBe(before);
    const after = await worker(0);
    expect(after).not.toBe(big);
    expect(await worker(0)).toBe(after);
  });

  it("an abort as a recognize call starts rejects the call and leaves nothing unhandled (the job is posted before the worker ends)", async () => {
    const png = await sharp({ create: { width: 400, height: 200, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    const ac = new AbortController();
    const read = pool.use(
      "eng",
      (w: Worker) => {
        // the budget runs out as the call starts: tesseract.js still awaits the image before posting
        ac.abort(new Error("budget spent"));
        return w.recognize(png);
      },
      ac.signal,
    );
    await expect(read).rejects.toThrow("budget spent");
    // a fresh worker reads on
    expect(await worker(0)).toBeDefined();
    await new Promise((r) => setTimeout(r, 200));
  });

  it("limit() ends the idle workers beyond the new max and keeps the pool at it (the ONNX reader is loaded)", async () => {
    const two = new WorkerPool({ max: 2 });
    try {
      const eng = await two.use("eng", async (w: Worker) => w);
      await two.use("deu", async (w: Worker) => w);
      expect(two.size).toBe(2);
      two.limit({ max: 1, retireAbovePixels: 1_000_000 });
      expect(two.size).toBe(1);
      // the least recently used (eng) ended; the next eng page recycles the deu worker, never a second one
      const again = await two.use("eng", async (w: Worker) => w);
      expect(again).not.toBe(eng);
      expect(two.size).toBe(1);
      // the lowered pixel bound holds too
      const big = await two.use("eng", async (w: Worker) => w, undefined, 2_000_000);
      expect(big).toBe(again);
      expect(two.size).toBe(0);
      // limit never raises a bound
      two.limit({ max: 4 });
      await two.use("eng", async (w: Worker) => w);
      await two.use("deu", async (w: Worker) => w);
      expect(two.size).toBe(1);
    } finally {
      await two.close();
    }
  });

  it("gives an idle worker of another language the new models in place (no second WASM start) and reads with them", async () => {
    const one = new WorkerPool({ max: 1 });
    try {
      const eng = await one.use("eng", async (w: Worker) => w);
      const png = await sharp(
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="520" height="80"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="52" font-size="36" font-family="DejaVu Sans">Straße Größe</text></svg>',
        ),
      )
        .png()
        .toBuffer();
      const [deu, text] = await one.use("deu", async (w: Worker) => [w, (await w.recognize(png)).data.text] as const);
      expect(deu).toBe(eng);
      expect(text).toContain("Straße");
      expect(one.size).toBe(1);
    } finally {
      await one.close();
    }
  });

  it("ends a worker left idle past idleRetireMs and starts a fresh one for the next page", async () => {
    const idle = new WorkerPool({ max: 1, idleRetireMs: 300 });
    try {
      const a = await idle.use("eng", async (w: Worker) => w);
      expect(await idle.use("eng", async (w: Worker) => w)).toBe(a);
      await new Promise((r) => setTimeout(r, 900));
      expect(await idle.use("eng", async (w: Worker) => w)).not.toBe(a);
    } finally {
      await idle.close();
    }
  });
});
