/**
 * The engine the API uses is the process-wide one of the job workers (lib/services/ocr/process-engine.ts),
 * so the process holds one set of OCR workers; this adds readiness for GET /health
 * (state on globalThis: the custom server and Next's route bundles are separate modules).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ENGINE_VERSION } from "@/lib/engine/version";
import { env } from "@/lib/env";
import { getEngine as getBundledEngine } from "@/lib/services/ocr/process-engine";

type Engine = ReturnType<typeof getBundledEngine>;

interface EngineSlot {
  warm: "cold" | "loading" | "ok" | "error";
  warmError?: string;
  warming?: Promise<void>;
}

const g = globalThis as typeof globalThis & { __vouchApiEngine?: EngineSlot };

/**
 * The process's engine, taken from the server's own (unbundled, tsx-loaded) module when
 * there is one: inside a Turbopack route bundle `createRequire().resolve` turns into a
 * module id, so an engine created here could not find its OCR language data. Under
 * `next dev` (no custom server) the bundled module is the fallback.
 */
export async function getApiEngine(): Promise<Engine> {
  const url = pathToFileURL(path.join(process.cwd(), "lib/services/ocr/process-engine.ts")).href;
  try {
    const mod = (await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ url)) as { getEngine(): Engine };
    return mod.getEngine();
  } catch {
    return getBundledEngine();
  }
}

function slot(): EngineSlot {
  g.__vouchApiEngine ??= { warm: "cold" };
  return g.__vouchApiEngine;
}

// A small white page: recognizing it loads the OCR worker and its language data.
async function warmupImage(): Promise<Uint8Array> {
  const { default: sharp } = await import("sharp");
  return sharp({ create: { width: 200, height: 80, channels: 3, background: "#ffffff" } })
    .png()
    .toBuffer();
}

/** Readiness of the OCR engine; the first call starts loading it in the background. */
export function engineStatus(): { status: "ok" | "loading" | "error"; message?: string; version: string; extractor: string } {
  const s = slot();
  if (s.warm === "cold") {
    s.warm = "loading";
    s.warming = (async () => {
      try {
        await (await getApiEngine()).processDocument({ pages: [{ image: await warmupImage() }], templateId: "receipt" });
        s.warm = "ok";
      } catch (err) {
        s.warm = "error";
        s.warmError = (err as Error).message;
        console.error("[api] the OCR engine failed to load:", err);
      }
    })();
  }
  const extractor = env.LLM_BASE_URL ? "llm" : "rules";
  const status = s.warm as "loading" | "ok" | "error";
  return { status, ...(s.warmError ? { message: s.warmError } : {}), version: ENGINE_VERSION, extractor };
}

/** Mark the engine as loaded after a real extraction succeeded (no warm-up needed then). */
export function markEngineWarm(): void {
  const s = slot();
  if (s.warm !== "ok") {
    s.warm = "ok";
    s.warmError = undefined;
  }
}
