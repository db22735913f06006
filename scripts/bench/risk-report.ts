import { createHash } from "node:crypto";
import { ACCEPT_RISK, type DocumentResult, isArrayValue } from "../../lib/engine";
import { baseDoc } from "./cv-groups";
import { type BoostOptions, derive, fitCalibratedRisk, fitModel, gatedRisk, RISK_CODE, type RiskModel, SHIPPED_RISK_MODEL } from "../../lib/engine/risk";
import type { Judged } from "./score";
import type { TruthDoc } from "./truth";

/**
 * The risk side of the bench: every judged value with its input kind, its risk and the
 * features behind it; tables per input kind and per field (exact / normalized accuracy,
 * the auto-accepted share and its accuracy), the calibration table (predicted against
 * observed error, per field type and per input kind) and K-fold cross-validation of the
 * risk model (folds by document, so a document and its photo never sit on both sides).
 */

export type InputKind = "text layer" | "clean scan" | "photo" | "receipt";

/** A judged value with everything the risk report needs. */
export interface RiskRow extends Judged {
  dataset: string;
  kind: InputKind;
  /** the field without the row index: "total", "line_items.amount". */
  field: string;
  risk: number;
  /** another check already sends it to review (the risk gate aside). */
  flaggedOther: boolean;
  features: Record<string, number>;
}

/** The input kind of a document in a bench mode. */
export function inputKind(doc: TruthDoc, mode: "image" | "textlayer"): InputKind {
  if (mode === "textlayer") return "text layer";
  if (/\/photo$/.test(doc.dataset)) return "photo";
  if (doc.templateId === "receipt" || /sroie|receipt/i.test(doc.dataset)) return "receipt";
  return "clean scan";
}

/** Join the values judged for one document with the result's risks and features. */
export function riskRows(judged: Judged[], doc: TruthDoc, kind: InputKind, res: DocumentResult): RiskRow[] {
  const other = new Set(res.issues.filter((i) => i.code !== RISK_CODE).flatMap((i) => i.fields));
  const riskOf = (path: string): number => {
    const [name = "", i, k = ""] = path.split(".");
    const r = res.data[name];
    // Values no risk model scored (an e-invoice's XML values) pass as the app passes them: on their checks.
    if (!r) return 0;
    if (isArrayValue(r)) return r.value[Number(i)]?.field_bboxes[k]?.risk ?? 0;
    return r.risk ?? 0;
  };
  return judged.map((j) => ({
    ...j,
    dataset: doc.dataset,
    kind,
    field: j.path.replace(/\.\d+\./, "."),
    risk: riskOf(j.path),
    flaggedOther: other.has(j.path),
    features: res.riskFeatures?.[j.path] ?? {},
  }));
}

/** Auto-accepted: found on the page, no check against it, risk below the gate. */
export const accepted = (r: RiskRow, risk = r.risk) => r.ratio >= 0.85 && !r.flaggedOther && risk < ACCEPT_RISK;

const pc = (a: number, b: number) => (b > 0 ? `${((a / b) * 100).toFixed(1)}%` : "–");
const BINS = [0, 0.005, 0.02, 0.1, 0.5, 1.000001];
const binName = (i: number) => `${(BINS[i]! * 100).toFixed(1)}–${Math.min(100, BINS[i + 1]! * 100).toFixed(1)}%`;

/** Summary of a set of rows under a risk function (JSON-friendly). */
export function summarizeRows(rows: RiskRow[], risk: (r: RiskRow) => number) {
  const acc = rows.filter((r) => accepted(r, risk(r)));
  return {
    values: rows.length,
    exact: rows.filter((r) => r.exact).length,
    normalized: rows.filter((r) => r.normalized).length,
    correct: rows.filter((r) => r.correct).length,
    accepted: acc.length,
    acceptedCorrect: acc.filter((r) => r.correct).length,
  };
}

/** The calibration of one group: per risk bin, values, mean predicted and observed error. */
export function calibration(rows: RiskRow[], risk: (r: RiskRow) => number) {
  return BINS.slice(0, -1).map((lo, i) => {
    const inBin = rows.filter((r) => risk(r) >= lo && risk(r) < BINS[i + 1]!);
    const predicted = inBin.reduce((s, r) => s + risk(r), 0);
    const wrong = inBin.filter((r) => !r.correct).length;
    return { bin: binName(i), n: inBin.length, predicted: inBin.length ? predicted / inBin.length : 0, observed: inBin.length ? wrong / inBin.length : 0 };
  });
}

/** Human tables: per kind and field, then the calibration per type and per kind. */
export function printRiskReport(title: string, rows: RiskRow[], risk: (r: RiskRow) => number = (r) => r.risk): string {
  const out = [`\n--- ${title}: ${rows.length} judged values ---`];
  out.push(
    `${"kind / field".padEnd(30)} ${"values".padStart(6)} ${"exact".padStart(7)} ${"normal.".padStart(7)} ${"auto share".padStart(10)} ${"auto acc.".padStart(9)}`,
  );
  const line = (label: string, rs: RiskRow[]) => {
    const s = summarizeRows(rs, risk);
    out.push(
      `${label.padEnd(30)} ${String(s.values).padStart(6)} ${pc(s.exact, s.values).padStart(7)} ${pc(s.normalized, s.values).padStart(7)} ${pc(s.accepted, s.values).padStart(10)} ${pc(s.acceptedCorrect, s.accepted).padStart(9)}`,
    );
  };
  const kinds = [...new Set(rows.map((r) => r.kind))].sort();
  for (const k of kinds) {
    const rk = rows.filter((r) => r.kind === k);
    line(`${k}`, rk);
    const fields = [...new Set(rk.map((r) => r.field))].sort();
    for (const f of fields)
      line(
        `  ${f}`,
        rk.filter((r) => r.field === f),
      );
  }
  out.push(`calibration (predicted vs observed error per risk bin: n pred/obs)`);
  const groups: Array<[string, RiskRow[]]> = [
    ["all", rows],
    ...["number", "date", "string"].map((t): [string, RiskRow[]] => [`type ${t}`, rows.filter((r) => r.type === t)]),
    ...kinds.map((k): [string, RiskRow[]] => [`kind ${k}`, rows.filter((r) => r.kind === k)]),
  ];
  for (const [name, rs] of groups) {
    if (rs.length === 0) continue;
    const cells = calibration(rs, risk).map((b) => `${b.bin} ${b.n} ${(b.predicted * 100).toFixed(1)}/${(b.observed * 100).toFixed(1)}`);
    out.push(`  ${name.padEnd(18)} ${cells.join(" | ")}`);
  }
  return out.join("\n");
}

/** A learned part of the engine the bench can cross-validate: fit on rows, then score held-out rows. */
export interface LearnedPart {
  name: string;
  fit(train: RiskRow[]): (row: RiskRow) => number;
}

/**
 * The risk model as a learned part (the features were computed once; folds refit only the weights).
 * `calibrate`: recalibrate per page family on scores out of an inner fold (nested inside the outer CV),
 * as the shipped model is when it carries a calibration. `groupOf`: the fold key of a document (cv-groups.ts).
 * `boost`: boosted trees on the regression's residual (risk/boost.ts), their early stopping inside the training folds.
 */
export function riskPart(
  l2 = RISK_L2,
  calibrate = SHIPPED_RISK_MODEL.calibration !== undefined,
  groupOf = baseDoc,
  penalty?: Readonly<Record<string, number>>,
  boost?: BoostOptions & { stopFolds?: number },
): LearnedPart {
  return {
    name: calibrate ? "risk (calibrated per family)" : "risk",
    fit(train) {
      const examples = train.filter(scored).map((r) => ({ features: derive(r.features), wrong: !r.correct, group: groupOf(r.doc) }));
      const opts = { l2, ...(penalty ? { penalty } : {}), ...(boost ? { boost } : {}) };
      const model: RiskModel = calibrate ? fitCalibratedRisk(examples, opts) : fitModel(examples, undefined, opts);
      return (r) => (scored(r) ? gatedRisk(model, derive(r.features)) : r.risk);
    },
  };
}

/** A row the risk model scores (XML values of e-invoices have no features and keep their risk). */
export const scored = (r: RiskRow) => Object.keys(r.features).length > 0;

/** The L2 penalty the shipped model was fitted with (chosen by cross-validated log-loss, see train.ts). */
export const RISK_L2 = 1;

/** Mean log-loss of predicted risks against the verdicts (lower is better calibrated and sharper). */
export function logLoss(rows: RiskRow[], risks: number[]): number {
  const eps = 1e-6;
  return rows.reduce((s, r, i) => s - Math.log(r.correct ? 1 - Math.min(1 - eps, risks[i]!) : Math.max(eps, risks[i]!)), 0) / Math.max(1, rows.length);
}

/** The fold of a document: by a hash of its id (or of its group), the photo variant with its clean page. */
export function foldOf(doc: string, k: number, groupOf: (doc: string) => string = baseDoc): number {
  return createHash("sha256").update(groupOf(doc)).digest().readUInt32BE(0) % k;
}

/** K-fold cross-validated risks of every row (the same order); folds by document, or by `groupOf`'s groups. */
export function crossValidate(rows: RiskRow[], k: number, part: LearnedPart = riskPart(), groupOf: (doc: string) => string = baseDoc): number[] {
  const out = new Array<number>(rows.length).fill(1);
  for (let f = 0; f < k; f++) {
    const train = rows.filter((r) => foldOf(r.doc, k, groupOf) !== f);
    const score = part.fit(train);
    rows.forEach((r, i) => {
      if (foldOf(r.doc, k, groupOf) === f) out[i] = score(r);
    });
  }
  return out;
}
