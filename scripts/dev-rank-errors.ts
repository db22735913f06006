/**
 * The learned ranking's out-of-fold misses as a table (development aid, reads saved groups):
 *   npx tsx scripts/dev-rank-errors.ts <groups.json>... [--field total] [--folds 5] [--l2 0.02] [--holdout REGEX] [--without a,b] [--with a,b]
 * Each document is ranked by the model fitted without its fold (the trainer's folds); for every miss
 * whose right value is among the candidates it prints the pick, the right candidate and the features
 * that decided between them (weight × standardised difference), so new features target real misses.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { DATE_FEATURES, TOTAL_FEATURES, VENDOR_FEATURES } from "../lib/engine/extract/rank";
import { fitRanker, pickBest } from "../lib/engine/extract/rank/model";
import { type Group, unlabelled } from "./train/rank";

const argv = process.argv.slice(2);
const arg = (n: string) => {
  const i = argv.indexOf(n);
  return i >= 0 ? argv[i + 1] : undefined;
};
const field = arg("--field") ?? "total";
const k = Number(arg("--folds") ?? 5);
const l2 = Number(arg("--l2") ?? 0.02);
const holdout = arg("--holdout") ? new RegExp(arg("--holdout")!) : undefined;
const without = arg("--without")?.split(",") ?? [];
const files = argv.filter((a, i) => !a.startsWith("--") && !(i > 0 && argv[i - 1]!.startsWith("--")));
type G = Group;
const read = files.flatMap((f) => JSON.parse(readFileSync(f, "utf8")) as G[]).filter((g) => g.field === field);
const groups = [...read, ...unlabelled(read)];
const base = field === "total" ? TOTAL_FEATURES : field === "vendor" ? VENDOR_FEATURES : DATE_FEATURES;
const features = [...base, ...(arg("--with")?.split(",") ?? [])].filter((f) => !without.includes(f));
const foldOf = (doc: string) => Number.parseInt(createHash("sha1").update(doc).digest("hex").slice(0, 8), 16) % k;
const held = (g: G) => !!holdout?.test(g.dataset.replace(/~nolabels$/, ""));
const mine = groups.filter((g) => !held(g));
const right = new Map<string, boolean>();
const rows: string[] = [];
const perSet = new Map<string, { n: number; ok: number; reach: number }>();
const score = (g: G, r: ReturnType<typeof fitRanker>) => {
  const b = pickBest(r, g.candidates);
  const ok = !!b && !!g.correct[b.index];
  right.set(`${g.dataset}|${g.doc}`, ok);
  const s = perSet.get(g.dataset) ?? { n: 0, ok: 0, reach: 0 };
  s.n++;
  if (ok) s.ok++;
  if (g.correct.some(Boolean)) s.reach++;
  perSet.set(g.dataset, s);
  if (ok || !b || !g.correct.some(Boolean)) return;
  const ri = g.correct.findIndex(Boolean);
  const [p, q] = [g.candidates[b.index]!, g.candidates[ri]!];
  const why = r.features
    .map((f, i) => ({ f, d: (r.weights[i] ?? 0) * (((q[f] ?? 0) - (p[f] ?? 0)) / (r.std[i] || 1)) }))
    .filter((x) => Math.abs(x.d) > 0.15)
    .sort((a, b2) => a.d - b2.d)
    .map((x) => `${x.f}${x.d > 0 ? "+" : ""}${x.d.toFixed(1)}`);
  rows.push(
    `${(g.dataset.endsWith("~nolabels") ? `${g.doc}~nolab` : g.doc).padEnd(44)} pick ${String(g.texts?.[b.index] ?? b.index).padEnd(10)} right ${String(g.texts?.[ri] ?? ri).padEnd(10)} ${why.join(" ")}`,
  );
};
for (let f = 0; f < k; f++) {
  const r = fitRanker(
    mine.filter((g) => foldOf(g.doc) !== f),
    features,
    { l2 },
  );
  for (const g of mine.filter((x) => foldOf(x.doc) === f)) score(g, r);
}
const all = fitRanker(mine, features, { l2 });
for (const g of groups.filter(held)) score(g, all);
console.log(rows.sort().join("\n"));
for (const [s, v] of [...perSet].sort())
  console.log(
    `${s.padEnd(32)} n ${v.n}  ${held({ dataset: s } as G) ? "held-out" : "cv"} ${((100 * v.ok) / v.n).toFixed(1)}%  reachable ${((100 * v.reach) / v.n).toFixed(1)}%`,
  );
