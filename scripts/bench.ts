/**
 * The engine's scoreboard: `npm run bench -- <dataset dir> [--json out.json] [--limit N]
 * [--mode image|textlayer] [--no-baseline] [--oracle] [--errors] [--filter REGEX] [--dataset REGEX]
 * [--ocr-cache DIR [--ocr-cache-reuse] [--ocr-cache-only]] [--memory N [--memory-teach all|corrections]] [--rank-folds PREFIX:K] [--cross-read] [--no-vendor-reread] [--vendor-readings FILE]`. --cross-read: every OCR'd value read again by the second reader (cross-read/). --no-vendor-reread: the vendor's line is not read again (cross-read/vendor.ts); --vendor-readings FILE: each vendor re-read with the truth, as JSON lines (scripts/dev-vendor-fuse.ts). --memory N: the supplier-memory replay (bench/memory.ts); its reviewer corrects the wrong values and confirms the right ones, as the app's "mark reviewed" does (--memory-teach all, the default), or only corrects (--memory-teach corrections); memory is found from the first reading as the app finds it (--memory-from-start: given from the start, steering the re-reads); --memory-pool: the selected datasets replayed as one space (a supplier in sroie and sroie-extra is one sequence; their OCR caches merged into one folder, e.g. with `cp -al`). With --ocr-cache, OCR results are kept in DIR (see bench/ocr-cache.ts). Runs the engine and, on the same pages in the
 * same run, a plain-Tesseract label-proximity baseline; prints per dataset and per field
 * accuracy, line-item cells, box IoU, match_ratio calibration, straight-through rate,
 * latency, cold start and peak RSS; `--json` writes the same for machines.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { createEngine, type PageInput, resolveFields } from "../lib/engine";
import type { VendorReread } from "../lib/engine/cross-read/vendor";
import { embeddedInvoiceXml } from "../lib/engine/einvoice/embedded";
import { decodeImage } from "../lib/engine/image";
import { pageFromTextLayer } from "../lib/engine/ocr/textlayer";
import { rasterizePdf } from "../lib/engine/pdf";
import { type BaselinePage, baselineExtract, createBaselineOcr, linesOfPage } from "./bench/baseline";
import { benchMemory, type MemoryExample } from "./bench/memory";
import { fitMemoryRisk } from "./bench/memory-risk";
import { cachedOcr } from "./bench/ocr-cache";
import { createOracleExtractor } from "./bench/oracle";
import { foldEngines } from "./bench/rank-folds";
import { printDataset, type Summary, summarize } from "./bench/report";
import { calibration, crossValidate, foldOf, inputKind, printRiskReport, type RiskRow, riskRows, summarizeRows } from "./bench/risk-report";
import { countEInvoice, newTally, scoreDoc } from "./bench/score";
import { discover, type TruthDoc } from "./bench/truth";
import { unseenLanguage } from "./bench/unseen";

interface Args {
  dir: string;
  json?: string;
  limit?: number;
  mode: "image" | "textlayer";
  baseline: boolean;
  /** measure the matcher alone: the extractor returns the truth text. */
  oracle: boolean;
  /** print every wrong value (ACCEPTED marks the ones that would pass unreviewed). */
  errors: boolean;
  /** only documents whose id matches. */
  filter?: RegExp;
  /** only datasets whose name matches (e.g. "photo$", "^synthetic-dev$"). */
  dataset?: RegExp;
  /** keep OCR pages in this folder and read them back on the next run. */
  ocrCache?: string;
  ocrCacheReuse?: boolean;
  /** never OCR: a document the cache lacks a page of fails and is left out (a run on a cache still being filled). */
  ocrCacheOnly?: boolean;
  /** K-fold cross-validation of the learned parts (the risk model) over every document of the run. */
  cv?: number;
  /** write every judged value with its risk features as JSON lines (`npm run train -- risk` reads them). */
  examples?: string;
  /** replay suppliers: the first N documents of each reviewed, the rest read with and without memory (bench/memory.ts). */
  memory?: number;
  /** read every OCR page as if in a language the lexicon lacks (bench/unseen.ts; needs --ocr-cache). */
  unseen?: boolean;
  /**
   * what the simulated reviewer teaches: the values it corrects and the ones it confirms ("all", the default: the app's
   * "mark reviewed" confirms every value it does not change), or only the values it corrects ("wrong": `--memory-teach corrections`).
   */
  memoryTeach?: "wrong" | "all";
  /** the selected datasets replayed as one space (`--memory-pool`): a supplier's documents in several folders are one sequence. */
  memoryPool?: boolean;
  /** memory given from the first reading on (it steers the second pass and the vendor re-read), not found from it as the app does. */
  memoryFromStart?: boolean;
  /** fit memory's risk adjustment on the replay's values and write lib/engine/memory/weights.json (bench/memory-risk.ts). */
  fitMemoryRisk?: boolean;
  /** replay examples files (written by --memory … --examples) to fit from instead of running the replay. */
  memoryExamples?: string[];
  /** fold rankers (`npm run train -- rank … --fold-models PREFIX`, "PREFIX:K"): each document is extracted by the
   * ranker fitted without its fold, so its risk examples are what an unseen document would give. */
  rankFolds?: string;
  /** read every OCR'd value again with the second reader (the cross-read stage, off in the engine by default). */
  crossRead?: boolean;
  /** false: the vendor's line is not read again (`--no-vendor-reread`; the engine's default reads it, cross-read/vendor.ts). */
  vendorReread?: boolean;
  /** write every vendor re-read with the document's truth as JSON lines (fitting the fusion offline). */
  vendorReadings?: string;
}

/** `--memory-teach all|corrections` ("wrong", the old name of "corrections", still read). */
function teachOf(v: string | undefined): "wrong" | "all" {
  if (v === "all") return "all";
  if (v === "corrections" || v === "wrong") return "wrong";
  console.error(`--memory-teach all|corrections (got ${JSON.stringify(v)})`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { dir: "", mode: "image", baseline: true, oracle: false, errors: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i]!;
    if (v === "--json") a.json = argv[++i];
    else if (v === "--limit") a.limit = Number(argv[++i]);
    else if (v === "--mode") a.mode = argv[++i] === "textlayer" ? "textlayer" : "image";
    else if (v === "--no-baseline") a.baseline = false;
    else if (v === "--oracle") a.oracle = true;
    else if (v === "--errors") a.errors = true;
    else if (v === "--filter") a.filter = new RegExp(argv[++i] ?? "");
    else if (v === "--dataset") a.dataset = new RegExp(argv[++i] ?? "");
    else if (v === "--ocr-cache") a.ocrCache = argv[++i];
    else if (v === "--ocr-cache-reuse") a.ocrCacheReuse = true;
    else if (v === "--ocr-cache-only") a.ocrCacheOnly = true;
    else if (v === "--cv") a.cv = Number(argv[++i]);
    else if (v === "--examples") a.examples = argv[++i];
    else if (v === "--rank-folds") a.rankFolds = argv[++i];
    else if (v === "--cross-read") a.crossRead = true;
    else if (v === "--no-vendor-reread") a.vendorReread = false;
    else if (v === "--vendor-readings") a.vendorReadings = argv[++i];
    else if (v === "--memory") a.memory = Number(argv[++i]);
    else if (v === "--unseen-language") a.unseen = true;
    else if (v === "--memory-teach") a.memoryTeach = teachOf(argv[++i]);
    else if (v === "--memory-from-start") a.memoryFromStart = true;
    else if (v === "--memory-pool") a.memoryPool = true;
    else if (v === "--fit-memory-risk") a.fitMemoryRisk = true;
    else if (v === "--memory-examples") a.memoryExamples = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (!v.startsWith("--")) a.dir = v;
  }
  if (a.unseen && !a.ocrCache) {
    console.error("--unseen-language needs --ocr-cache DIR");
    process.exit(2);
  }
  if (!a.dir) {
    console.error(
      "usage: npm run bench -- <dataset dir> [--json out.json] [--limit N] [--mode image|textlayer] [--no-baseline] [--oracle] [--errors] [--filter REGEX] [--dataset REGEX] [--ocr-cache DIR [--ocr-cache-only]] [--memory N [--memory-teach all|corrections]]",
    );
    process.exit(2);
  }
  return a;
}

/** Every judged value of the run with its risk and features (the risk report, `--cv`, `--examples`). */
const riskRowsOfRun: RiskRow[] = [];

const rssMb = () => process.resourceUsage().maxRSS / 1024;

/** The pages of a document as engine input (undefined: the mode does not apply). */
async function inputs(doc: TruthDoc, mode: Args["mode"]): Promise<PageInput[] | undefined> {
  if (mode === "textlayer") {
    if (!doc.pdf) return undefined;
    const pages = await rasterizePdf(readFileSync(doc.pdf));
    return pages.map((p) => ({ image: p.png, textLayer: p.textLayer }));
  }
  if (doc.images.length > 0) return doc.images.map((f) => ({ image: readFileSync(f) }));
  if (doc.pdf) return (await rasterizePdf(readFileSync(doc.pdf))).map((p) => ({ image: p.png }));
  return undefined;
}

/** The OCR behind the cache: the engine's, or with --ocr-cache-only none (a miss fails its document). */
async function ocrEngine(args: Args) {
  if (args.ocrCacheOnly) throw new Error("page not in the OCR cache (--ocr-cache-only)");
  return (await import("../lib/engine/ocr")).createOcrEngine();
}

async function runDataset(name: string, docs: TruthDoc[], args: Args) {
  const oracle = args.oracle ? createOracleExtractor() : undefined;
  const chosen = args.limit ? docs.slice(0, args.limit) : docs;
  // The engine runs over every document first and the baseline after it, so the engine's
  // peak RSS is its own (the baseline's tesseract never shares the process with it).
  const cached = args.ocrCache ? cachedOcr(args.ocrCache, () => ocrEngine(args), { reuse: args.ocrCacheReuse }) : undefined;
  const ocr = cached && args.unseen ? unseenLanguage(cached) : cached;
  let current: TruthDoc | undefined;
  const onVendorReread = args.vendorReadings
    ? (r: VendorReread) => appendFileSync(args.vendorReadings!, `${JSON.stringify({ doc: current?.id, truth: current?.fields.vendor, ...r })}\n`)
    : undefined;
  const cross = {
    ...(args.crossRead ? { crossRead: true } : {}),
    ...(args.vendorReread === false ? { vendorReread: false } : {}),
    ...(onVendorReread ? { onVendorReread } : {}),
  };
  const engine = createEngine({ forceOcr: args.mode === "image", explain: true, ...cross, ...(oracle ? { extractor: oracle } : {}), ...(ocr ? { ocr } : {}) });
  const folds =
    args.rankFolds && !oracle
      ? await foldEngines(args.rankFolds, { forceOcr: args.mode === "image", explain: true, ...cross, ...(ocr ? { ocr } : {}) })
      : undefined;
  const tally = newTally();
  let cold = 0;
  let n = 0;
  for (const doc of chosen) {
    const pages = await inputs(doc, args.mode);
    if (!pages) continue;
    const fields = resolveFields({ templateId: doc.templateId });
    if (oracle) oracle.doc = doc;
    current = doc;
    const t0 = performance.now();
    try {
      // A hybrid e-invoice PDF carries its XML: the engine reads the values from it.
      const xml = doc.pdf ? await embeddedInvoiceXml(readFileSync(doc.pdf)) : null;
      const res = await (folds ? folds[foldOf(doc.id, folds.length)]! : engine).processDocument({
        pages,
        templateId: doc.templateId,
        ...(xml ? { eInvoice: xml.xml } : {}),
      });
      const ms = performance.now() - t0;
      if (n === 0) cold = ms / pages.length;
      else for (let i = 0; i < pages.length; i++) tally.pageMs.push(ms / pages.length);
      tally.pages += pages.length;
      const before = tally.judged.length;
      scoreDoc(tally, doc, fields, res.data, res.issues);
      riskRowsOfRun.push(...riskRows(tally.judged.slice(before), doc, inputKind(doc, args.mode), res));
      countEInvoice(tally, res.data, res.issues);
    } catch (err) {
      console.error(`  ${doc.id}: engine failed: ${(err as Error).message}`);
      tally.pages += pages.length;
      scoreDoc(tally, doc, fields, {}, []);
    }
    n++;
  }
  await engine.close();
  if (ocr) console.log(`  ocr cache: ${ocr.hits} pages read from ${args.ocrCache}, ${ocr.misses} recognized`);
  if (cached && cached.crossHits + cached.crossMisses > 0)
    console.log(
      `  cross reads: ${cached.crossHits} pages from the cache, ${cached.crossMisses} read (${cached.crossMisses ? Math.round(cached.crossCpuMs / cached.crossMisses) : 0} ms CPU a page)`,
    );
  const engineRss = rssMb();

  const base = newTally();
  let baseCold = 0;
  if (args.baseline) {
    const baseOcr = await createBaselineOcr();
    let m = 0;
    for (const doc of chosen) {
      const pages = await inputs(doc, args.mode);
      if (!pages) continue;
      const fields = resolveFields({ templateId: doc.templateId });
      const b0 = performance.now();
      const bp: BaselinePage[] = [];
      for (const [i, p] of pages.entries()) {
        const tl = args.mode === "textlayer" && p.textLayer ? pageFromTextLayer(p.textLayer, i) : null;
        if (tl) bp.push(linesOfPage(tl));
        else {
          const img = await decodeImage(p.image!);
          bp.push(await baseOcr.recognize(img.png, img.width, img.height, i));
        }
      }
      const data = baselineExtract(bp, fields);
      const ms = performance.now() - b0;
      if (m === 0) baseCold = ms / pages.length;
      else for (let i = 0; i < pages.length; i++) base.pageMs.push(ms / pages.length);
      base.pages += pages.length;
      scoreDoc(base, doc, fields, data, []);
      m++;
    }
    await baseOcr.close();
  }
  if (args.errors) console.log(tally.errors.map((e) => `  ✗ ${e}`).join("\n"));
  const s = summarize(tally, { cold_start_ms: cold, peak_rss_mb: engineRss });
  // The baseline's own peak is not separable from the engine's in one process: reported as the process peak.
  const b = args.baseline ? summarize(base, { cold_start_ms: baseCold, peak_rss_mb: rssMb() }) : undefined;
  return { name, ...s, ...(b ? { baseline: b } : {}) } as Summary & { name: string; baseline?: Summary };
}

/** The risk report for machines: per kind and per kind × field, the calibration per type and kind. */
function riskJson(rows: RiskRow[], risk: (r: RiskRow) => number) {
  const kinds = [...new Set(rows.map((r) => r.kind))].sort();
  return {
    all: summarizeRows(rows, risk),
    kinds: Object.fromEntries(
      kinds.map((k) => {
        const rk = rows.filter((r) => r.kind === k);
        const fields = [...new Set(rk.map((r) => r.field))].sort();
        return [
          k,
          {
            ...summarizeRows(rk, risk),
            fields: Object.fromEntries(
              fields.map((f) => [
                f,
                summarizeRows(
                  rk.filter((r) => r.field === f),
                  risk,
                ),
              ]),
            ),
          },
        ];
      }),
    ),
    calibration: {
      all: calibration(rows, risk),
      types: Object.fromEntries(
        ["number", "date", "string"].map((t) => [
          t,
          calibration(
            rows.filter((r) => r.type === t),
            risk,
          ),
        ]),
      ),
      kinds: Object.fromEntries(
        kinds.map((k) => [
          k,
          calibration(
            rows.filter((r) => r.kind === k),
            risk,
          ),
        ]),
      ),
    },
  };
}

/** `--memory N`: the supplier-memory replay instead of the scoreboard (photos are the same documents again: skipped). */
async function runMemory(sets: Map<string, TruthDoc[]>, args: Args) {
  const ocr = args.ocrCache ? cachedOcr(args.ocrCache, () => ocrEngine(args), { reuse: args.ocrCacheReuse }) : undefined;
  const engine = createEngine({ forceOcr: args.mode === "image", explain: true, ...(ocr ? { ocr } : {}) });
  const json: Record<string, unknown> = {};
  const examples: MemoryExample[] = [];
  const chosen = [...sets].filter(([name]) => !(args.dataset && !args.dataset.test(name)) && !name.endsWith("/photo"));
  // One space holds every folder's suppliers: SROIE-50's receipts of a chain come before SROIE-extra's in id order.
  const replays = args.memoryPool && chosen.length > 1 ? [[chosen.map(([n]) => n).join(" + "), chosen.flatMap(([, d]) => d)] as const] : chosen;
  for (const [name, all] of replays) {
    const docs = args.filter ? all.filter((d) => args.filter!.test(d.id)) : all;
    json[name] = await benchMemory(
      name,
      docs,
      args.memory!,
      (d) => resolveFields({ templateId: d.templateId }),
      async (doc, memory) => {
        const pages = await inputs(doc, args.mode);
        if (!pages) return undefined;
        try {
          // As the job handler gives it (lib/jobs/extract-document.ts): found from the first reading, so the document is read
          // again with it on the same OCR, after the second pass and the vendor re-read. Given as data, memory would steer
          // those re-reads from the start: other crops than the app OCRs (and than the cache holds: failed replays).
          const given = memory && (args.memoryFromStart ? memory : async () => memory);
          return await engine.processDocument({ pages, templateId: doc.templateId, ...(given ? { memory: given } : {}) });
        } catch (err) {
          console.error(`  ${doc.id}: engine failed: ${(err as Error).message}`);
          return undefined;
        }
      },
      { verbose: args.errors, teach: args.memoryTeach ?? "all", examples },
    );
  }
  await engine.close();
  if (ocr) console.log(`  ocr cache: ${ocr.hits} pages read from ${args.ocrCache}, ${ocr.misses} recognized`);
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ mode: args.mode, memory: args.memory, datasets: json }, null, 2)}\n`);
  fitMemoryRisk(examples, { write: args.fitMemoryRisk === true });
  // Values read with memory, with their features (memory_* signals included): training rows for the risk model.
  if (args.examples) writeFileSync(args.examples, examples.map((r) => JSON.stringify(r)).join("\n") + (examples.length ? "\n" : ""));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.memoryExamples) {
    const rows = args.memoryExamples.flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as MemoryExample),
    );
    fitMemoryRisk(rows, { write: args.fitMemoryRisk === true });
    return;
  }
  const sets = discover(args.dir);
  if (args.memory !== undefined) return runMemory(sets, args);
  const results = [];
  console.log(`bench: ${args.dir} · mode ${args.mode}${args.limit ? ` · limit ${args.limit} per dataset` : ""} · node ${process.version}`);
  for (const [name, all] of sets) {
    if (args.dataset && !args.dataset.test(name)) continue;
    const docs = args.filter ? all.filter((d) => args.filter!.test(d.id)) : all;
    const r = await runDataset(name, docs, args);
    if (r.documents === 0) {
      console.log(`\n=== ${name}: skipped (no input for mode ${args.mode}) ===`);
      continue;
    }
    results.push(r);
    console.log(printDataset(name, r, r.baseline));
  }
  const rows = riskRowsOfRun;
  console.log(printRiskReport("risk gate (shipped model, tuned on the dev sets)", rows));
  const risk: Record<string, unknown> = { tuned: riskJson(rows, (r) => r.risk) };
  if (args.cv && args.cv > 1) {
    const cv = crossValidate(rows, args.cv);
    const at = new Map(rows.map((r, i) => [r, cv[i]!]));
    console.log(printRiskReport(`risk gate, ${args.cv}-fold cross-validated (fitted without each document's fold)`, rows, (r) => at.get(r)!));
    risk.cv = { k: args.cv, ...riskJson(rows, (r) => at.get(r)!) };
  }
  if (args.examples) writeFileSync(args.examples, rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : ""));
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ mode: args.mode, limit: args.limit ?? null, datasets: results, risk }, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
