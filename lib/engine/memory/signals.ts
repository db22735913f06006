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
