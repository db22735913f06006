/**
 * The vendor's error table (development): `npx tsx scripts/dev-vendor-errors.ts <dataset dir> --ocr-cache DIR
 * [--rank-folds PREFIX:K] [--filter REGEX] [--verbose]`. Runs the engine over the documents whose pages the
 * OCR cache holds (never OCRs a page: the others are skipped) and sorts every vendor miss into a cause:
 *   letters  the right line and extent, letters misread ("SDN 8HD");
 *   extent   the right line, the name cut short or joined to more (a branch line, a second line of the name);
 *   line     a candidate gives the name, another one was picked;
 *   none     no candidate gives the name though the page's text holds it;
 *   illegible the page's text does not hold the name (≤ 30 % of its letter pairs off).
 * With --rank-folds each document is extracted by the ranker fitted without its fold (out of fold).
 */
import { readFileSync } from "node:fs";
import { createEngine } from "../lib/engine";
import type { Ranked, RankModel } from "../lib/engine/extract/rank";
import { createRulesExtractor } from "../lib/engine/extract/rules";
import { decodeImage } from "../lib/engine/image";
import { isArrayValue } from "../lib/engine/types";
import { cachedOcr } from "./bench/ocr-cache";
import { foldOf } from "./bench/risk-report";
import { fold, normEq } from "./bench/score";
import { discover } from "./bench/truth";

const arg = (n: string) => {
  const i = process.argv.indexOf(n);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dir = process.argv[2];
const cacheDir = arg("--ocr-cache");
if (!dir || !cacheDir) throw new Error("usage: npx tsx scripts/dev-vendor-errors.ts <dataset dir> --ocr-cache DIR [--rank-folds PREFIX:K]");
const filter = arg("--filter") ? new RegExp(arg("--filter")!) : undefined;
const verbose = process.argv.includes("--verbose");

const key = (s: string) => s.toUpperCase().replace(/[^\p{L}\p{N}]/gu, "");
const pairs = (x: string) => Array.from({ length: Math.max(0, x.length - 1) }, (_, i) => x.slice(i, i + 2));
/** Dice similarity of two keys by their letter pairs. */
function dice(a: string, b: string): number {
  const rest = pairs(b);
  let common = 0;
  for (const p of pairs(a)) {
    const i = rest.indexOf(p);
    if (i >= 0) {
      common++;
      rest.splice(i, 1);
    }
  }
  return (2 * common) / Math.max(1, pairs(a).length + pairs(b).length);
}
/** The same name, letters misread at most (about the same length, most letter pairs shared). */
const sameName = (a: string, b: string) => {
  const [x, y] = [key(a), key(b)];
  return !!x && !!y && Math.abs(x.length - y.length) <= Math.max(2, 0.12 * y.length) && dice(x, y) >= 0.6;
};
/** The same line as the name: one holds most of the other. */
const overlaps = (a: string, b: string) => {
  const [x, y] = [key(a), key(b)];
  if (!x || !y) return false;
  if (x.includes(y) || y.includes(x)) return true;
  return dice(x, y) >= 0.45;
};
/** The best fuzzy occurrence of the name in the page text (letter-pair share of a window of the text). */
function legible(text: string, name: string): boolean {
  const t = key(text);
  const n = key(name);
  for (let i = 0; i + n.length <= t.length + 2; i += 2) if (dice(t.slice(i, i + n.length), n) >= 0.7) return true;
  return false;
}

const rankFolds = arg("--rank-folds");
// Pages are only read from the cache (a page it lacks skips the document); a second reader's crop the
// cache lacks (a changed vendor region) is read and kept.
const cachedPages = cachedOcr(
  cacheDir,
  async () => {
    throw new Error("not cached");
  },
  { reuse: true },
);
const cached = cachedOcr(cacheDir, async () => (await import("../lib/engine/ocr")).createOcrEngine(), { reuse: true });
let lastCands: Ranked[] = [];
let lastPick: { page: number; wordIds: string[] } | undefined;
const onCandidates = (field: string, cands: Ranked[]) => {
  if (field === "vendor") lastCands = cands;
};
let rereads: string[] = [];
const engineFor = (rank?: RankModel) =>
  createEngine({
    forceOcr: true,
    explain: true,
    ocr: cached,
    onVendorReread: (r) => rereads.push(`${r.first} | ${r.second} | ${r.fused}`.replace(/\n/g, " / ")),
    extractor: createRulesExtractor({ ...(rank ? { rank } : {}), onCandidates }),
  });
const folds = rankFolds
  ? (() => {
      const [prefix, k = "5"] = rankFolds.split(":");
      return Array.from({ length: Number(k) }, (_, f) => engineFor(JSON.parse(readFileSync(`${prefix}-${f}.json`, "utf8")) as RankModel));
    })()
  : undefined;
const engine = engineFor();

const counts: Record<string, number> = {};
let docsN = 0;
let right = 0;
for (const [, docs] of discover(dir)) {
  for (const doc of docs) {
    if (filter && !filter.test(doc.id)) continue;
    const truth = doc.fields.vendor;
    if (!truth || doc.images.length === 0) continue;
    // only documents whose pages are cached
    let pageText = "";
    try {
      for (const [index, f] of doc.images.entries()) {
        const p = await cachedPages.recognize(await decodeImage(readFileSync(f)), { index });
        pageText += p.words
          .filter((w) => w.box.y0 < 450)
          .map((w) => w.text)
          .join(" ");
      }
    } catch {
      continue;
    }
    lastCands = [];
    rereads = [];
    lastPick = undefined;
    let res: Awaited<ReturnType<typeof engine.processDocument>>;
    try {
      res = await (folds ? folds[foldOf(doc.id, folds.length)]! : engine).processDocument({
        pages: doc.images.map((f) => ({ image: readFileSync(f) })),
        templateId: doc.templateId,
      });
    } catch (e) {
      console.log(`${doc.id}\tfailed ${(e as Error).message}`);
      continue;
    }
    docsN++;
    const v = res.data.vendor;
    const pred = v && !isArrayValue(v) ? v : undefined;
    const text = pred?.value ?? "";
    if (pred && normEq(pred, truth, "string", doc.verbatim)) {
      right++;
      continue;
    }
    void lastPick;
    const want = truth.value;
    const cause = !pred
      ? legible(pageText, want)
        ? lastCands.some((c) => sameName(c.text, want))
          ? "line"
          : "none"
        : "illegible"
      : sameName(text, want)
        ? "letters"
        : overlaps(text, want)
          ? "extent"
          : lastCands.some((c) => sameName(c.text, want) || fold(c.text) === fold(want))
            ? "line"
            : legible(pageText, want)
              ? "none"
              : "illegible";
    counts[cause] = (counts[cause] ?? 0) + 1;
    const risk = pred?.risk !== undefined ? ` risk ${pred.risk.toFixed(3)}` : "";
    console.log(`${doc.id}\t${cause.padEnd(9)}\ttruth "${want}"\tgot "${text}"${risk}`);
    if (verbose) {
      for (const r of rereads) console.log(`\t\tre-read: ${r}`);
      for (const c of lastCands.slice(0, 12)) console.log(`\t\t· ${c.text}`);
    }
  }
}
console.log(`\n${docsN} documents with cached pages, vendor right (normalized) ${right} = ${((100 * right) / Math.max(1, docsN)).toFixed(1)} %`);
for (const [c, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) console.log(`  ${c.padEnd(10)} ${n}`);
console.log(`cross reads: ${cached.crossHits} from the cache, ${cached.crossMisses} read`);
await engine.close();
for (const e of folds ?? []) await e.close();
