/**
 * `npm run train -- rank <dataset dir>... [--ocr-cache DIR] [--folds K] [--l2 X] [--out FILE] [--save-groups FILE] [--fields a,b] [--holdout REGEX] [--textlayer] [--fold-models PREFIX] [--limit N] [--without a,b]`:
 * refit the learned ranking of candidate values (lib/engine/extract/rank/weights.json).
 * Pages come from the PDF text layer where a document has one, and from the OCR cache
 * (`npm run bench -- <dir> --ocr-cache DIR` fills it) for images; documents whose pages are
 * not cached are skipped, so training never OCRs. Prints K-fold cross-validated top-1
 * accuracy (fit on K−1 folds of the documents, measured on the rest) beside the tuned-on
 * figure and the hand-set rules' pick on the same documents.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { analyzePage } from "../../lib/engine/layout/rows";
import { extractFromLayouts } from "../../lib/engine/extract/rules";
import { fitRanker, pickBest, type RankGroup, type RankModel } from "../../lib/engine/extract/rank/model";
import { DATE_FEATURES, TOTAL_FEATURES, VENDOR_FEATURES } from "../../lib/engine/extract/rank";
import { parseDate } from "../../lib/engine/parse/date";
import { decodeImage } from "../../lib/engine/image";
import { pageFromTextLayer } from "../../lib/engine/ocr/textlayer";
import { parseAmount } from "../../lib/engine/parse/amount";
import { rasterizePdf } from "../../lib/engine/pdf";
import { resolveFields } from "../../lib/engine";
import type { OcrPage } from "../../lib/engine/types";
import { cachedOcr } from "../bench/ocr-cache";
import { foldOf as riskFold } from "../bench/risk-report";
import { fold } from "../bench/score";
import { discover, type TruthDoc } from "../bench/truth";

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** A group with its field, the dataset it came from and whether the rules' own pick was right. */
export interface Group extends RankGroup {
  field: string;
  dataset: string;
  rulesRight: boolean;
  /** each candidate's printed text (error tables; not fitted on). */
  texts?: string[];
}

const key = (s: string) => s.toUpperCase().replace(/[^\p{L}\p{N}]/gu, "");
/** A vendor line is right when it is (most of) the truth name, or the truth name is most of it. */
function vendorRight(text: string, truth: string): boolean {
  const [a, b] = [key(text), key(truth)];
  if (!a || !b) return false;
  if ((b.includes(a) && a.length >= 0.4 * b.length) || (a.includes(b) && b.length >= 0.6 * a.length)) return true;
  // OCR misreads a letter or two ("SDN 8HD"): the same line by its character pairs.
  const pairs = (x: string) => Array.from({ length: Math.max(0, x.length - 1) }, (_, i) => x.slice(i, i + 2));
  const [pa, pb] = [pairs(a), pairs(b)];
  const rest = [...pb];
  let common = 0;
  for (const p of pa) {
    const i = rest.indexOf(p);
    if (i >= 0) {
      common++;
      rest.splice(i, 1);
    }
  }
  return (2 * common) / Math.max(1, pa.length + pb.length) >= 0.7;
}

let ocrDocs = 0;
/** `--textlayer`: every document from its PDF text layer (dataset named "… (text layer)"). */
let textLayerOnly = false;

/** The date fields whose ranking is learned (their truth is compared as ISO dates). */
const DATE_FIELDS = ["issue_date", "due_date"];
const datesOf = (t: string) =>
  new Set([parseDate(t), parseDate(t, "dmy"), parseDate(t, "mdy"), /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : undefined].filter((x): x is string => !!x));

async function pagesOf(doc: TruthDoc, ocr: ReturnType<typeof cachedOcr>): Promise<OcrPage[] | undefined> {
  const fromText = async () => {
    if (!doc.pdf) return undefined;
    const raster = await rasterizePdf(new Uint8Array(readFileSync(doc.pdf)), { dpi: 36 });
    const pages = raster.map((p, i) => pageFromTextLayer(p.textLayer, i)).filter((p): p is OcrPage => p !== null);
    return pages.length ? pages : undefined;
  };
  if (textLayerOnly) return fromText();
  // OCR'd pages when the cache has them, else the PDF's text layer.
  const out: OcrPage[] = [];
  for (const [index, f] of doc.images.entries()) {
    try {
      const img = await decodeImage(readFileSync(f));
      out.push({ ...(await ocr.recognize(img, { index })), index });
    } catch {
      return fromText();
    }
  }
  if (out.length) ocrDocs++;
  return out.length ? out : fromText();
}

/** The total-ranking groups of every document with a total in its truth. */
export async function collectGroups(dirs: string[], cacheDir: string, limit?: number): Promise<Group[]> {
  const ocr = cachedOcr(
    cacheDir,
    async () => {
      throw new Error("not cached");
    },
    { reuse: true },
  );
  const groups: Group[] = [];
  for (const dir of dirs) {
    for (const [name, docs] of discover(dir)) {
      const dataset = textLayerOnly ? `${name} (text layer)` : name;
      let skipped = 0;
      // --limit N: the first N documents of each dataset (a quick run of a pipeline's plumbing).
      for (const doc of limit ? docs.slice(0, limit) : docs) {
        const truth = doc.fields.total;
        const want = truth?.numeric ?? (truth ? parseAmount(truth.value) : undefined);
        const vendor = doc.fields.vendor?.value;
        // A date is right when its ISO date is one the truth reads as (day- or month-first when the print is ambiguous).
        const dateTruth = Object.fromEntries(
          DATE_FIELDS.map((f) => [f, doc.fields[f]?.value])
            .filter((e): e is [string, string] => !!e[1])
            .map(([f, t]) => [f, datesOf(t)]),
        );
        if (want === undefined && !vendor && Object.keys(dateTruth).length === 0) continue;
        const pages = await pagesOf(doc, ocr);
        if (!pages) {
          skipped++;
          continue;
        }
        const fields = resolveFields({ templateId: doc.templateId });
        extractFromLayouts(pages.map(analyzePage), fields, {
          rank: null,
          onCandidates: (field, cands, pick) => {
            const right = (c: (typeof cands)[number]) =>
              field === "total"
                ? want !== undefined && c.value !== undefined && Math.abs(c.value - want) < 0.005
                : field === "vendor"
                  ? !!vendor && (doc.fields.vendor?.contains ? key(c.text).includes(key(vendor)) : vendorRight(c.text, vendor))
                  : !!c.iso && !!dateTruth[field]?.has(c.iso);
            if ((field === "total" && want === undefined) || (field === "vendor" && !vendor)) return;
            if (field !== "total" && field !== "vendor" && !dateTruth[field]) return;
            let correct = cands.map(right);
            // A vendor whose whole name one candidate gives (its extent, normalized as the bench compares) is that
            // candidate's: a line holding only part of the name, or the name and more, is then no right answer.
            if (field === "vendor" && vendor && !doc.fields.vendor?.contains) {
              const whole = cands.map((c) => fold(c.text) === fold(vendor));
              if (whole.some(Boolean)) correct = whole;
            }
            const rulesRight = !!pick && cands.some((c, i) => correct[i] && c.page === pick.page && c.wordIds.some((id) => pick.wordIds.includes(id)));
            groups.push({
              field,
              doc: `${dataset}/${doc.id}`,
              dataset,
              candidates: cands.map((c) => c.features),
              correct,
              rulesRight,
              texts: cands.map((c) => c.text),
            });
          },
        });
      }
      console.log(`train rank: ${dataset}: ${docs.length} documents, ${ocrDocs} from cached OCR${skipped ? `, ${skipped} without cached OCR skipped` : ""}`);
      ocrDocs = 0;
    }
  }
  return groups;
}

/** Features that exist only when a label of the lexicon was read. */
const LABEL_FEATURES = [
  "lab_total",
  "lab_sub",
  "lab_tax",
  "lab_cash",
  "lab_change",
  "lab_paid",
  "lab_other",
  "rules",
  "eq_paid",
  "eq_card",
  "eq_subtax",
  "below_change",
];

/** Per ranked field, the features that need a word of the lexicon (zeroed in the "~nolabels" copies). */
const LABELLED: Record<string, string[]> = {
  total: LABEL_FEATURES,
  ...Object.fromEntries(DATE_FIELDS.map((f) => [f, ["lab_date", "lab_other", "rules", "other_word", "titled", "named_month"]])),
};

/**
 * Each document again as if its labels were in a language the lexicon lacks: every feature
 * that needs a recognised label is zeroed. Fitting on both teaches the structural features
 * their own weight, and the "~nolabels" rows measure language independence by CV.
 */
export function unlabelled<G extends Group>(groups: G[]): G[] {
  return groups
    .filter((x) => x.field in LABELLED && !x.dataset.endsWith("~nolabels"))
    .map((g) => {
      const candidates = g.candidates.map((c) => ({ ...c, ...Object.fromEntries((LABELLED[g.field] ?? []).map((f) => [f, 0])) }));
      return { ...g, dataset: `${g.dataset}~nolabels`, candidates, rulesRight: false };
    });
}

const foldOf = (doc: string, k: number) => Number.parseInt(createHash("sha1").update(doc).digest("hex").slice(0, 8), 16) % k;

/** Top-1 accuracy of a ranker over groups (a group without a right candidate counts as a miss). */
function top1(r: ReturnType<typeof fitRanker>, groups: Group[]): number {
  let ok = 0;
  for (const g of groups) {
    const b = pickBest(r, g.candidates);
    if (b && g.correct[b.index]) ok++;
  }
  return ok;
}

export async function trainRank(argv: string[]) {
  const dirs = argv.filter((a, i) => !a.startsWith("--") && !(i > 0 && argv[i - 1]!.startsWith("--")));
  if (dirs.length === 0) throw new Error("usage: npm run train -- rank <dataset dir>... [--ocr-cache DIR] [--folds K] [--l2 X] [--out FILE]");
  const cache = arg(argv, "--ocr-cache") ?? ".scratch/ocr-cache";
  textLayerOnly = argv.includes("--textlayer");
  const k = Number(arg(argv, "--folds") ?? 5);
  const l2 = Number(arg(argv, "--l2") ?? 0.05);
  // A saved groups file (--save-groups) stands in for its folders: refits without re-reading pages.
  const groups: Group[] = [];
  for (const d of dirs) if (d.endsWith(".json")) groups.push(...(JSON.parse(readFileSync(d, "utf8")) as Group[]));
  groups.push(
    ...(await collectGroups(
      dirs.filter((d) => !d.endsWith(".json")),
      cache,
      arg(argv, "--limit") ? Number(arg(argv, "--limit")) : undefined,
    )),
  );
  const save = arg(argv, "--save-groups");
  if (save) writeFileSync(save, JSON.stringify(groups));
  if (!argv.includes("--no-unlabelled")) groups.push(...unlabelled(groups));
  // --without a,b: leave features out (an ablation, or the ranking as it was before they existed).
  const without = arg(argv, "--without")?.split(",") ?? [];
  const kept = (fs: readonly string[]) => fs.filter((f) => !without.includes(f));
  const only = arg(argv, "--fields")?.split(",");
  const holdout = arg(argv, "--holdout") ? new RegExp(arg(argv, "--holdout")!) : undefined;
  const out = arg(argv, "--out") ?? "lib/engine/extract/rank/weights.json";
  // --fields a,b: refit only these rankers; the others (and their CV report) stay as in the current file.
  const current = only && existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as RankModel) : undefined;
  const fitted: RankModel["fields"] = { ...(current?.fields ?? {}) };
  const report: Record<string, unknown> = { ...((current?.fitted?.cv as Record<string, unknown> | undefined) ?? {}), folds: k };
  const pct = (a: number, n: number) => Math.round((1000 * a) / Math.max(1, n)) / 10;
  for (const [field, features] of [["total", TOTAL_FEATURES], ["vendor", VENDOR_FEATURES], ...DATE_FIELDS.map((f) => [f, DATE_FEATURES] as const)] as const) {
    if (only && !only.includes(field)) continue;
    // --holdout REGEX: datasets that are never fitted on, only scored by the model fitted on the rest.
    const held = (g: Group) => !!holdout?.test(g.dataset.replace(/~nolabels$/, ""));
    const everything = groups.filter((g) => g.field === field);
    const mine = everything.filter((g) => !held(g));
    if (mine.length === 0) continue;
    const sets = [...new Set(everything.map((g) => g.dataset))];
    const heldOutRight = new Map<string, boolean>();
    for (let f = 0; f < k; f++) {
      const r = fitRanker(
        mine.filter((g) => foldOf(g.doc, k) !== f),
        kept(features),
        { l2 },
      );
      for (const g of mine.filter((x) => foldOf(x.doc, k) === f)) {
        const b = pickBest(r, g.candidates);
        heldOutRight.set(`${g.dataset}|${g.doc}`, !!b && !!g.correct[b.index]);
      }
    }
    const all = fitRanker(mine, kept(features), { l2 });
    fitted[field] = all;
    const rows: Record<string, unknown> = {};
    console.log(`\n${field}: top-1 accuracy per dataset (${k}-fold CV by document; tuned-on = fitted and measured on all; rules = hand-set scores)`);
    for (const s of [...sets, "all"]) {
      const gs = (s === "all" ? mine : everything).filter((g) => s === "all" || g.dataset === s);
      const out = gs.length > 0 && gs.every(held);
      const row = {
        documents: gs.length,
        rules: pct(gs.filter((g) => g.rulesRight).length, gs.length),
        // a held-out dataset's "cv" is the model fitted on every other dataset: it never saw these documents
        cv: out ? pct(top1(all, gs), gs.length) : pct(gs.filter((g) => heldOutRight.get(`${g.dataset}|${g.doc}`)).length, gs.length),
        tunedOn: pct(top1(all, gs), gs.length),
        reachable: pct(gs.filter((g) => g.correct.some(Boolean)).length, gs.length),
      };
      rows[s] = row;
      console.log(
        `  ${s.padEnd(22)} docs ${String(row.documents).padStart(4)}  rules ${row.rules.toFixed(1)}%  ${out ? "held-out" : "cv"} ${row.cv.toFixed(1)}%  tuned-on ${out ? "–" : `${row.tunedOn.toFixed(1)}%`}  (right among candidates ${row.reachable.toFixed(1)}%)`,
      );
    }
    report[field] = rows;
    for (const [i, f] of all.features.entries()) console.log(`    ${f.padEnd(16)} ${all.weights[i]!.toFixed(3)}`);
  }
  // --fold-models PREFIX: K rankers, PREFIX-F.json fitted without the documents of fold F (folds of the risk
  // CV, by document id, so a page, its photo and its text layer share one). The bench's --rank-folds reads
  // them to write risk examples from picks made without the document (an honest calibration for unseen ones).
  const foldPrefix = arg(argv, "--fold-models");
  if (foldPrefix) {
    const base = (doc: string) => (doc.split("/").pop() ?? doc).replace(/\.photo$/, "");
    for (let f = 0; f < k; f++) {
      const fields: RankModel["fields"] = { ...(current?.fields ?? {}) };
      for (const [field, features] of [
        ["total", TOTAL_FEATURES],
        ["vendor", VENDOR_FEATURES],
        ...DATE_FIELDS.map((d) => [d, DATE_FEATURES] as const),
      ] as const) {
        if (only && !only.includes(field)) continue;
        const held = (g: Group) => !!holdout?.test(g.dataset.replace(/~nolabels$/, ""));
        const train = groups.filter((g) => g.field === field && !held(g) && riskFold(base(g.doc), k) !== f);
        if (train.length) fields[field] = fitRanker(train, kept(features), { l2 });
      }
      writeFileSync(`${foldPrefix}-${f}.json`, `${JSON.stringify({ version: 1, fields } satisfies RankModel)}\n`);
    }
    console.log(`wrote ${k} fold rankers ${foldPrefix}-0..${k - 1}.json`);
  }
  const model: RankModel = {
    version: 1,
    fields: fitted,
    fitted: {
      documents: new Set(groups.map((g) => g.doc)).size,
      candidates: groups.reduce((s, g) => s + g.candidates.length, 0),
      at: new Date().toISOString().slice(0, 10),
      sources: [...new Set(groups.map((g) => g.dataset))],
      cv: report,
    },
  };
  writeFileSync(out, `${JSON.stringify(model, null, 1)}\n`);
  console.log(`\nwrote ${out}`);
}
