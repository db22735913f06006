import { readFileSync } from "node:fs";
import { createEngine, type EngineOptions } from "../../lib/engine";
import { createRulesExtractor } from "../../lib/engine/extract/rules";
import type { RankModel } from "../../lib/engine/extract/rank";

/**
 * `--rank-folds PREFIX:K`: one engine per fold, each extracting with the ranker fitted without that
 * fold's documents (`npm run train -- rank … --fold-models PREFIX`). The bench runs a document with the
 * engine of its fold (risk-report foldOf), so the values it judges are the ranking's out-of-fold picks.
 */
export async function foldEngines(spec: string, opts: EngineOptions) {
  const [prefix, k = "5"] = spec.split(":");
  return Array.from({ length: Number(k) }, (_, f) => {
    const rank = JSON.parse(readFileSync(`${prefix}-${f}.json`, "utf8")) as RankModel;
    return createEngine({ ...opts, extractor: createRulesExtractor({ rank }) });
  });
}
