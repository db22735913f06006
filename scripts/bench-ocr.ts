/**
 * OCR ceiling benchmark (issue 7): OCR every page image of a dataset and ask whether each
 * true value appears anywhere in the document's OCR text. No extractor can beat this.
 *
 *   npx tsx scripts/bench-ocr.ts <dataset dir | parent dir> [--reader tesseract,onnx,routed,fused] [--json out.json] [--limit N]
 *     [--filter REGEX] [--no-photos] [--photos-only] [--opt key=value …] [--misses] [--ocr-cache DIR [--ocr-cache-reuse]] [--stages]
 *
 * --stages: each page's CPU split into tesseract reading, tesseract worker starts and reloads, ONNX detection,
 * recognition and session loads, and the rest (bench/stages.ts); per document on its log line, summed per dataset.
 *
 * --ocr-cache DIR keeps the tesseract reader's pages in DIR (bench/ocr-cache.ts, the same pages `npm run bench
 * --ocr-cache` keeps): a later engine run reads them back, and a cache filled by other code (--ocr-cache-reuse)
 * gives that code's found rates without reading again (its CPU figures are then the cache's, not OCR's).
 *
 * Exact: substring after removing all whitespace (case-folded for SROIE, whose truth is
 * upper-case). Fuzzy: NFKC + case fold, ≤ 1 edit per 10 value characters. Multi-line
 * values count as found when every line is found (the matcher matches line by line).
 * Non-verbatim truth (ISO dates, plain decimals) is first located in the PDF's own text
 * layer in a printed format; values not found there are skipped.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodeImage } from "../lib/engine/image";
import { createOcrEngine, type OcrEngineOptions } from "../lib/engine/ocr";
import { createOnnxReader, type OnnxReaderOptions } from "../lib/engine/ocr/onnx";
import { createRoutedReader } from "../lib/engine/ocr/routed";
import type { OcrPage } from "../lib/engine/types";
import { pageFromTextLayer } from "../lib/engine/ocr/textlayer";
import { rasterizePdf } from "../lib/engine/pdf";
import { EngineError } from "../lib/engine/types";
import { cpuMs } from "../lib/engine/ocr/budget";
import { nativeChoice } from "../lib/engine/ocr/native";
import { cachedOcr } from "./bench/ocr-cache";
import { formatStages, type Stages, stageClock, withRest } from "./bench/stages";

// The engine measured as `npm start` runs it: glibc limited to two malloc arenas (scripts/malloc-arena.mjs).
// Without it the libvips, onnxruntime and tesseract threads each keep an arena: 25 synthetic-dev photos, both
// readers, peak RSS 1079 MB unset vs 759 MB. A MALLOC_ARENA_MAX set beforehand is kept (e.g. 64 to see it unset).
const { ensureArenaLimit } = (await import("./malloc-arena.mjs" as string)) as { ensureArenaLimit(): Promise<void> };
await ensureArenaLimit();

interface Value {
  field: string;
  value: string;
  /** printed lines of a soft-wrapped value (from the truth's per-line boxes). */
  wrapLines?: number;
  /** printed forms of a normalized value on an image (receipts_de): found when any one is. */
  alts?: string[];
}
interface Unit {
  id: string;
  language: string;
  photo: boolean;
  /** the truth's scan note ("uncropped 300 dpi flatbed scan"), reported apart. */
  scan?: string;
  caseless: boolean;
  pages: () => Promise<{ png: Buffer; width: number; height: number }[]>;
  values: () => Promise<Value[]>;
}
interface Tally {
  exact: number;
  /** exact after NFKC (￥ vs ¥, full-width digits): what the matcher compares. */
  nfkc: number;
  fuzzy: number;
  values: number;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.match(/^--(json|limit|filter|opt|reader|dump|ocr-cache)$/));
if (!root) {
  console.error("usage: bench-ocr <dataset dir> [--reader tesseract|onnx|routed|fused[,…]] [--json out.json] [--limit N] [--filter REGEX] [--opt k=v]");
  process.exit(2);
}
/** Readers to compare in one run: `--reader tesseract,onnx` or `--reader onnx --reader tesseract`. */
const READERS = ["tesseract", "onnx", "routed", "fused"] as const;
type ReaderName = (typeof READERS)[number];
const readers = args
  .flatMap((a, i) => (args[i - 1] === "--reader" ? a.split(",") : []))
  .map((r) => r.trim())
  .filter(Boolean);
for (const r of readers) {
  if (!(READERS as readonly string[]).includes(r)) {
    console.error(`unknown reader "${r}" (known: ${READERS.join(", ")})`);
    process.exit(2);
  }
}
if (readers.length === 0) readers.push("tesseract");

interface Reader {
  recognize(img: { png: Buffer; width: number; height: number }, o: { index: number }): Promise<OcrPage>;
  close(): Promise<void>;
}
function createReader(name: ReaderName): Reader {
  if (name === "onnx") return createOnnxReader(engineOpts as OnnxReaderOptions);
  if (name === "routed" || name === "fused")
    return createRoutedReader({ onnx: engineOpts as OnnxReaderOptions, tesseract: engineOpts as OcrEngineOptions, fuse: name === "fused" });
  const cache = opt("--ocr-cache");
  if (cache) {
    const c = cachedOcr(cache, async () => createOcrEngine(engineOpts as OcrEngineOptions), { reuse: flag("--ocr-cache-reuse") });
    return { recognize: (img, o) => c.recognize(img, o), close: async () => c.close?.() };
  }
  return createOcrEngine(engineOpts as OcrEngineOptions);
}
/** A tiny page read first: the reader's cold start (model load + first inference), CPU ms. */
async function coldStart(r: Reader): Promise<number> {
  const sharp = (await import("sharp")).default;
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="50" font-size="28" font-family="DejaVu Sans">Total 1.00</text></svg>';
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  const c0 = cpuMs();
  await r.recognize({ png, width: 300, height: 80 }, { index: 0 });
  return Math.round(cpuMs() - c0);
}
const limit = Number(opt("--limit") ?? Number.POSITIVE_INFINITY);
const stageTimer = flag("--stages") ? stageClock() : null;
const filter = opt("--filter") ? new RegExp(opt("--filter")!) : null;
const engineOpts: Record<string, unknown> = {};
args.forEach((a, i) => {
  if (a === "--opt") {
    const [k = "", v = ""] = (args[i + 1] ?? "").split("=");
    const value = v === "true" ? true : v === "false" ? false : Number.isNaN(Number(v)) ? v : Number(v);
    // "prepare.minShortSide=2000" sets a nested option.
    const keys = k.split(".");
    let target = engineOpts;
    for (const key of keys.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys.at(-1) ?? k] = value;
  }
});

const squash = (s: string) => s.replace(/\s+/gu, "");
const fold = (s: string) => squash(s.normalize("NFKC").toLowerCase());

/** Semi-global edit distance: best match of `needle` anywhere inside `hay`. */
function substringDistance(needle: string, hay: string): number {
  const n = needle.length;
  let prev = new Array<number>(n + 1);
  for (let i = 0; i <= n; i++) prev[i] = i;
  let best = prev[n] ?? n;
  for (let j = 1; j <= hay.length; j++) {
    const cur = new Array<number>(n + 1);
    cur[0] = 0;
    for (let i = 1; i <= n; i++) {
      const sub = (prev[i - 1] ?? 0) + (needle[i - 1] === hay[j - 1] ? 0 : 1);
      cur[i] = Math.min(sub, (prev[i] ?? 0) + 1, (cur[i - 1] ?? 0) + 1);
    }
    best = Math.min(best, cur[n] ?? n);
    prev = cur;
  }
  return best;
}

/** Can `words` be cut into `k` consecutive pieces found in `hay` in this order? */
function piecesInOrder(words: string[], k: number, hay: string, from = 0): boolean {
  if (k === 1) return hay.indexOf(words.join(""), from) >= 0;
  for (let cut = 1; cut <= words.length - k + 1; cut++) {
    const at = hay.indexOf(words.slice(0, cut).join(""), from);
    if (at >= 0 && piecesInOrder(words.slice(cut), k - 1, hay, at + 1)) return true;
  }
  return false;
}

function found(value: string, text: string, caseless: boolean, wrapLines = 1): { exact: boolean; fuzzy: boolean } {
  if (wrapLines > 1 && !value.includes("\n")) {
    // A soft-wrapped value: its lines may have other columns' text between them.
    const direct = found(value, text, caseless);
    if (direct.exact) return direct;
    const words = value.split(/\s+/u).filter(Boolean);
    const k = Math.min(wrapLines, words.length);
    const exactHay = caseless ? squash(text).toLowerCase() : squash(text);
    const exact = piecesInOrder(
      words.map((w) => (caseless ? w.toLowerCase() : w)),
      k,
      exactHay,
    );
    return { exact, fuzzy: exact || direct.fuzzy || piecesInOrder(words.map(fold), k, fold(text)) };
  }
  const lines = value.split("\n").filter((l) => l.trim() !== "");
  const exactText = caseless ? squash(text).toLowerCase() : squash(text);
  const fuzzyText = fold(text);
  let exact = true;
  let fuzzy = true;
  for (const line of lines) {
    const e = caseless ? squash(line).toLowerCase() : squash(line);
    if (!exactText.includes(e)) exact = false;
    const f = fold(line);
    if (!fuzzyText.includes(f) && substringDistance(f, fuzzyText) > Math.floor(f.length / 10)) fuzzy = false;
  }
  return { exact, fuzzy: fuzzy || exact };
}

/** Printed forms of a normalized value (ISO date, plain decimal). */
function printedVariants(v: string): string[] {
  const out = [v];
  const d = v.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (d) {
    const [, y = "", m = "", day = ""] = d;
    const dn = String(Number(day));
    const mn = String(Number(m));
    out.push(`${day}.${m}.${y}`, `${day}/${m}/${y}`, `${m}/${day}/${y}`, `${dn}.${mn}.${y}`, `${day}.${m}.${y.slice(2)}`);
    out.push(`${y}/${m}/${day}`, `${day}-${m}-${y}`, `${dn}/${mn}/${y}`, `${mn}/${dn}/${y}`, `${y}${m}${day}`);
  }
  if (/^-?\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    const two = n.toFixed(2);
    const [int = "", dec = ""] = two.split(".");
    const group = (sep: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
    out.push(two, `${group(",")}.${dec}`, `${group(".")},${dec}`, `${int},${dec}`, `${group(" ")},${dec}`, `${group("\u00a0")},${dec}`);
    if (Number.isInteger(n)) out.push(String(n), group("."), group(","));
  }
  return [...new Set(out)];
}

function synthValues(truth: Record<string, unknown>): Value[] {
  const out: Value[] = [];
  type F = { value?: unknown; printed?: boolean; on_photo?: boolean; boxes?: { lines_px?: unknown[]; lines_quad_px?: unknown[] }[] };
  const take = (field: string, f: F | undefined) => {
    if (f && typeof f.value === "string" && f.value.trim() && f.printed !== false && f.on_photo !== false) {
      const wrapLines = Math.max(1, ...(f.boxes ?? []).map((b) => (b.lines_px ?? b.lines_quad_px ?? []).length));
      out.push({ field, value: f.value, wrapLines });
    }
  };
  for (const [k, f] of Object.entries((truth.fields ?? {}) as Record<string, F>)) take(k, f);
  for (const item of (truth.line_items ?? []) as Record<string, F>[]) {
    for (const [k, f] of Object.entries(item)) if (f && typeof f === "object") take(`line_items.${k}`, f);
  }
  return out;
}

function realValues(truth: Record<string, unknown>): Value[] {
  const out: Value[] = [];
  const check = (truth.print_check ?? {}) as Record<string, boolean>;
  for (const [k, v] of Object.entries((truth.fields ?? {}) as Record<string, unknown>)) {
    if (typeof v === "string" && v.trim() && check[k] !== false) out.push({ field: k, value: v });
  }
  for (const item of (truth.line_items ?? []) as Record<string, unknown>[]) {
    for (const k of ["description", "quantity", "unit_price", "amount"]) {
      const v = item[k];
      if (typeof v === "string" && v.trim()) out.push({ field: `line_items.${k}`, value: v });
    }
  }
  return out;
}

function loadUnits(dir: string): Unit[] {
  const files = readdirSync(dir).sort();
  const units: Unit[] = [];
  const lang = (t: Record<string, unknown>) => String(t.language ?? "en").split(/[\s(]/)[0] || "en";
  for (const f of files) {
    if (!f.endsWith(".truth.json") || f.endsWith(".photo.truth.json")) continue;
    const id = f.replace(/\.truth\.json$/, "");
    if (filter && !filter.test(id)) continue;
    const truth = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Record<string, unknown>;
    const caseless = truth.dataset === "sroie";
    if (Array.isArray(truth.pages)) {
      // synthetic-dev: page PNGs + optional photo variant with its own truth.
      const pages = (truth.pages as { image: string }[]).map((p) => path.join(dir, p.image));
      if (!flag("--photos-only")) {
        units.push({
          id,
          language: lang(truth),
          photo: false,
          caseless,
          pages: () => Promise.all(pages.map(readImage)),
          values: async () => synthValues(truth),
        });
      }
      const photo = path.join(dir, `${id}.photo.jpg`);
      if (existsSync(photo) && !flag("--no-photos")) {
        const pt = JSON.parse(readFileSync(path.join(dir, `${id}.photo.truth.json`), "utf8")) as Record<string, unknown>;
        units.push({
          id: `${id}.photo`,
          language: lang(truth),
          photo: true,
          caseless,
          pages: async () => [await readImage(photo)],
          values: async () => synthValues(pt),
        });
      }
      continue;
    }
    const file = path.join(dir, String(truth.file ?? ""));
    if (!existsSync(file)) continue;
    if (file.endsWith(".pdf")) {
      let raster: Awaited<ReturnType<typeof rasterizePdf>> | null = null;
      const getRaster = async () => (raster ??= await rasterizePdf(readFileSync(file), { dpi: 150, maxPages: 4 }));
      units.push({
        id,
        language: lang(truth),
        photo: false,
        caseless,
        pages: getRaster,
        values: async () => {
          const vals = realValues(truth);
          if (truth.values_verbatim !== false) return vals;
          // Find each normalized value's printed form in the PDF's own text layer.
          const layer = (await getRaster())
            .map(
              (p, i) =>
                pageFromTextLayer(p.textLayer, i)
                  ?.words.map((w) => w.text)
                  .join(" ") ?? "",
            )
            .join(" ");
          const hay = squash(layer);
          return vals.flatMap((v) => {
            const printed = printedVariants(v.value).find((p) => hay.includes(squash(p)));
            return printed ? [{ field: v.field, value: printed }] : [];
          });
        },
      });
    } else {
      // Normalized truth on an image (receipts_de: "24.23", ISO dates, a lowercase brand label):
      // any printed form counts, caselessly.
      const normalized = truth.values_verbatim === false;
      const values = async () => (normalized ? realValues(truth).map((v) => ({ ...v, alts: printedVariants(v.value) })) : realValues(truth));
      const scan = String(truth.scan ?? "");
      units.push({ id, language: lang(truth), photo: false, scan, caseless: caseless || normalized, pages: async () => [await readImage(file)], values });
    }
  }
  return units;
}

async function readImage(file: string) {
  const img = await decodeImage(readFileSync(file));
  return { png: img.png, width: img.width, height: img.height };
}

const sumStages = (xs: Stages[]): Stages => {
  const out: Stages = {};
  for (const x of xs) for (const [k, v] of Object.entries(x)) out[k] = (out[k] ?? 0) + v;
  return out;
};
const roundStages = (x: Stages): Stages => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, Math.round(v)]));
const rate = (t: Tally) => (t.values ? t.exact / t.values : 0);
const nfkcRate = (t: Tally) => (t.values ? t.nfkc / t.values : 0);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) : 0;
};

async function benchDataset(name: string, dir: string, readerName: ReaderName) {
  const units = loadUnits(dir);
  const docs = new Set<string>();
  const chosen = units.filter((u) => {
    const doc = u.id.replace(/\.photo$/, "");
    if (!docs.has(doc) && docs.size >= limit) return false;
    docs.add(doc);
    return true;
  });
  const engine = createReader(readerName);
  const cold = await coldStart(engine);
  const all: Tally = { exact: 0, nfkc: 0, fuzzy: 0, values: 0 };
  const clean: Tally = { exact: 0, nfkc: 0, fuzzy: 0, values: 0 };
  const photos: Tally = { exact: 0, nfkc: 0, fuzzy: 0, values: 0 };
  const byLang: Record<string, Tally> = {};
  /** flatbed scans by their note's first word (uncropped A4 sheets vs cropped receipts), with CPU. */
  const byScan: Record<string, Tally & { cpu: number[] }> = {};
  const byField: Record<string, Tally> = {};
  const ms: number[] = [];
  const cpu: number[] = [];
  const misses: string[] = [];
  const tooComplex: string[] = [];
  let pages = 0;
  /** each page's CPU by stage (--stages). */
  const pageStages: Stages[] = [];
  for (const u of chosen) {
    const imgs = await u.pages();
    const texts: string[] = [];
    for (const [i, img] of imgs.entries()) {
      const t0 = performance.now();
      const c0 = cpuMs();
      stageTimer?.reset();
      // A page past the engine's CPU budget ends as "too complex": counted, its values missed.
      const page = await engine.recognize(img, { index: i }).catch((err: unknown) => {
        if (!(err instanceof EngineError)) throw err;
        tooComplex.push(`${u.id} p${i + 1}`);
        return null;
      });
      ms.push(performance.now() - t0);
      // CPU time of all threads and child processes (tesseract.js workers, a native
      // tesseract): less noisy than wall time on a shared machine.
      cpu.push(cpuMs() - c0);
      if (stageTimer) pageStages.push(withRest(stageTimer.take(), cpu.at(-1) ?? 0));
      pages++;
      if (!page) continue;
      texts.push(page.lines.map((l) => l.wordIds.map((id) => page.words[Number(id.slice(1))]?.text ?? "").join(" ")).join("\n"));
    }
    const text = texts.join("\n");
    const dump = opt("--dump");
    if (dump) writeFileSync(path.join(dump, `${u.id}.txt`), text);
    let docExact = 0;
    const values = await u.values();
    for (const v of values) {
      const forms = v.alts ?? [v.value];
      const rs = forms.map((f) => found(f, text, u.caseless, v.wrapLines));
      const r = { exact: rs.some((x) => x.exact), fuzzy: rs.some((x) => x.fuzzy) };
      const field = v.field.replace(/^line_items\.(\w+)$/, "line_items.$1");
      const fieldTally = byField[field] ?? { exact: 0, nfkc: 0, fuzzy: 0, values: 0 };
      byField[field] = fieldTally;
      const tallies = [all, u.photo ? photos : clean, fieldTally];
      if (u.scan) {
        const key = u.scan.split(" ")[0] ?? u.scan;
        byScan[key] ??= { exact: 0, nfkc: 0, fuzzy: 0, values: 0, cpu: [] };
        tallies.push(byScan[key]);
      }
      // Per language, photos apart ("de photo"): readers differ most by script on photos.
      const langKey = u.photo ? `${u.language} photo` : u.language;
      const langTally = byLang[langKey] ?? { exact: 0, nfkc: 0, fuzzy: 0, values: 0 };
      byLang[langKey] = langTally;
      tallies.push(langTally);
      for (const t of tallies) {
        t.values++;
        if (r.exact) t.exact++;
        if (r.exact || forms.some((f) => found(f.normalize("NFKC"), text.normalize("NFKC"), u.caseless, v.wrapLines).exact)) t.nfkc++;
        if (r.fuzzy) t.fuzzy++;
      }
      if (r.exact) docExact++;
      else misses.push(`${u.id} ${v.field}: ${JSON.stringify(v.value)}`);
    }
    if (u.scan) byScan[u.scan.split(" ")[0] ?? u.scan]?.cpu.push(...cpu.slice(-imgs.length));
    const last = ms.slice(-imgs.length).map((x) => Math.round(x));
    const lastCpu = cpu.slice(-imgs.length).map((x) => Math.round(x));
    const docStages = stageTimer ? ` · ${formatStages(sumStages(pageStages.slice(-imgs.length)))}` : "";
    console.error(
      `${name}/${u.id} [${u.language}${u.photo ? ", photo" : ""}] ${docExact}/${values.length} ${last.join("+")} ms · CPU ${lastCpu.join("+")} ms${docStages}`,
    );
  }
  await engine.close();
  return {
    name,
    reader: readerName,
    /** the native tesseract binary the tesseract passes ran on (null: tesseract.js). */
    native_tesseract: readerName === "onnx" ? null : nativeChoice(engineOpts.native as "auto" | boolean | undefined),
    cold_start_cpu_ms: cold,
    docs: docs.size,
    pages,
    values: all.values,
    found_exact_rate: rate(all),
    found_nfkc_rate: nfkcRate(all),
    found_fuzzy_rate: all.values ? all.fuzzy / all.values : 0,
    clean: {
      found_exact_rate: rate(clean),
      found_nfkc_rate: nfkcRate(clean),
      found_fuzzy_rate: clean.values ? clean.fuzzy / clean.values : 0,
      values: clean.values,
    },
    by_language: Object.fromEntries(
      Object.entries(byLang).map(([k, t]) => [
        k,
        { found_exact_rate: rate(t), found_nfkc_rate: nfkcRate(t), found_fuzzy_rate: t.fuzzy / t.values, values: t.values },
      ]),
    ),
    ...(photos.values
      ? { photos: { found_exact_rate: rate(photos), found_nfkc_rate: nfkcRate(photos), found_fuzzy_rate: photos.fuzzy / photos.values, values: photos.values } }
      : {}),
    by_scan: Object.fromEntries(
      Object.entries(byScan).map(([k, t]) => [
        k,
        { found_exact_rate: rate(t), values: t.values, cpu_ms: { p50: Math.round(quantile(t.cpu, 0.5)), max: Math.round(Math.max(0, ...t.cpu)) } },
      ]),
    ),
    by_field: Object.fromEntries(
      Object.entries(byField)
        .sort()
        .map(([k, t]) => [k, { found_exact_rate: rate(t), values: t.values }]),
    ),
    ocr_ms: { p50: Math.round(quantile(ms, 0.5)), p95: Math.round(quantile(ms, 0.95)) },
    ocr_cpu_ms: { p50: Math.round(quantile(cpu, 0.5)), p95: Math.round(quantile(cpu, 0.95)) },
    ocr_cpu_max_ms: Math.round(Math.max(0, ...cpu)),
    ...(stageTimer ? { stages_cpu_ms: roundStages(sumStages(pageStages)) } : {}),
    too_complex: tooComplex,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    malloc_arena_max: process.env.MALLOC_ARENA_MAX ?? null,
    engine_options: engineOpts,
    ...(flag("--misses") ? { misses } : {}),
  };
}

function print(d: Awaited<ReturnType<typeof benchDataset>>) {
  console.log(
    `\n== ${d.name} [reader ${d.reader}${d.native_tesseract ? " on native tesseract" : ""}, cold start ${d.cold_start_cpu_ms} ms CPU]: ${d.docs} docs, ${d.pages} pages, ${d.values} values`,
  );
  console.log(
    `found exact ${pct(d.found_exact_rate)} · nfkc ${pct(d.found_nfkc_rate)} · fuzzy ${pct(d.found_fuzzy_rate)} · clean ${pct(d.clean.found_exact_rate)}${d.photos ? ` · photos ${pct(d.photos.found_exact_rate)} (nfkc ${pct(d.photos.found_nfkc_rate)}, ${d.photos.values})` : ""}`,
  );
  console.log(
    `OCR ms p50 ${d.ocr_ms.p50} · p95 ${d.ocr_ms.p95} · CPU ms p50 ${d.ocr_cpu_ms.p50} · p95 ${d.ocr_cpu_ms.p95} · max ${d.ocr_cpu_max_ms} · peak RSS ${d.peak_rss_mb} MB (MALLOC_ARENA_MAX=${d.malloc_arena_max ?? "unset"})`,
  );
  if (d.stages_cpu_ms) {
    const total = Object.values(d.stages_cpu_ms).reduce((a, b) => a + b, 0);
    const share = Object.entries(d.stages_cpu_ms)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v} (${pct(total ? v / total : 0)})`);
    console.log(`  CPU by stage, all pages (ms): ${share.join(" · ")}`);
  }
  if (d.too_complex.length > 0) console.log(`  too complex (over the CPU budget): ${d.too_complex.join(", ")}`);
  for (const [k, t] of Object.entries(d.by_language)) {
    console.log(
      `  lang ${k.padEnd(22)} ${pct(t.found_exact_rate).padStart(6)} · nfkc ${pct(t.found_nfkc_rate).padStart(6)} · fuzzy ${pct(t.found_fuzzy_rate).padStart(6)}  (${t.values})`,
    );
  }
  for (const [k, t] of Object.entries(d.by_scan)) {
    console.log(`  scan ${k.padEnd(23)} ${pct(t.found_exact_rate).padStart(6)}  (${t.values}) · CPU ms p50 ${t.cpu_ms.p50} · max ${t.cpu_ms.max}`);
  }
  for (const [k, t] of Object.entries(d.by_field)) console.log(`  field ${k.padEnd(26)} ${pct(t.found_exact_rate).padStart(6)}  (${t.values})`);
  if (d.misses) for (const m of d.misses) console.log(`  miss ${m}`);
}

const hasTruth = (d: string) => readdirSync(d).some((f) => f.endsWith(".truth.json"));
const dirs = hasTruth(root)
  ? [[path.basename(path.resolve(root)), root] as const]
  : readdirSync(root)
      .map((d) => path.join(root, d))
      .filter((d) => statSync(d).isDirectory() && hasTruth(d))
      .map((d) => [path.basename(d), d] as const);
const datasets = [];
for (const [name, dir] of dirs) {
  for (const r of readers) {
    const d = await benchDataset(name, dir, r as ReaderName);
    print(d);
    datasets.push(d);
  }
}
const out = opt("--json");
if (out) writeFileSync(out, `${JSON.stringify({ generated: new Date().toISOString(), datasets }, null, 2)}\n`);
