/**
 * The memory stage's risk adjustment, fitted (bench --memory … --fit-memory-risk): a logistic model
 * over the risk model's own log-odds (`base_logit`, the value's risk as if memory said nothing)
 * and memory's signals (memory/signals.ts), on every value read with memory in the replay.
 * Reported cross-validated by supplier (a supplier's values are all in one fold: the adjustment is
 * judged on suppliers it never saw) beside the hand-set factors it replaces; written to
 * lib/engine/memory/weights.json when asked.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ACCEPT_RISK, SHIPPED_RISK_MODEL } from "../../lib/engine";
import { MEMORY_FEATURES, STACK_FEATURES, stackFeatures } from "../../lib/engine/memory/signals";
import { fitRisk, type RiskExample, type RiskModel, scoreRisk } from "../../lib/engine/risk";
import type { MemoryExample } from "./memory";

const NAMES: string[] = [...STACK_FEATURES];
/** Signals that by their meaning only add doubt, and the model's own risk, which may only raise it. */
const MONOTONE = ["base_logit", "memory_overruled", "memory_differs", "text_overruled"];

/** The stacked example of a value read with memory (only values memory had a verdict on). */
function stacked(e: MemoryExample): RiskExample | undefined {
  if (!MEMORY_FEATURES.some((f) => (e.features[f] ?? 0) !== 0)) return undefined;
  const signals = Object.fromEntries(MEMORY_FEATURES.map((f) => [f, e.features[f] ?? 0]));
  const text = !e.features.type_number && !e.features.type_date;
  return { features: stackFeatures(scoreRisk(SHIPPED_RISK_MODEL, e.features), signals, text), wrong: e.wrong, group: e.supplier };
}

function gate(rows: Array<{ risk: number; wrong: boolean }>) {
  const acc = rows.filter((r) => r.risk < ACCEPT_RISK);
  const ll = rows.reduce((s, r) => s - Math.log(Math.max(1e-9, r.wrong ? r.risk : 1 - r.risk)), 0) / Math.max(1, rows.length);
  return { values: rows.length, accepted: acc.length, acceptedWrong: acc.filter((r) => r.wrong).length, logLoss: ll };
}

/** Fit by supplier-grouped K-fold CV, print the comparison, and return (and optionally write) the full fit. */
export function fitMemoryRisk(examples: MemoryExample[], opts: { folds?: number; write?: boolean } = {}) {
  const pairs = examples.flatMap((e) => {
    const s = stacked(e);
    return s ? [{ e, s }] : [];
  });
  const suppliers = [...new Set(pairs.map((p) => p.e.supplier))].sort();
  const k = Math.min(opts.folds ?? 5, suppliers.length);
  const fold = new Map(suppliers.map((s, i) => [s, i % k]));
  const cv: Array<{ risk: number; wrong: boolean }> = [];
  for (let f = 0; f < k; f++) {
    const train = pairs.filter((p) => fold.get(p.e.supplier) !== f).map((p) => p.s);
    const model = fitRisk(train, NAMES, { nonNegative: MONOTONE });
    for (const p of pairs.filter((q) => fold.get(q.e.supplier) === f)) cv.push({ risk: scoreRisk(model, p.s.features), wrong: p.s.wrong });
  }
  const base = pairs.map((p) => ({ risk: scoreRisk(SHIPPED_RISK_MODEL, p.e.features), wrong: p.e.wrong }));
  const shipped = pairs.map((p) => ({ risk: p.e.risk, wrong: p.e.wrong }));
  const full = fitRisk(
    pairs.map((p) => p.s),
    NAMES,
    { nonNegative: MONOTONE },
  );
  const wrong = pairs.filter((p) => p.e.wrong).length;
  console.log(`  memory risk: ${pairs.length} values with a memory verdict (${wrong} wrong), ${suppliers.length} suppliers, ${k}-fold by supplier`);
  console.log("  risk of those values            values | accepted (< 0.5 %) | wrong among accepted | log-loss");
  for (const [name, rows] of [
    ["risk model, memory ignored", base],
    ["shipped adjustment (adjust.ts)", shipped],
    ["fitted, CV by supplier", cv],
  ] as const) {
    const g = gate(rows);
    console.log(
      `  ${name.padEnd(32)}${String(g.values).padStart(6)} | ${String(g.accepted).padStart(9)}          | ${String(g.acceptedWrong).padStart(9)}            | ${g.logLoss.toFixed(3)}`,
    );
  }
  console.log(`  fitted weights: ${full.features.map((f, i) => `${f} ${full.weights[i]!.toFixed(2)}`).join(", ")}, bias ${full.bias.toFixed(2)}`);
  if (opts.write) {
    const model: RiskModel = {
      ...full,
      fitted: {
        documents: new Set(pairs.map((p) => p.e.doc)).size,
        values: pairs.length,
        errorRate: wrong / Math.max(1, pairs.length),
        at: new Date().toISOString(),
        sources: [...new Set(pairs.map((p) => p.e.dataset))],
      },
    };
    const file = path.join(import.meta.dirname, "../../lib/engine/memory/weights.json");
    writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
    console.log(`  wrote ${file}`);
  }
  return { values: pairs.length, wrong, base: gate(base), shipped: gate(shipped), cv: gate(cv), model: full };
}
