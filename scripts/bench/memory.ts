/**
 * `npm run bench -- <dir> --memory N`: supplier memory, measured. Documents are grouped by
 * supplier (truth: VAT id > IBAN > name), replayed in id order, and a simulated reviewer
 * corrects (and so confirms) every value of the first N documents of each supplier; what they
 * taught is remembered the way the app does (learnField + remember on the engine's own OCR
 * pages). Every document is also read without memory. The memory a document gets is looked up
 * the way the job handler does it: by the supplier keys of the first reading (tax id, IBAN, name).
 * Reported per position in the supplier's sequence and for every document after the N reviewed:
 * value accuracy, values auto-accepted (risk < 0.5 %, no issue) and their precision.
 */
import {
  ACCEPT_RISK,
  type DocumentResult,
  type FieldSpec,
  type FieldValue,
  learnField,
  type OcrPage,
  remember,
  type SupplierMemory,
  supplierKeys,
} from "../../lib/engine";
import { findSupplier } from "../../lib/engine/memory";
import { isArrayValue } from "../../lib/engine/types";
import { exactEq, normEq } from "./score";
import type { TruthDoc } from "./truth";

interface Count {
  values: number;
  correct: number;
  accepted: number;
  acceptedCorrect: number;
  docs: number;
  docsAllRight: number;
}
const newCount = (): Count => ({ values: 0, correct: 0, accepted: 0, acceptedCorrect: 0, docs: 0, docsAllRight: 0 });

/** A run of one document: its result and the OCR pages memory learns from. */
export type Run = (doc: TruthDoc, memory?: SupplierMemory) => Promise<(DocumentResult & { ocrPages: OcrPage[] }) | undefined>;

/** The supplier a document's truth names (the reviewer's corrected vendor). */
function truthSupplier(doc: TruthDoc): string[] {
  const v = (k: string) => doc.fields[k]?.value ?? null;
  return supplierKeys({ taxId: v("vendor_tax_id"), iban: v("iban"), name: v("vendor") });
}

/** The supplier the engine's first reading names (what the job handler has before memory). */
function readSupplier(data: DocumentResult["data"]): string[] {
  const v = (k: string) => {
    const r = data[k];
    return r && !isArrayValue(r) ? r.value : null;
  };
  return supplierKeys({ taxId: v("vendor_tax_id"), iban: v("iban"), name: v("vendor") });
}

/** Score the scalar values of one result into a count. */
function score(c: Count, doc: TruthDoc, fields: FieldSpec[], res: DocumentResult | undefined) {
  const flagged = new Set((res?.issues ?? []).flatMap((i) => i.fields));
  let allRight = true;
  for (const f of fields) {
    if (f.type === "array") continue;
    const t = doc.fields[f.name];
    const r = res?.data[f.name];
    const pred = r && !isArrayValue(r) ? (r as FieldValue) : undefined;
    if (!t && (!doc.complete || doc.unjudged.has(f.name) || pred?.value == null)) continue;
    const has = pred?.value != null;
    const correct = has && t ? (doc.verbatim ? exactEq(pred!.value!, t) : normEq(pred!, t, f.type, false)) : false;
    c.values++;
    if (correct) c.correct++;
    else allRight = false;
    if (has && (pred!.risk ?? 1) < ACCEPT_RISK && !flagged.has(f.name)) {
      c.accepted++;
      if (correct) c.acceptedCorrect++;
    }
  }
  c.docs++;
  if (allRight) c.docsAllRight++;
}

/** Learn every truth value of a reviewed document (corrected or confirmed) into the supplier's memory. */
function review(memory: SupplierMemory, doc: TruthDoc, fields: FieldSpec[], pages: OcrPage[]): SupplierMemory {
  let m = memory;
  for (const f of fields) {
    const t = doc.fields[f.name];
    if (f.type === "array" || !t) continue;
    const e = learnField(pages, f.name, t.value, t.boxes[0]?.page ?? 0, doc.id);
    if (e) m = remember(m, e);
  }
  return m;
}

/** `--errors`: every value memory changed or left wrong, with the truth. */
function printChanges(doc: TruthDoc, fields: FieldSpec[], a: DocumentResult, b: DocumentResult) {
  const v = (r: DocumentResult, k: string) => {
    const x = r.data[k];
    return x && !isArrayValue(x) ? x : undefined;
  };
  for (const f of fields) {
    if (f.type === "array") continue;
    const pa = v(a, f.name);
    const pb = v(b, f.name);
    const t = doc.fields[f.name]?.value ?? null;
    if (pa?.value === pb?.value && pa?.risk === pb?.risk && (pb?.value ?? null) === t) continue;
    const why = b.issues.filter((i) => i.code === "memory" && i.fields.includes(f.name)).map((i) => i.message);
    console.log(
      `  ${doc.id} ${f.name}: ${JSON.stringify(pa?.value ?? null)} (${pa?.risk}) → ${JSON.stringify(pb?.value ?? null)} (${pb?.risk}) truth ${JSON.stringify(t)} ${why.join("; ")}`,
    );
  }
}

const pct = (a: number, b: number) => (b === 0 ? "   –  " : `${((100 * a) / b).toFixed(1).padStart(5)} %`);

/** Replay every supplier with ≥ 2 documents; print and return the comparison. */
export async function benchMemory(name: string, docs: TruthDoc[], n: number, fieldsOf: (d: TruthDoc) => FieldSpec[], run: Run, verbose = false) {
  const groups = new Map<string, TruthDoc[]>();
  for (const d of docs) {
    const key = truthSupplier(d)[0];
    if (key) groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const series = [...groups.values()].filter((g) => g.length >= 2).map((g) => g.sort((a, b) => a.id.localeCompare(b.id)));
  // position k (1-based) → counts without / with memory; "after" = every position > n.
  const without = new Map<string, Count>();
  const withMem = new Map<string, Count>();
  const at = (m: Map<string, Count>, k: string) => {
    if (!m.has(k)) m.set(k, newCount());
    return m.get(k)!;
  };
  const store = new Map<string, SupplierMemory>();
  let found = 0;
  let lookups = 0;
  for (const group of series) {
    for (const [i, doc] of group.entries()) {
      const fields = fieldsOf(doc);
      const plain = await run(doc);
      if (!plain) continue;
      const keys = readSupplier(plain.data);
      const memory = findSupplier(
        [...store.entries()].map(([k, m]) => ({ keys: [k], m })),
        keys,
      )?.m;
      if (i > 0) {
        lookups++;
        if (memory) found++;
      }
      const remembered = (memory ? await run(doc, memory) : undefined) ?? plain;
      if (verbose && memory) {
        console.log(`  ${doc.id}: memory of ${memory.entries.length} places (${[...new Set(memory.entries.map((e) => e.field))].join(", ")})`);
        printChanges(doc, fields, plain, remembered);
      }
      const pos = i + 1 > n ? `${n + 1}+` : String(i + 1);
      for (const k of [pos, ...(i + 1 === n + 1 ? [String(n + 1)] : []), "all"]) {
        score(at(without, k), doc, fields, plain);
        score(at(withMem, k), doc, fields, remembered);
      }
      if (i < n) {
        const learned = review(memory ?? { entries: [] }, doc, fields, plain.ocrPages);
        for (const [k, v] of store) if (v === memory) store.set(k, learned);
        for (const k of new Set([...truthSupplier(doc), ...keys])) store.set(k, learned);
      }
    }
  }
  const rows = [...new Set([...without.keys()])].sort((a, b) => (a === "all" ? 1 : b === "all" ? -1 : a.localeCompare(b)));
  console.log(`\n=== ${name}: supplier memory, ${series.length} suppliers with ≥ 2 documents, first ${n} of each reviewed ===`);
  console.log(`  memory found by the first reading's supplier keys for ${found} of ${lookups} later documents`);
  console.log(
    "  document      docs | accuracy  no mem → memory | auto-accepted  no mem → memory | accept precision  no mem → memory | all right  no mem → memory",
  );
  const out: Record<string, { without: Count; with: Count }> = {};
  for (const k of rows) {
    const a = without.get(k)!;
    const b = withMem.get(k)!;
    out[k] = { without: a, with: b };
    const label = k === "all" ? "all" : k.endsWith("+") ? `${k.slice(0, -1)}th and later` : `#${k}`;
    console.log(
      `  ${label.padEnd(14)}${String(a.docs).padStart(4)} |         ${pct(a.correct, a.values)} → ${pct(b.correct, b.values)} |` +
        `        ${pct(a.accepted, a.values)} → ${pct(b.accepted, b.values)} |           ${pct(a.acceptedCorrect, a.accepted)} → ${pct(b.acceptedCorrect, b.accepted)} |   ${pct(a.docsAllRight, a.docs)} → ${pct(b.docsAllRight, b.docs)}`,
    );
  }
  return out;
}
