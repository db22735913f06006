import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { accepted, logLoss, type RiskRow } from "../bench/risk-report";

/**
 * What `npm run refit` runs (scripts/refit.ts), as data: which folder is read from what, the trainer's and the
 * bench's command lines per step, and the before / tuned / CV table it ends with.
 */

/** A dataset folder and what it can be read from. */
export interface Dataset {
  dir: string;
  name: string;
  /** its OCR cache (undefined: none, so no image mode: it would OCR every page). */
  cache?: string;
  /** page images in the folder, and pages its cache holds (its newest version, the one --ocr-cache-reuse reads). */
  images: number;
  cachedPages: number;
  pdfs: boolean;
}

/** The cache of a folder `…/NAME` is `<cacheRoot>/ocr-NAME` (the shared caches' naming). */
export function datasetOf(dir: string, cacheRoot: string): Dataset {
  const name = path.basename(dir);
  const files = readdirSync(dir);
  const cache = path.join(cacheRoot, `ocr-${name}`);
  const has = existsSync(cache);
  const versions = has ? readdirSync(cache).filter((d) => statSync(path.join(cache, d)).isDirectory()) : [];
  const newest = versions.sort((a, b) => statSync(path.join(cache, b)).mtimeMs - statSync(path.join(cache, a)).mtimeMs)[0];
  return {
    dir,
    name,
    ...(has ? { cache } : {}),
    images: files.filter((f) => /\.(png|jpe?g|tiff?|webp)$/i.test(f)).length,
    cachedPages: newest ? readdirSync(path.join(cache, newest)).filter((f) => f.endsWith(".page.json")).length : 0,
    pdfs: files.some((f) => /\.pdf$/i.test(f)),
  };
}

/** One step: a script of this repository with its arguments, its output kept in `log`. */
export interface Step {
  label: string;
  script: string;
  args: string[];
  log: string;
}

export interface WorkDirs {
  groups: string;
  examples: string;
  logs: string;
}

/**
 * Step 1, the ranker trainer's candidate groups: from the OCR cache for a folder with images (a PDF-only folder
 * would give its text layer again under the OCR name), from the text layer for a folder with PDFs.
 */
export function planGroups(sets: Dataset[], dirs: WorkDirs, extra: string[] = []): Step[] {
  const steps: Step[] = [];
  // Each collection also fits a ranker: written aside, never over the shipped one.
  const scratch = (tag: string) => path.join(dirs.logs, `ranker-${tag}.json`);
  for (const s of sets) {
    if (s.cache && s.images > 0) {
      const args = ["rank", s.dir, "--ocr-cache", s.cache, "--save-groups", path.join(dirs.groups, `${s.name}.json`), "--out", scratch(s.name), ...extra];
      steps.push({ label: `groups ${s.name} (OCR)`, script: "scripts/train.ts", args, log: path.join(dirs.logs, `1-groups-${s.name}.log`) });
    }
    if (s.pdfs) {
      const g = path.join(dirs.groups, `${s.name}.text.json`);
      const args = ["rank", s.dir, "--textlayer", "--save-groups", g, "--out", scratch(`${s.name}.text`), ...extra];
      steps.push({ label: `groups ${s.name} (text layer)`, script: "scripts/train.ts", args, log: path.join(dirs.logs, `1-groups-${s.name}-text.log`) });
    }
  }
  return steps;
}

/**
 * Step 3, the risk examples: the bench with the fold rankers (`folds` = "PREFIX:K"), in image mode where the folder
 * has a cache (misses would be OCR'd into it: the copy, never the shared folder) and in text-layer mode where it has PDFs.
 */
export function planExamples(sets: Dataset[], dirs: WorkDirs, folds: string, extra: string[] = [], opts: { cachedOnly?: boolean } = {}): Step[] {
  const steps: Step[] = [];
  // --ocr-cache-only: a document with a page the cache lacks is left out instead of OCR'd (a cache still filling).
  const only = opts.cachedOnly ? ["--ocr-cache-only"] : [];
  for (const s of sets)
    for (const mode of [s.cache ? "image" : "", s.pdfs ? "textlayer" : ""].filter(Boolean)) {
      const cache = s.cache && mode === "image" ? ["--ocr-cache", s.cache, "--ocr-cache-reuse", ...only] : [];
      const e = path.join(dirs.examples, `${s.name}-${mode}.jsonl`);
      const args = [s.dir, "--no-baseline", "--mode", mode, ...cache, "--rank-folds", folds, "--examples", e, ...extra];
      steps.push({ label: `examples ${s.name} (${mode})`, script: "scripts/bench.ts", args, log: path.join(dirs.logs, `3-bench-${s.name}-${mode}.log`) });
    }
  return steps;
}

/** A row of the trainer's --scores file: the value's own risk (the model that wrote it), the refit's tuned and CV risk. */
export type Scored = RiskRow & { tuned: number; cv: number };

/** The before / tuned / CV table per input kind (auto-accepted share / its accuracy), then log-loss per dataset. */
export function summary(rows: Scored[]): string {
  const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : "–");
  const cell = (rs: Scored[], risk: (r: Scored) => number) => {
    const acc = rs.filter((r) => accepted(r, risk(r)));
    const wrong = acc.filter((r) => !r.correct).length;
    return `${pct(acc.length, rs.length)} / ${pct(acc.length - wrong, acc.length)} (${wrong} wrong)`;
  };
  const loss = (rs: Scored[], risk: (r: Scored) => number) => logLoss(rs, rs.map(risk)).toFixed(5);
  const out = ["| input kind | values | correct | before: auto share / correct | tuned | **CV** | log-loss before / CV |", "|---|---|---|---|---|---|---|"];
  const kinds = [...new Set(rows.map((r) => r.kind))].sort();
  const groups: Array<[string, Scored[]]> = [...kinds.map((k): [string, Scored[]] => [k, rows.filter((r) => r.kind === k)]), ["all", rows]];
  for (const [label, rs] of groups) {
    const correct = pct(rs.filter((r) => r.correct).length, rs.length);
    const cells = `${cell(rs, (r) => r.risk)} | ${cell(rs, (r) => r.tuned)} | **${cell(rs, (r) => r.cv)}**`;
    out.push(`| ${label} | ${rs.length} | ${correct} | ${cells} | ${loss(rs, (r) => r.risk)} / ${loss(rs, (r) => r.cv)} |`);
  }
  out.push("", "log-loss per dataset, before (the examples' own risk) → CV:");
  for (const d of [...new Set(rows.map((r) => `${r.dataset} (${r.kind})`))].sort()) {
    const rs = rows.filter((r) => `${r.dataset} (${r.kind})` === d);
    out.push(`  ${d.padEnd(34)} ${String(rs.length).padStart(5)} values  ${loss(rs, (r) => r.risk)} → ${loss(rs, (r) => r.cv)}`);
  }
  return out.join("\n");
}
