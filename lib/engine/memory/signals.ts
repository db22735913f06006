import type { MemoryVerdict } from "./types";

/**
 * What supplier memory says about a value, as risk-model features (risk/features.ts merges them):
 *   memory_agree            memory's prediction is this value
 *   memory_agree_repeated   … and two or more reviewed documents back it (a place seen twice is how the supplier prints the field)
 *   memory_picked           memory proposed this value (the extractor had none or another)
 *   memory_picked_repeated  … backed by two or more reviewed documents
 *   memory_overruled        memory's pick replaced a different reading of the engine
 *   memory_differs          a weaker remembered place holds something else
 *   memory_support          reviewed documents behind the prediction, 0–1 (4 or more = 1)
 * A model fitted without memory weighs them 0, and the memory stage's fitted adjustment
 * (adjust.ts) stands in; a model fitted on memory replays takes them over (adjust.ts defers to it).
 */
export const MEMORY_FEATURES = [
  "memory_agree",
  "memory_agree_repeated",
  "memory_picked",
  "memory_picked_repeated",
  "memory_overruled",
  "memory_differs",
  "memory_support",
] as const;

export function memorySignals(verdicts: readonly MemoryVerdict[] | undefined): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const v of verdicts ?? []) {
    // A place not found is not in the fitted features (adjust.ts floors the value's risk instead).
    if (v.kind === "absent") continue;
    const repeated = v.support >= 2 ? 1 : 0;
    out.set(v.path, {
      memory_agree: v.kind === "agree" ? 1 : 0,
      memory_agree_repeated: v.kind === "agree" ? repeated : 0,
      memory_picked: v.kind === "picked" ? 1 : 0,
      memory_picked_repeated: v.kind === "picked" ? repeated : 0,
      memory_overruled: v.kind === "picked" && v.disagreed ? 1 : 0,
      memory_differs: v.kind === "differs" ? 1 : 0,
      memory_support: Math.min(1, v.support / 4),
    });
  }
  return out;
}

/**
 * The inputs of memory's own risk adjustment (adjust.ts, weights.json): the risk model's log-odds,
 * memory's signals, and the same signals for text fields (names, addresses, ids: a constant the
 * reviewers gave, found again) apart from amounts and dates (a remembered place).
 */
export const STACK_FEATURES = ["base_logit", ...MEMORY_FEATURES, "text_agree_repeated", "text_picked", "text_picked_repeated", "text_overruled"] as const;

const logit = (p: number) => Math.log(Math.max(1e-6, p) / Math.max(1e-6, 1 - p));

export function stackFeatures(risk: number, signals: Record<string, number>, text: boolean): Record<string, number> {
  const t = text ? 1 : 0;
  return {
    base_logit: logit(risk),
    ...signals,
    text_agree_repeated: t * (signals.memory_agree_repeated ?? 0),
    text_picked: t * (signals.memory_picked ?? 0),
    text_picked_repeated: t * (signals.memory_picked_repeated ?? 0),
    text_overruled: t * (signals.memory_overruled ?? 0),
  };
}
