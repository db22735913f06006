/**
 * Dev scoreboard for the rules extractor alone (no matcher, no OCR):
 *   npx tsx scripts/dev-rules.ts ../shared/datasets/synthetic-dev            # PDF text layers
 *   npx tsx scripts/dev-rules.ts ../shared/datasets/synthetic-dev --pages DIR # frozen OcrPage[] JSON per doc (<id>.pages.json)
 * Prints per-field exact-match rates (whitespace-normalised) against DOC.truth.json and
 * line-item cell precision/recall/F1 (rows aligned monotonically, a dropped row costs only itself).
 *   npx tsx scripts/dev-rules.ts ../shared/datasets/real-dev/sroie --pages DIR --sroie  # vendor/address/date/total
 *   npx tsx scripts/dev-rules.ts ../shared/datasets/real-dev/zugferd_corpus --real    # PDF text layers, normalized truth
 */
import fs from "node:fs";
import path from "node:path";
import { createRulesExtractor } from "../lib/engine/extract/rules";
import type { RawRow, RawValue } from "../lib/engine/extract/types";
import { pageFromTextLayer } from "../lib/engine/ocr/textlayer";
import { rasterizePdf } from "../lib/engine/pdf";
import { parseAmount } from "../lib/engine/parse/amount";
import { findDates } from "../lib/engine/parse/date";
import { getTemplate } from "../lib/engine/templates";
import type { OcrPage } from "../lib/engine/types";

type Truth = {
  kind: string;
  template: string;
  fields: Record<string, { value: string | null; printed?: boolean; on_photo?: boolean }>;
  line_items: Record<string, { value: string | null } | unknown>[];
};

const dir = process.argv[2];
if (!dir) throw new Error("usage: dev-rules.ts <dataset dir> [--pages DIR]");
const pagesAt = process.argv.indexOf("--pages");
const pagesDir = pagesAt > 0 ? process.argv[pagesAt + 1] : undefined;
// --photo: pages are OCR'd photo variants; score against DOC.photo.truth.json (values off the photo excluded).
const photo = process.argv.includes("--photo");
const norm = (s: string | null | undefined) => (s ?? "").replace(/[\s\u00A0\u202F]+/g, " ").trim();
if (process.argv.includes("--real")) {
  // invoice2data / ZUGFeRD: truth is normalized (ISO dates, plain decimals); compare after normalization.
  const map: Record<string, string> = {
    invoice_number: "invoice_number",
    date: "issue_date",
    due_date: "due_date",
    vendor: "vendor",
    buyer: "customer",
    vendor_vat_id: "vendor_tax_id",
    order_number: "order_number",
    currency: "currency",
    subtotal: "subtotal",
    tax: "tax",
    total: "total",
    iban: "iban",
  };
  const key = (s: string) => s.toLowerCase().replace(/[\s\u00A0\u202F]/g, "");
  const st: Record<string, { ok: number; n: number }> = {};
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".truth.json"))) {
    const truth = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as {
      file: string;
      fields: Record<string, string | null>;
      fields_not_found_in_print?: Record<string, unknown>;
    };
    if (!truth.file.endsWith(".pdf")) continue;
    const raster = await rasterizePdf(new Uint8Array(fs.readFileSync(path.join(dir, truth.file))), { dpi: 36 });
    const pages = raster.map((p, i) => pageFromTextLayer(p.textLayer, i)).filter((p): p is OcrPage => p !== null);
    if (!pages.length) continue;
    const out = await createRulesExtractor().extract(pages, getTemplate("invoice")?.fields ?? []);
    for (const [tk, ours] of Object.entries(map)) {
      const want = truth.fields[tk];
      if (!want || (truth.fields_not_found_in_print && tk in truth.fields_not_found_in_print)) continue;
      const got = (out.fields[ours] as RawValue | null)?.text ?? "";
      let ok = false;
      if (["subtotal", "tax", "total"].includes(tk))
        ok = [parseAmount(got), parseAmount(got, ",")].some((v) => v !== undefined && Math.abs(v - Number(want)) < 0.005);
      else if (tk.endsWith("date")) ok = [...findDates(got, "dmy"), ...findDates(got, "mdy")].some((d) => d.iso === want);
      else ok = !!got && key(got).includes(key(want));
      const s = st[tk] ?? { ok: 0, n: 0 };
      st[tk] = s;
      s.n++;
      if (ok) s.ok++;
    }
  }
  let ok = 0;
  let n = 0;
  for (const [k, v] of Object.entries(st)) {
    ok += v.ok;
    n += v.n;
    console.log(`${k.padEnd(16)} ${v.ok}/${v.n}`);
  }
  console.log(`header fields after normalization ${ok}/${n} ${((100 * ok) / n).toFixed(1)}%`);
  process.exit(0);
}
if (process.argv.includes("--sroie")) {
  // Real receipts (upper-case transcriptions): exact, and ignoring case and spaces.
  const map: Record<string, string> = { vendor: "vendor", vendor_address: "vendor_address", date: "issue_date", total: "total" };
  const loose = (s: string | null | undefined) => (s ?? "").toUpperCase().replace(/\s/g, "");
  const st: Record<string, { exact: number; loose: number; n: number }> = {};
  for (const f of fs.readdirSync(pagesDir ?? ".").filter((x) => x.endsWith(".pages.json"))) {
    const truth = JSON.parse(fs.readFileSync(path.join(dir, f.replace(".pages.json", ".truth.json")), "utf8")) as { fields: Record<string, string | null> };
    const pages = JSON.parse(fs.readFileSync(path.join(pagesDir ?? ".", f), "utf8")) as OcrPage[];
    const out = await createRulesExtractor().extract(pages, getTemplate("receipt")?.fields ?? []);
    for (const [tk, ours] of Object.entries(map)) {
      const want = truth.fields[tk];
      if (!want) continue;
      const got = (out.fields[ours] as RawValue | null)?.text.replace(/\n/g, " ");
      const s = st[tk] ?? { exact: 0, loose: 0, n: 0 };
      st[tk] = s;
      s.n++;
      if (norm(got) === norm(want)) s.exact++;
      if (loose(got) === loose(want)) s.loose++;
    }
  }
  for (const [k, v] of Object.entries(st))
    console.log(`${k.padEnd(16)} exact ${v.exact}/${v.n}  case/space-insensitive ${v.loose}/${v.n} ${((100 * v.loose) / v.n).toFixed(1)}%`);
  process.exit(0);
}
const idx = JSON.parse(fs.readFileSync(path.join(dir, "index.json"), "utf8")) as {
  docs: { id: string; kind: string; files: { pdf: string; truth: string; photo_truth?: string } }[];
};
const stats: Record<string, { ok: number; n: number }> = {};
let tp = 0;
let pred = 0;
let truthCells = 0;
const extractor = createRulesExtractor();

async function pagesOf(doc: (typeof idx.docs)[number]): Promise<OcrPage[] | undefined> {
  if (pagesDir) {
    const f = path.join(pagesDir, `${doc.id}.pages.json`);
    return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, "utf8")) as OcrPage[]) : undefined;
  }
  const raster = await rasterizePdf(new Uint8Array(fs.readFileSync(path.join(dir as string, doc.files.pdf))), { dpi: 36 });
  return raster.map((p, i) => pageFromTextLayer(p.textLayer, i)).filter((p): p is OcrPage => p !== null);
}

for (const doc of idx.docs) {
  const pages = await pagesOf(doc);
  if (!pages?.length) continue;
  const truthFile = photo ? doc.files.photo_truth : doc.files.truth;
  if (!truthFile) continue;
  const truth = JSON.parse(fs.readFileSync(path.join(dir, truthFile), "utf8")) as Truth;
  const tpl = getTemplate(doc.kind === "delivery_note" ? "delivery" : doc.kind);
  if (!tpl) continue;
  const out = await extractor.extract(pages, tpl.fields);
  for (const f of tpl.fields) {
    const t = truth.fields[f.name];
    if (f.type === "array" || !t || t.value === null || t.printed === false || t.on_photo === false) continue;
    const s = stats[f.name] ?? { ok: 0, n: 0 };
    stats[f.name] = s;
    s.n++;
    if (norm((out.fields[f.name] as RawValue | null)?.text) === norm(t.value)) s.ok++;
  }
  const rows = (out.fields.line_items ?? []) as RawRow[];
  const children = tpl.fields.find((f) => f.type === "array")?.children?.map((c) => c.name) ?? [];
  const tv = (r: Truth["line_items"][number] | undefined, c: string) => (r?.[c] as { value?: string | null } | undefined)?.value ?? null;
  const eq = (a: RawRow | undefined, b: Truth["line_items"][number] | undefined) =>
    children.filter((c) => a?.cells[c]?.text && tv(b, c) && norm(a.cells[c]?.text) === norm(tv(b, c))).length;
  const D = Array.from({ length: rows.length + 1 }, () => new Array<number>(truth.line_items.length + 1).fill(0));
  for (let i = 1; i <= rows.length; i++) {
    for (let j = 1; j <= truth.line_items.length; j++) {
      D[i]![j] = Math.max(D[i - 1]![j]!, D[i]![j - 1]!, D[i - 1]![j - 1]! + eq(rows[i - 1], truth.line_items[j - 1]));
    }
  }
  tp += D[rows.length]![truth.line_items.length]!;
  for (const r of rows) for (const c of children) if (r.cells[c]?.text) pred++;
  for (const r of truth.line_items) for (const c of children) if (tv(r, c)) truthCells++;
}

let ok = 0;
let n = 0;
for (const [k, v] of Object.entries(stats).sort()) {
  ok += v.ok;
  n += v.n;
  console.log(`${k.padEnd(22)} ${`${v.ok}/${v.n}`.padStart(8)} ${((100 * v.ok) / v.n).toFixed(1)}%`);
}
const P = tp / pred;
const R = tp / truthCells;
console.log(`fields exact ${ok}/${n} ${((100 * ok) / n).toFixed(1)}%`);
console.log(`line-item cells P ${P.toFixed(3)} R ${R.toFixed(3)} F1 ${((2 * P * R) / (P + R)).toFixed(3)}`);
