/**
 * Where a page's OCR CPU goes (`bench:ocr --stages`): the process CPU spent inside tesseract calls (the pool's `use`,
 * its worker starts and model reloads apart), inside the ONNX detector's and recogniser's runs and their session loads;
 * the rest of the page's CPU is the main thread's own work (decoding, thumbnails, the preparation, line sampling) and
 * sharp's. bench:ocr reads one page at a time, so a span's CPU is that page's. It wraps prototype methods: a measurement
 * tool, never loaded by the engine.
 */
import { createRequire } from "node:module";
import { cpuMs } from "../../lib/engine/ocr/budget";
import { WorkerPool } from "../../lib/engine/ocr/pool";

/** CPU ms by stage since the last reset. */
export type Stages = Record<string, number>;

type Method = (...a: unknown[]) => Promise<unknown>;

/** Install the wrappers (once a process) and return the clock. */
export function stageClock(): { reset(): void; take(): Stages } {
  let spans: Stages = {};
  const wrap = (obj: Record<string, unknown>, name: string, stage: (args: unknown[]) => string) => {
    const orig = obj[name] as Method;
    obj[name] = async function (this: unknown, ...args: unknown[]) {
      const c0 = cpuMs();
      try {
        return await orig.apply(this, args);
      } finally {
        const s = stage(args);
        spans[s] = (spans[s] ?? 0) + (cpuMs() - c0);
      }
    };
  };
  const pool = WorkerPool.prototype as unknown as Record<string, unknown>;
  wrap(pool, "use", () => "tesseract");
  wrap(pool, "spawn", () => "tesseract start");
  wrap(pool, "reload", () => "tesseract reload");
  // The CommonJS build the engine's `import("onnxruntime-node")` resolves to (its ESM entry re-exports it).
  const ort = createRequire(import.meta.url)("onnxruntime-node") as typeof import("onnxruntime-node");
  wrap(ort.InferenceSession as unknown as Record<string, unknown>, "create", () => "onnx load");
  wrap((ort.InferenceSession as unknown as { prototype: Record<string, unknown> }).prototype, "run", (args) => {
    // The recogniser's input is a 48-px-high line strip; the detector's the page.
    const t = Object.values(args[0] as Record<string, { dims: readonly number[] }>)[0];
    return t?.dims[2] === 48 ? "onnx rec" : "onnx det";
  });
  return {
    reset: () => {
      spans = {};
    },
    take: () => {
      // Worker starts and reloads run inside `use`: the tesseract stage is the reading alone.
      const s = { ...spans };
      if (s.tesseract !== undefined) s.tesseract -= (s["tesseract start"] ?? 0) + (s["tesseract reload"] ?? 0);
      return s;
    },
  };
}

/** The stages of a page plus "rest" (its CPU outside them). */
export function withRest(stages: Stages, pageCpu: number): Stages {
  const inside = Object.values(stages).reduce((a, b) => a + b, 0);
  return { ...stages, rest: Math.max(0, pageCpu - inside) };
}

/** "tesseract 1234 · onnx rec 870 · rest 410" (largest first, ms rounded). */
export function formatStages(stages: Stages): string {
  return Object.entries(stages)
    .filter(([, v]) => v >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${Math.round(v)}`)
    .join(" · ");
}
