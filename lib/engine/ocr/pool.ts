/**
 * A small pool of long-lived tesseract.js workers, one language set each. Workers are
 * created lazily and reused; beyond `max` workers, callers queue (2 cores: more workers
 * than cores only thrash), and an idle worker of another language is recycled.
 */
import { createWorker, type PSM, type Worker } from "tesseract.js";
import { NativeWorker, nativeChoice, nativeLangDir } from "./native";
import { lstmLangDir, makeLangDir } from "./tessdata";

interface Slot {
  langs: string;
  worker: Promise<Worker>;
  busy: boolean;
  lastUsed: number;
}

export interface PoolOptions {
  /** maximum concurrent workers (default 2). */
  max?: number;
  variant?: "fast" | "best_int";
  /** Tesseract page segmentation mode (default 6, one uniform block). */
  psm?: number;
  /**
   * A worker that read an image above this many pixels is terminated afterwards instead of
   * reused (default 12 MP): its WASM heap grew to that image's size and never shrinks, so a
   * single huge page would otherwise keep the process at its peak for good.
   */
  retireAbovePixels?: number;
  /**
   * A worker idle this long (ms) is terminated (default 30 000; 0 = never): a tesseract
   * worker keeps the WASM heap of the largest image it read for good, so an idle engine
   * would otherwise hold its peak memory. The next page pays a worker start (~0.3 s CPU).
   */
  idleRetireMs?: number;
  /**
   * Read with a native `tesseract` binary (≥ 4) instead of tesseract.js: "auto" = when one is on
   * PATH, true = required, false = never (default, unless VOUCH_OCR_NATIVE=1 makes it "auto").
   * Same models, same output shape; one process per call (see native.ts for the measurements).
   */
  native?: "auto" | boolean;
}

/** Bounds the pool can be lowered to at run time (WorkerPool.limit). */
export interface PoolLimit {
  max?: number;
  retireAbovePixels?: number;
}

/** Lazily created, reusable tesseract workers keyed by language set. */
export class WorkerPool {
  private slots: Slot[] = [];
  private waiters: (() => void)[] = [];
  private langDir: ReturnType<typeof makeLangDir> | null = null;
  /** workers started on the LSTM-only language copies (their reloads read the same folder). */
  private readonly onLstm = new WeakSet<Worker>();
  private closed = false;
  private max: number;
  private readonly variant: "fast" | "best_int";
  private readonly psm: string;
  private retireAbove: number;
  private readonly idleMs: number;
  private reaper: ReturnType<typeof setInterval> | null = null;
  /** the native binary's path when it reads instead of tesseract.js. */
  readonly nativeBin: string | null;

  constructor(opts: PoolOptions = {}) {
    this.max = Math.max(1, opts.max ?? 2);
    this.retireAbove = opts.retireAbovePixels ?? 12_000_000;
    this.idleMs = opts.idleRetireMs ?? 30_000;
    this.variant = opts.variant ?? "fast";
    this.psm = String(opts.psm ?? 6);
    this.nativeBin = nativeChoice(opts.native);
  }

  /**
   * Lower the pool's bounds from now on (never raises them): idle workers beyond `max` end now,
   * least recently used first. The engine calls this once the ONNX reader is loaded: its
   * sessions and activations then share the process with the tesseract heaps (see PoolLimit).
   */
  limit(l: PoolLimit): void {
    if (l.max !== undefined) this.max = Math.max(1, Math.min(this.max, l.max));
    if (l.retireAbovePixels !== undefined) this.retireAbove = Math.min(this.retireAbove, l.retireAbovePixels);
    const idle = this.slots.filter((s) => !s.busy).sort((a, b) => a.lastUsed - b.lastUsed);
    while (this.slots.length > this.max && idle.length > 0) this.retire(idle.shift()!);
  }

  /** Workers alive now (busy or idle). */
  get size(): number {
    return this.slots.length;
  }

  /**
   * Run `fn` with a worker loaded with `langs` (e.g. "eng+Japanese"). When `signal` aborts,
   * the worker is terminated (a recognize call cannot be interrupted otherwise) and the
   * call rejects with the signal's reason; the next call spawns a fresh worker. `pixels` is the
   * size of the image `fn` reads: above `retireAbovePixels` the worker is retired afterwards.
   */
  async use<T>(langs: string, fn: (w: Worker) => Promise<T>, signal?: AbortSignal, pixels = 0): Promise<T> {
    if (signal?.aborted) throw signal.reason;
    const slot = await this.acquire(langs);
    let onAbort: (() => void) | undefined;
    try {
      const work = slot.worker.then(fn);
      if (!signal) return await work;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          this.drop(slot);
          // Terminate a macrotask later: `fn` may be between its recognize call and the job's
          // post (tesseract.js awaits the image first); terminating in that gap makes tesseract.js
          // post to a null worker, an unhandled rejection. Once posted, the job just never answers.
          void slot.worker
            .then((w) => new Promise<Worker>((resolve) => setTimeout(() => resolve(w), 0)))
            .then((w) => w.terminate())
            .catch(() => {});
          reject(signal.reason);
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener("abort", onAbort, { once: true });
      });
      work.catch(() => {});
      return await Promise.race([work, aborted]);
    } finally {
      if (onAbort) signal?.removeEventListener("abort", onAbort);
      // Above the pixel bound, or a worker too many after limit() lowered max while it was busy.
      if (pixels > this.retireAbove || this.slots.length > this.max) {
        this.retire(slot);
      }
      slot.busy = false;
      slot.lastUsed = Date.now();
      this.waiters.shift()?.();
      this.watchIdle();
    }
  }

  /** Terminate workers idle for `idleRetireMs`; the timer runs only while workers exist and never keeps the process alive. */
  private watchIdle(): void {
    if (this.idleMs <= 0 || this.reaper) return;
    this.reaper = setInterval(
      () => {
        const now = Date.now();
        for (const s of this.slots.filter((x) => !x.busy && now - x.lastUsed >= this.idleMs)) this.retire(s);
        if (this.slots.length === 0 && this.reaper) {
          clearInterval(this.reaper);
          this.reaper = null;
        }
      },
      Math.max(50, Math.min(5000, this.idleMs / 2)),
    );
    this.reaper.unref?.();
  }

  private async acquire(langs: string): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new Error("OCR engine is closed");
      const same = this.slots.find((s) => !s.busy && s.langs === langs);
      if (same) {
        same.busy = true;
        return same;
      }
      if (this.slots.length < this.max) {
        const slot: Slot = { langs, worker: this.spawn(langs), busy: true, lastUsed: Date.now() };
        this.slots.push(slot);
        slot.worker.catch(() => this.drop(slot));
        return slot;
      }
      // Recycle the least recently used idle worker for the other language.
      const idle = this.slots.filter((s) => !s.busy).sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (idle && !this.nativeBin) {
        // Its models reloaded in place: 0.2–0.4 s CPU, where a new worker compiles tesseract's WASM
        // again (1.3–1.7 s). Its heap is within retireAbovePixels (a larger one was retired).
        const slot: Slot = { langs, worker: idle.worker.then((w) => this.reload(w, langs)), busy: true, lastUsed: Date.now() };
        this.slots = this.slots.map((s) => (s === idle ? slot : s));
        slot.worker.catch(() => {
          this.drop(slot);
          void idle.worker.then((w) => w.terminate()).catch(() => {});
        });
        return slot;
      }
      if (idle) {
        // End it before its replacement loads: two heaps at once were the pool's peak.
        this.drop(idle);
        await idle.worker.then((w) => w.terminate()).catch(() => {});
        continue;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private drop(slot: Slot): void {
    this.slots = this.slots.filter((s) => s !== slot);
  }

  /** Take a worker out of the pool and end it (its next caller gets a fresh one). */
  private retire(slot: Slot): void {
    this.drop(slot);
    void slot.worker.then((w) => w.terminate()).catch(() => {});
  }

  private async spawn(langs: string): Promise<Worker> {
    if (this.nativeBin) {
      const w = new NativeWorker(this.nativeBin, langs, nativeLangDir(langs, this.variant));
      await w.setParameters({ tessedit_pageseg_mode: this.psm });
      // The callers use recognize (blocks, text, rotateRadians), setParameters and terminate: the shape NativeWorker has.
      return w as unknown as Worker;
    }
    // OEM 1 = LSTM only; cacheMethod 'none' + local langPath: never the CDN, never write caches. The models' LSTM parts
    // (tessdata.ts lstmLangDir: a worker start ~0.2 s CPU and ~75 MB less); the shipped files where they cannot be made.
    const lstm = lstmLangDir(langs, this.variant);
    if (!lstm) this.langDir ??= makeLangDir(this.variant);
    const langPath = lstm ?? (await this.langDir!).dir;
    const worker = await createWorker(langs, 1, { langPath, cacheMethod: "none", gzip: !lstm });
    if (lstm) this.onLstm.add(worker);
    // PSM 6 (one uniform block): PSM 3 split right-aligned amount columns and lost keys.
    await worker.setParameters({ tessedit_pageseg_mode: this.psm as PSM });
    return worker;
  }

  /** A tesseract.js worker given other models, with the pool's page segmentation again. */
  private async reload(w: Worker, langs: string): Promise<Worker> {
    // A worker started on the LSTM-only copies reads the new languages' copies from the same folder.
    if (this.onLstm.has(w) && !lstmLangDir(langs, this.variant)) throw new Error("cannot write the LSTM-only language files");
    await w.reinitialize(langs, 1);
    await w.setParameters({ tessedit_pageseg_mode: this.psm as PSM });
    return w;
  }

  /** Terminate all workers and remove the language link directory. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reaper) clearInterval(this.reaper);
    this.reaper = null;
    const slots = this.slots;
    this.slots = [];
    for (const w of this.waiters.splice(0)) w();
    await Promise.all(slots.map((s) => s.worker.then((w) => w.terminate()).catch(() => {})));
    if (this.langDir) await (await this.langDir).dispose();
  }
}
