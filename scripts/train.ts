/**
 * Refit the engine's learned parts from dataset folders:
 *   npm run train -- risk <dataset dir | examples.jsonl>... [--mode image|textlayer|both] [--ocr-cache DIR] [--l2 X|auto] [--out FILE] [--report] [--cv K [--scores FILE] [--cv-by-layout DIR,…]] [--no-calibrate] [--without feature,…] [--light feature,…] [--boost R,D,S,L,M,K,C]
 * `risk`: runs the bench over every folder (both modes by default; OCR read from the cache
 * when filled), collects every judged value with its risk features, fits the logistic risk
 * model and writes lib/engine/risk/weights.json. An examples file written by
 * `npm run bench -- <dir> --examples FILE` can stand in for a folder (no engine run).
 * `--report` prints the tuned-on tables and those of the examples' own risk (the model that wrote them: a
 * refit's before), `--cv K` the K-fold cross-validated ones. The model is
 * recalibrated per page family on out-of-fold scores (risk/calibrate.ts) unless `--no-calibrate`.
 * `--boost R,D,S,L,M,K,C`: boosted trees on the regression's residual (risk/boost.ts): at most R trees of depth D,
 * shrinkage S, leaf penalty L, M examples a leaf at least, the number of trees chosen on one of K folds of the
 * training groups (K 0: all R), their sum held within ±C log-odds; empty fields keep DEFAULT_BOOST's.
 * `rank`: the learned ranking of candidate values (see scripts/train/rank.ts).
 * Subcommands of other learned parts register in SUBCOMMANDS.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_BOOST, derive, fitCalibratedRisk, fitModel, gatedRisk, LIGHT_PRIOR, type RiskModel } from "../lib/engine/risk";
import { grouper, layoutGroups } from "./bench/cv-groups";
import { crossValidate, logLoss, printRiskReport, RISK_L2, type RiskRow, riskPart, scored } from "./bench/risk-report";
import { trainRank } from "./train/rank";

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Run the bench over one folder in one mode and return its judged values. */
function collect(dir: string, mode: string, cache: string | undefined): RiskRow[] {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "vouch-train-")), "examples.jsonl");
  const args = ["tsx", "scripts/bench.ts", dir, "--no-baseline", "--mode", mode, "--examples", out, ...(cache ? ["--ocr-cache", cache] : [])];
  console.log(`train: npx ${args.join(" ")}`);
  const r = spawnSync("npx", args, { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`bench failed on ${dir} (${mode})`);
  return readRows(out);
}

const readRows = (file: string): RiskRow[] =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as RiskRow)
    : [];

/** `--boost R,D,S,L,M,K,C` (see the header); undefined without the flag. */
function parseBoost(spec: string | undefined) {
  if (spec === undefined) return undefined;
  const [r, d, s, l, m, k, c] = spec.split(",").map((v) => (v === "" ? undefined : Number(v)));
  const d0 = DEFAULT_BOOST;
  return {
    rounds: r ?? d0.rounds,
    depth: d ?? d0.depth,
    shrinkage: s ?? d0.shrinkage,
    lambda: l ?? d0.lambda,
    minLeaf: m ?? d0.minLeaf,
    stopFolds: k ?? 5,
    cap: c ?? d0.cap,
  };
}

async function trainRisk(argv: string[]) {
  const sources = argv.filter((a, i) => !a.startsWith("--") && !(i > 0 && argv[i - 1]!.startsWith("--")));
  if (sources.length === 0) throw new Error("usage: npm run train -- risk <dataset dir | examples.jsonl>... [--mode image|textlayer|both] [--ocr-cache DIR]");
  const mode = arg(argv, "--mode") ?? "both";
  const cache = arg(argv, "--ocr-cache") ?? "bench-results/ocr-cache";
  const all: RiskRow[] = [];
  for (const s of sources) {
    if (s.endsWith(".jsonl")) all.push(...readRows(s));
    else for (const m of mode === "both" ? ["image", "textlayer"] : [mode]) all.push(...collect(s, m, cache));
  }
  // --without a,b: leave base features out (what the model did before they existed), interactions included.
  const without = arg(argv, "--without")?.split(",") ?? [];
  const strip = (f: Record<string, number>) => Object.fromEntries(Object.entries(f).filter(([n]) => !without.includes(n)));
  // Interactions are recomputed from the base features, so example files written before a new one was added still fit.
  const rows = all.filter(scored).map((r) => ({ ...r, features: derive(strip(r.features)) }));
  const calibrate = !argv.includes("--no-calibrate");
  let l2 = Number(arg(argv, "--l2") ?? RISK_L2);
  if (arg(argv, "--l2") === "auto") {
    // The penalty with the lowest 5-fold cross-validated log-loss (of the uncalibrated model: calibration is fitted after).
    let best = Number.POSITIVE_INFINITY;
    for (const c of [1, 3, 10, 30, 100]) {
      const loss = logLoss(rows, crossValidate(rows, 5, riskPart(c, false)));
      console.log(`  l2 ${c}: cross-validated log-loss ${loss.toFixed(5)}`);
      if (loss < best) [best, l2] = [loss, c];
    }
  }
  // --light a,b: these features (and their per-family corrections) fitted with LIGHT_PRIOR's tenth of the penalty too
  const light = arg(argv, "--light")?.split(",").filter(Boolean) ?? [];
  const penalty = { ...LIGHT_PRIOR, ...Object.fromEntries(light.flatMap((f) => ["", "rcpt_", "tl_", "ph_"].map((p) => [`${p}${f}`, 0.1]))) };
  const boost = parseBoost(arg(argv, "--boost"));
  const examples = rows.map((r) => ({ features: r.features, wrong: !r.correct, group: r.doc.replace(/\.photo$/, "") }));
  const opts = { l2, penalty, ...(boost ? { boost } : {}) };
  const fitted = calibrate ? fitCalibratedRisk(examples, opts) : fitModel(examples, undefined, opts);
  const wrong = rows.filter((r) => !r.correct).length;
  const model: RiskModel = {
    ...fitted,
    fitted: {
      documents: new Set(rows.map((r) => r.doc.replace(/\.photo$/, ""))).size,
      values: rows.length,
      errorRate: Math.round((wrong / Math.max(1, rows.length)) * 1e4) / 1e4,
      at: new Date().toISOString().slice(0, 10),
      sources: [...new Set(rows.map((r) => `${r.dataset} (${r.kind})`))].sort(),
    },
  };
  const out = arg(argv, "--out") ?? "lib/engine/risk/weights.json";
  writeFileSync(out, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`train risk: ${rows.length} values (${wrong} wrong) from ${model.fitted!.documents} documents → ${out}`);
  for (const [i, f] of model.features.entries()) console.log(`  ${f.padEnd(22)} ${model.weights[i]!.toFixed(3)}`);
  console.log(`  ${"(bias)".padEnd(22)} ${model.bias.toFixed(3)}`);
  if (model.boost) console.log(`  + ${model.boost.trees.length} boosted trees (sum within ±${model.boost.cap})`);
  if (model.calibration) console.log(`  calibration per family (a·z + b): ${JSON.stringify(model.calibration)}`);
  if (argv.includes("--report")) {
    // The before of a refit: each value's risk as the engine that wrote the examples gave it (the model shipped then).
    console.log(printRiskReport("risk gate, the examples' own risk (the model in the engine that wrote them)", rows));
    console.log(
      `  the examples' own risk: log-loss ${logLoss(
        rows,
        rows.map((r) => r.risk),
      ).toFixed(5)}`,
    );
    console.log(printRiskReport("risk gate, tuned (the model just fitted, on its own training values)", rows, (r) => gatedRisk(model, r.features)));
    console.log(
      `  tuned log-loss ${logLoss(
        rows,
        rows.map((r) => gatedRisk(model, r.features)),
      ).toFixed(5)}`,
    );
  }
  const k = Number(arg(argv, "--cv") ?? 0);
  if (k > 1) {
    // --cv-by-layout DIR,…: a synthetic template's or a supplier's documents share a fold (cv-groups.ts)
    const layoutDirs = arg(argv, "--cv-by-layout")?.split(",").filter(Boolean);
    const groupOf = grouper(layoutDirs ? layoutGroups(layoutDirs) : undefined);
    if (layoutDirs)
      console.log(
        `  folds by layout and supplier: ${new Set(rows.map((r) => groupOf(r.doc))).size} groups of ${new Set(rows.map((r) => r.doc)).size} documents`,
      );
    const cv = crossValidate(rows, k, riskPart(l2, calibrate, groupOf, penalty, boost), groupOf);
    const at = new Map(rows.map((r, i) => [r, cv[i]!]));
    console.log(`  cross-validated log-loss ${logLoss(rows, cv).toFixed(5)}`);
    // --scores FILE: every value with its tuned and cross-validated risk, for tables per dataset.
    const scores = arg(argv, "--scores");
    if (scores)
      writeFileSync(
        scores,
        rows
          .map((r, i) =>
            JSON.stringify({
              dataset: r.dataset,
              kind: r.kind,
              doc: r.doc,
              path: r.path,
              field: r.field,
              type: r.type,
              correct: r.correct,
              exact: r.exact,
              normalized: r.normalized,
              ratio: r.ratio,
              flaggedOther: r.flaggedOther,
              risk: r.risk,
              tuned: gatedRisk(model, r.features),
              cv: cv[i],
            }),
          )
          .join("\n"),
      );
    console.log(printRiskReport(`risk gate, ${k}-fold cross-validated (folds by document)`, rows, (r) => at.get(r)!));
  }
}

const SUBCOMMANDS: Record<string, (argv: string[]) => Promise<void>> = { risk: trainRisk, rank: trainRank };

const [sub, ...rest] = process.argv.slice(2);
const run = sub ? SUBCOMMANDS[sub] : undefined;
if (!run) {
  console.error(`usage: npm run train -- <${Object.keys(SUBCOMMANDS).join("|")}> …`);
  process.exit(2);
}
run(rest).catch((err) => {
  console.error(err);
  process.exit(1);
});
