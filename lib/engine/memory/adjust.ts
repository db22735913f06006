import { ACCEPT_RISK } from "../risk/gate";
import { RISK_CODE } from "../risk/features";
import type { RiskModel } from "../risk/model";
import { MEMORY_FEATURES } from "./signals";
import type { CheckIssue, FieldResult, FieldValue } from "../types";
import { isArrayValue } from "../types";
import type { MemoryVerdict } from "./types";

/** The issue code memory writes when the remembered place holds something else. */
export const MEMORY_CODE = "memory";

/**
 * Risk multipliers for a value memory confirms, and the risk of a value memory picked, by how
 * many reviewed documents back the place. A place seen once may be a coincidence; a place seen on
 * two or more reviewed documents of the same supplier is how that supplier prints the field.
 */
const AGREE_FACTOR = { once: 0.25, repeated: 0.05 };
const PICKED_RISK = { once: 0.03, repeated: 0.002 };
/** The risk model read a picked value without knowing memory chose it: its estimate is scaled by this. */
const PICKED_FACTOR = { once: 0.25, repeated: 0.01 };
/** A value memory picked over a different reading of the engine is never below this (reviewed, preselected). */
const DISAGREED_RISK = 0.01;
/** A value that differs from a remembered (weak) place is never below this. */
const DIFFERS_RISK = 0.05;

const pct = (r: number) => `${(r * 100).toFixed(r < 0.01 ? 2 : 1)} %`;

/**
 * After the risk stage: memory lowers the risk of values it confirms, sets the risk of values it
 * picked by its support, and doubts values that differ from a remembered place. The risk issues
 * of values that fall below the review gate are dropped; memory's own doubts are added in words.
 */
export function adjustRisk(
  data: Record<string, FieldResult>,
  issues: CheckIssue[],
  verdicts: MemoryVerdict[],
  model?: RiskModel,
): { data: Record<string, FieldResult>; issues: CheckIssue[] } {
  if (verdicts.length === 0) return { data, issues };
  // A risk model fitted on memory replays already weighed memory's signals (signals.ts): its risk stands.
  const modelKnows = model?.features.some((f, i) => (MEMORY_FEATURES as readonly string[]).includes(f) && (model.weights[i] ?? 0) !== 0) === true;
  const out = { ...data };
  const added: CheckIssue[] = [];
  const cleared = new Set<string>();
  for (const v of verdicts) {
    const fv = out[v.path];
    if (!fv || isArrayValue(fv) || fv.value === null) continue;
    const repeated = v.support >= 2;
    const old = fv.risk ?? 0.5;
    let risk = old;
    if (v.kind === "agree") risk = modelKnows ? old : old * (repeated ? AGREE_FACTOR.repeated : AGREE_FACTOR.once);
    else if (v.kind === "picked") {
      // The risk model still reads the picked value's own signals (OCR confidence, checks): memory scales them down, never below the floor.
      if (!modelKnows) risk = Math.max(repeated ? PICKED_RISK.repeated : PICKED_RISK.once, old * (repeated ? PICKED_FACTOR.repeated : PICKED_FACTOR.once));
      // Memory overruled what the engine read: right more often than not, but a person looks (two printed values, one place).
      if (v.disagreed) risk = Math.max(risk, DISAGREED_RISK);
      if (risk >= ACCEPT_RISK) {
        const was = v.before === null ? "the first reading found none" : `the first reading was "${v.before}"`;
        added.push({
          code: MEMORY_CODE,
          severity: "warning",
          message: `"${fv.value}" is where this supplier printed it on ${v.support} reviewed document(s); ${was}`,
          fields: [v.path],
        });
      }
    } else {
      risk = Math.max(old, DIFFERS_RISK);
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
