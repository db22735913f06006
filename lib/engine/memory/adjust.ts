import { RISK_CODE } from "../risk/document";
import { ACCEPT_RISK } from "../risk/gate";
import { type RiskModel, scoreRisk } from "../risk/model";
import type { CheckIssue, FieldResult, FieldValue } from "../types";
import { isArrayValue } from "../types";
import { MEMORY_FEATURES, memorySignals, stackFeatures } from "./signals";
import type { MemoryVerdict } from "./types";
import stackModel from "./weights.json";

/** The issue code memory writes when the remembered place holds something else. */
export const MEMORY_CODE = "memory";

/**
 * Memory's own risk adjustment, fitted on the supplier-memory replay (bench --memory … --fit-memory-risk,
 * cross-validated by supplier): a logistic model over the risk model's log-odds and memory's signals
 * (signals.ts STACK_FEATURES). It replaced hand-set factors that auto-accepted values memory
 * confirmed once or picked over the engine's reading: on SROIE-extra a third of those were wrong.
 */
const STACK = stackModel as RiskModel;
/** A reviewer's name or id printed again letter for letter: the model's risk is scaled by this, down to the floor. */
const EXACT_FACTOR = 0.01;
const EXACT_RISK = 0.002;
/** A value memory picked over a different reading of the engine is never below this (reviewed, preselected). */
const DISAGREED_RISK = 0.01;
/** A value that differs from a remembered (weak) place is never below this. */
const DIFFERS_RISK = 0.05;
/**
 * A value of a field whose well-backed place (or constant text) is nowhere on the page is never below the review
 * gate: memory cannot say it is wrong, but the page is not printed the way the supplier's reviewed documents were.
 */
const ABSENT_RISK = ACCEPT_RISK;

const pct = (r: number) => `${(r * 100).toFixed(r < 0.01 ? 2 : 1)} %`;

/**
 * After the risk stage: the risk of every value memory had a verdict on is re-estimated from the
 * risk model's own estimate and memory's signals (STACK); a value memory picked over a different
 * reading, or that differs from a remembered place, keeps a floor. The risk issues of values that
 * fall below the review gate are dropped; memory's own doubts are added in words.
 */
export function adjustRisk(
  data: Record<string, FieldResult>,
  issues: CheckIssue[],
  verdicts: MemoryVerdict[],
  model?: RiskModel,
  types?: ReadonlyMap<string, string>,
): { data: Record<string, FieldResult>; issues: CheckIssue[] } {
  if (verdicts.length === 0) return { data, issues };
  // A risk model fitted on memory replays already weighed memory's signals (signals.ts): its risk stands.
  const modelKnows = model?.features.some((f, i) => (MEMORY_FEATURES as readonly string[]).includes(f) && (model.weights[i] ?? 0) !== 0) === true;
  const signals = memorySignals(verdicts);
  const out = { ...data };
  const added: CheckIssue[] = [];
  const cleared = new Set<string>();
  for (const v of verdicts) {
    const fv = out[v.path];
    if (!fv || isArrayValue(fv) || fv.value === null) continue;
    const old = fv.risk ?? 0.5;
    if (v.kind === "absent") {
      if (old >= ABSENT_RISK) continue;
      out[v.path] = { ...(fv as FieldValue), risk: ABSENT_RISK };
      added.push({
        code: MEMORY_CODE,
        severity: "warning",
        message: `this supplier's ${v.support} reviewed documents print this field at a place not found on this page`,
        fields: [v.path],
      });
      continue;
    }
    const type = types?.get(v.path);
    const fitted = modelKnows ? old : scoreRisk(STACK, stackFeatures(old, signals.get(v.path) ?? {}, type !== "number" && type !== "date"));
    // Memory that backs a value only lowers its risk, memory that doubts it only raises it: the adjustment was fitted on
    // receipts, where the risk model is least sure, and must not undo a confident reading of a clean page.
    const doubts = v.kind === "differs" || (v.kind === "picked" && (v.disagreed || v.misread === true));
    let risk = doubts ? Math.max(old, fitted) : Math.min(old, fitted);
    // A name or id the reviewers typed, printed again letter for letter: OCR does not misread a page into exactly
    // the reviewer's text. Too rare in the replay to fit (receipts print their name in capitals, misread), so the
    // evidence keeps its set weight: the value is as good as confirmed.
    if (!doubts && "exact" in v && v.exact && v.support >= 2 && !modelKnows) risk = Math.min(risk, Math.max(EXACT_RISK, old * EXACT_FACTOR));
    // A remembered text completed by a line the page adds (a branch under the address), or missing the line the latest
    // review had: memory backs only part of the value. It lowers nothing, and a value it put there is never accepted unreviewed.
    if ("partial" in v && v.partial) risk = Math.max(risk, v.kind === "picked" ? DISAGREED_RISK : old);
    if (v.kind === "picked") {
      // Memory overruled what the engine read: right more often than not, but a person looks (two printed values, one place).
      // … and so does a constant found by its place through a heavy misread: the page itself does not confirm it.
      if (v.disagreed || v.misread) risk = Math.max(risk, DISAGREED_RISK);
      if (risk >= ACCEPT_RISK) {
        const was = v.before === null ? "the first reading found none" : `the first reading was "${v.before}"`;
        added.push({
          code: MEMORY_CODE,
          severity: "warning",
          message: `"${fv.value}" is where this supplier printed it on ${v.support} reviewed document(s); ${was}`,
          fields: [v.path],
        });
      }
    } else if (v.kind === "differs") {
      risk = Math.max(risk, DIFFERS_RISK);
      added.push({
        code: MEMORY_CODE,
        severity: "warning",
        message: `this supplier's reviewed document(s) print this field where the page now holds "${v.remembered}", not "${fv.value}" (${pct(risk)} risk)`,
        fields: [v.path],
      });
    }
    risk = Math.round(risk * 1e5) / 1e5;
    if (risk < ACCEPT_RISK) cleared.add(v.path);
    out[v.path] = { ...(fv as FieldValue), risk };
  }
  const kept = issues.filter((i) => !(i.code === RISK_CODE && i.fields.every((f) => cleared.has(f))));
  return { data: out, issues: [...kept, ...added] };
}
