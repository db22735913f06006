/**
 * Fit the vendor-line fusion offline: `npx tsx scripts/dev-vendor-fuse.ts readings.jsonl… [--folds 5]`
 * reads the bench's `--vendor-readings` files (each vendor re-read with the document's truth), combines
 * the two readings under a grid of FuseParams and prints how often the first reading, the second and
 * the fused one equal the truth (folded as the bench's normalized rule). With --folds K the params are
 * chosen on K−1 folds (by document) and scored on the K-th: the out-of-fold figure.
 */
import { readFileSync } from "node:fs";
import { DEFAULT_FUSE, type FuseParams, fuseLine } from "../lib/engine/cross-read/fuse-line";
import { COMPANY_VOCAB } from "../lib/engine/cross-read/vendor";

interface Row {
  doc: string;
  truth?: { value: string; contains?: boolean };
  first: string;
  second: string;
  detail: { words: { text: string; confs: number[] }[][]; chars: { text: string; conf: number }[][] };
}
const fold = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s.,:;'"()\-_/]+/gu, "");
const args = process.argv.slice(2);
const k = args.includes("--folds") ? Number(args[args.indexOf("--folds") + 1]) : 0;
const rows: Row[] = args
  .filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--folds")
  .flatMap((f) =>
    readFileSync(f, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Row),
  )
  .filter((r) => r.truth);
const right = (text: string, r: Row) => (r.truth!.contains ? fold(text).includes(fold(r.truth!.value)) : fold(text) === fold(r.truth!.value));
// The truth is the name; the line may hold more (a registration number): score containment of the truth and equality both.
const fused = (r: Row, p: FuseParams, vocab = COMPANY_VOCAB) =>
  r.detail.words.map((ws, li) => fuseLine(ws, r.detail.chars[li] ?? [], vocab, p).words.join(" ")).join(" ");
const score = (rs: Row[], p: FuseParams, vocab = COMPANY_VOCAB) => rs.filter((r) => right(fused(r, p, vocab), r)).length;
console.log(`rows ${rows.length}: first right ${rows.filter((r) => right(r.first, r)).length}, second right ${rows.filter((r) => right(r.second, r)).length}`);
console.log(`fused (default ${JSON.stringify(DEFAULT_FUSE)}): ${score(rows, DEFAULT_FUSE)}; without vocabulary: ${score(rows, DEFAULT_FUSE, new Set())}`);
const grid: FuseParams[] = [];
for (const minSecond of [0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.01])
  for (const margin of [-1, -0.2, 0, 0.2])
    for (const dropBelow of [0, 0.7, 0.9, 1.01]) for (const wordFloor of [0, 0.3, 0.5, 0.7]) grid.push({ minSecond, margin, dropBelow, wordFloor });
const best = (rs: Row[]) => grid.reduce((b, p) => (score(rs, p) > score(rs, b) ? p : b), grid[0]!);
const top = grid
  .map((p) => ({ p, n: score(rows, p) }))
  .sort((a, b) => b.n - a.n)
  .slice(0, 8);
console.log("tuned-on, best params:", top.map((t) => `${JSON.stringify(t.p)} ${t.n}`).join("\n  "));
if (k > 1) {
  const docs = [...new Set(rows.map((r) => r.doc))];
  let n = 0;
  for (let f = 0; f < k; f++) {
    const test = new Set(docs.filter((_, i) => i % k === f));
    const p = best(rows.filter((r) => !test.has(r.doc)));
    n += score(
      rows.filter((r) => test.has(r.doc)),
      p,
    );
  }
  console.log(`out of fold (${k} folds): ${n} / ${rows.length}`);
}
for (const r of rows) {
  const f = fused(r, DEFAULT_FUSE);
  if (process.argv.includes("--confs") && f !== r.first.replace(/\n/g, " "))
    console.log(
      JSON.stringify(r.detail.words.map((l) => l.map((w) => [w.text, w.confs.map((c) => Math.round(c * 100))]))),
      JSON.stringify(r.detail.chars.map((l) => l.map((c) => [c.text, Math.round(c.conf * 100)]))),
    );
  if (f !== r.first.replace(/\n/g, " ") || !right(f, r))
    console.log(
      `${right(r.first, r) ? "+" : "-"}${right(f, r) ? "+" : "-"} ${r.doc}: ${JSON.stringify(r.truth!.value)} | ${JSON.stringify(r.first)} | ${JSON.stringify(r.second)} → ${JSON.stringify(f)}`,
    );
}
if (args.includes("--vocab-diff"))
  for (const r of rows) {
    const [a, b] = [fused(r, DEFAULT_FUSE), fused(r, DEFAULT_FUSE, new Set())];
    if (a !== b)
      console.log(
        `vocab ${right(a, r) ? "+" : "-"} / none ${right(b, r) ? "+" : "-"} ${r.doc}: ${JSON.stringify(r.truth!.value)} | ${JSON.stringify(a)} | ${JSON.stringify(b)} | second ${JSON.stringify(r.second)}`,
      );
  }
