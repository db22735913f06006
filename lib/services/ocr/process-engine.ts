import { createEngine, type Engine } from "@/lib/engine";
import { type Env, env as defaultEnv } from "@/lib/env";

// One engine per process (it owns the OCR worker pool). The custom server and Next's route
// bundles load separate copies of this module, so the instance lives on globalThis.
const g = globalThis as typeof globalThis & { __vouchEngine?: Engine };

/** The engine configured from the environment (LLM extractor when LLM_BASE_URL is set). */
export function engineFromEnv(e: Env = defaultEnv): Engine {
  return createEngine({
    maxPixels: e.MAX_IMAGE_PIXELS,
    ...(e.LLM_BASE_URL ? { llm: { baseUrl: e.LLM_BASE_URL, model: e.LLM_MODEL ?? "default", ...(e.LLM_API_KEY ? { apiKey: e.LLM_API_KEY } : {}) } } : {}),
  });
}

/** The process-wide engine, created on first use. */
export function getEngine(e: Env = defaultEnv): Engine {
  g.__vouchEngine ??= engineFromEnv(e);
  return g.__vouchEngine;
}

/** Close the process-wide engine (shutdown, tests). */
export async function closeEngine(): Promise<void> {
  const engine = g.__vouchEngine;
  g.__vouchEngine = undefined;
  await engine?.close();
}
