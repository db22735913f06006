/**
 * `npm run bench -- <dir> --memory N [--memory-teach all|corrections]`: supplier memory, measured.
 * Documents are replayed in id order (the order they would arrive in); each belongs to a supplier
 * (truth: VAT id or registration number > IBAN > name, as the app keys suppliers). The first N documents of every supplier are reviewed by a
 * simulated reviewer who sees the engine's reading *with* the memory it had then, corrects the
 * values that are wrong to the truth and confirms the right ones ("all", the default: the app's
 * "mark reviewed" confirms every value it does not change) or only corrects ("wrong":
 * `--memory-teach corrections`), and what the review teaches is remembered the way the app
 * does (learnField + remember on the engine's own OCR pages, the letterhead, the supplier's
 * reviewed and read keys). The memory a document gets is looked up the way the job handler does
 * it: by the keys and letterhead of the first reading, and given as the app gives it (read again on the same OCR).
 * Every document is also read without memory.
 * Reported per position in the supplier's sequence and, for documents after the N reviewed, per
 * field: how often the supplier was recognised, memory had a prediction, and that prediction was right.
 */
import {
  ACCEPT_RISK,
  type DocumentResult,
  type FieldSpec,
  type FieldValue,
  learnPlaces,
  letterhead,
  type OcrPage,
  remember,
  rememberLetterhead,
  type SupplierMemory,
  supplierKeysOf,
} from "../../lib/engine";
import { findSupplier } from "../../lib/engine/memory";
import { isArrayValue } from "../../lib/engine/types";
import { CauseTally, causeOf, evidenceOf, pageText } from "./memory-causes";
import { identityReport } from "./memory-identity";
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

/** Per field, over the documents after the reviewed ones. */
interface FieldCount {
  docs: number;
  recognised: number;
  predicted: number;
  predictedRight: number;
  rightWithout: number;
  rightWith: number;
  /** right after normalization (case, spacing; numbers and dates parsed): what is left once a reviewer's conventions are set aside. */
  normWithout: number;
  normWith: number;
}
const newFieldCount = (): FieldCount => ({
  docs: 0,
  recognised: 0,
  predicted: 0,
  predictedRight: 0,
  rightWithout: 0,
  rightWith: 0,
  normWithout: 0,
  normWith: 0,
});

/** Right after normalization (bench score's normEq: numbers and dates parsed, text folded). */
function normRight(doc: TruthDoc, f: FieldSpec, res: DocumentResult): boolean {
  const t = doc.fields[f.name];
  const pred = scalarOf(res, f.name);
  return !!t && pred?.value != null && normEq(pred, t, f.type, doc.verbatim);
}

/** A run of one document: its result and the OCR pages memory learns from. */
export type Run = (doc: TruthDoc, memory?: SupplierMemory) => Promise<(DocumentResult & { ocrPages: OcrPage[] }) | undefined>;

/**
 * One supplier's stored memory; `owners` (the truth suppliers whose reviews it holds: one, unless a reviewer's typo in
 * the name keyed the same supplier twice and the app filed both under one row) only lets the bench check recognition.
 */
interface Stored {
  keys: string[];
  letterheads: string[][];
  memory: SupplierMemory;
  owners: Set<string>;
}
const ownedBy = (row: Stored | undefined, owner: string) => row?.owners.has(owner) === true;
const ownersOf = (row: Stored) => [...row.owners].join(" + ");

/**
 * The supplier a document's truth names (the reviewer's corrected values), keyed as the app keys it (supplierKeysOf:
 * VAT id or registration number, IBAN, name): a bench that grouped by the name where the engine keys by the
 * registration number counted documents of two suppliers that share a name as one supplier's.
 */
function truthSupplier(doc: TruthDoc): string[] {
  return supplierKeysOf(doc.fields);
}

/** The supplier the engine's first reading names (what the job handler has before memory: lib/jobs/extract-document.ts). */
function readSupplier(data: DocumentResult["data"]): string[] {
  return supplierKeysOf(Object.fromEntries(Object.entries(data).filter(([, r]) => !isArrayValue(r))) as Record<string, { value?: unknown }>);
}

/** A reading with no values (a failed replay, scored as such). */
const noValues = (res: DocumentResult): DocumentResult => ({ ...res, data: {}, issues: [], memoryVerdicts: [], riskFeatures: {} });

const scalarOf = (res: DocumentResult | undefined, name: string) => {
  const r = res?.data[name];
  return r && !isArrayValue(r) ? (r as FieldValue) : undefined;
};

/** Is the result's value of this field right (null when the truth does not judge it)? */
function judge(doc: TruthDoc, f: FieldSpec, res: DocumentResult | undefined): boolean | null {
  const t = doc.fields[f.name];
  const pred = scalarOf(res, f.name);
  if (!t && (!doc.complete || doc.unjudged.has(f.name) || pred?.value == null)) return null;
  if (pred?.value == null || !t) return false;
  return doc.verbatim ? exactEq(pred.value, t) : normEq(pred, t, f.type, false);
}

/** Score the scalar values of one result into a count. */
function score(c: Count, doc: TruthDoc, fields: FieldSpec[], res: DocumentResult | undefined, verbose = false) {
  const flagged = new Set((res?.issues ?? []).flatMap((i) => i.fields));
  let allRight = true;
  for (const f of fields) {
    if (f.type === "array") continue;
    const correct = judge(doc, f, res);
    if (correct === null) continue;
    const pred = scalarOf(res, f.name);
    c.values++;
    if (correct) c.correct++;
    else allRight = false;
    if (pred?.value != null && (pred.risk ?? 1) < ACCEPT_RISK && !flagged.has(f.name)) {
      c.accepted++;
      if (correct) c.acceptedCorrect++;
      else if (verbose)
        console.log(
          `  ACCEPTED WRONG ${doc.id} ${f.name}: ${JSON.stringify(pred.value)} (${pred.risk}) truth ${JSON.stringify(doc.fields[f.name]?.value ?? null)}`,
        );
    }
  }
  c.docs++;
  if (allRight) c.docsAllRight++;
}

/**
 * The reviewer: every truth value the shown result has wrong is corrected (and, with "all", every
 * right one confirmed); each correction or confirmation teaches where the value is printed.
 */
function review(memory: SupplierMemory, doc: TruthDoc, fields: FieldSpec[], shown: DocumentResult, pages: OcrPage[], teach: Teach) {
  let m = memory;
  let taught = 0;
  for (const f of fields) {
    const t = doc.fields[f.name];
    if (f.type === "array" || !t) continue;
    if (teach === "wrong" && judge(doc, f, shown) === true) continue;
    const places = learnPlaces(pages, f.name, t.value, t.boxes[0]?.page ?? 0, doc.id);
    for (const e of places) m = remember(m, e);
    if (places.length > 0) taught++;
  }
  return { memory: rememberLetterhead(m, letterhead(pages)), taught };
}

/** `--errors`: every value memory changed or left wrong, with the truth. */
function printChanges(doc: TruthDoc, fields: FieldSpec[], a: DocumentResult, b: DocumentResult) {
  for (const f of fields) {
    if (f.type === "array") continue;
    const pa = scalarOf(a, f.name);
    const pb = scalarOf(b, f.name);
    const t = doc.fields[f.name]?.value ?? null;
    if (pa?.value === pb?.value && pa?.risk === pb?.risk && (pb?.value ?? null) === t) continue;
    const why = b.issues.filter((i) => i.code === "memory" && i.fields.includes(f.name)).map((i) => i.message);
    console.log(
      `  ${doc.id} ${f.name}: ${JSON.stringify(pa?.value ?? null)} (${pa?.risk}) → ${JSON.stringify(pb?.value ?? null)} (${pb?.risk}) truth ${JSON.stringify(t)} ${why.join("; ")}`,
    );
  }
}

/** A judged value of a document read with memory, with the risk model's inputs (`--examples`: `npm run train -- risk` reads `features` and `wrong`). */
export interface MemoryExample {
  dataset: string;
  doc: string;
  supplier: string;
  position: number;
  field: string;
  risk: number;
  wrong: boolean;
  features: Record<string, number>;
}

function examplesOf(doc: TruthDoc, supplier: string, position: number, fields: FieldSpec[], res: DocumentResult): MemoryExample[] {
  const out: MemoryExample[] = [];
  for (const f of fields) {
    const right = f.type === "array" ? null : judge(doc, f, res);
    const features = res.riskFeatures?.[f.name];
    const v = scalarOf(res, f.name);
    if (right === null || !features || v?.value == null) continue;
    out.push({ dataset: doc.dataset, doc: doc.id, supplier, position, field: f.name, risk: v.risk ?? 1, wrong: !right, features });
  }
  return out;
}

const pct = (a: number, b: number) => (b === 0 ? "   –  " : `${((100 * a) / b).toFixed(1).padStart(5)} %`);

export type Teach = "wrong" | "all";

/** Replay every document in id order; print and return the comparison. */
export async function benchMemory(
  name: string,
  docs: TruthDoc[],
  n: number,
  fieldsOf: (d: TruthDoc) => FieldSpec[],
  run: Run,
  opts: { verbose?: boolean; teach?: Teach; examples?: MemoryExample[] } = {},
) {
  const teach = opts.teach ?? "all";
  const ordered = docs.filter((d) => truthSupplier(d)[0]).sort((a, b) => a.id.localeCompare(b.id));
  const sizes = new Map<string, number>();
  for (const d of ordered) sizes.set(truthSupplier(d)[0]!, (sizes.get(truthSupplier(d)[0]!) ?? 0) + 1);
  const seen = new Map<string, number>();
  // position k (1-based) → counts without / with memory; "after" = every position > n.
  const without = new Map<string, Count>();
  const withMem = new Map<string, Count>();
  const at = (m: Map<string, Count>, k: string) => {
    if (!m.has(k)) m.set(k, newCount());
    return m.get(k)!;
  };
  const perField = new Map<string, FieldCount>();
  const store: Stored[] = [];
  const heads: Array<{ owner: string; head: string[] }> = [];
  const failures: string[] = [];
  const readWith = { without: newCount(), with: newCount() };
  /** documents among a supplier's first n (reviewed) read with another supplier's memory. */
  const foreignEarly: string[] = [];
  let lookups = 0;
  let recognised = 0;
  let misrecognised = 0;
  let corrections = 0;
  const causesNext = new CauseTally();
  const causesLater = new CauseTally();
  /** memory's verdicts by kind, field type and support: whose value was right (memory's, the engine's first reading's). */
  const verdictTally = new Map<string, { n: number; memRight: number; engineRight: number }>();
  for (const doc of ordered) {
    const owner = truthSupplier(doc)[0]!;
    const i = seen.get(owner) ?? 0;
    seen.set(owner, i + 1);
    const fields = fieldsOf(doc);
    const plain = await run(doc);
    if (!plain) continue;
    const head = letterhead(plain.ocrPages);
    heads.push({ owner, head });
    const found = findSupplier(store, readSupplier(plain.data), head);
    const later = i >= n;
    if (found && !ownedBy(found, owner)) (later ? [] : foreignEarly).push(doc.id);
    if (later) {
      lookups++;
      if (opts.verbose && !ownedBy(found, owner))
        console.log(
          `  not recognised ${doc.id} (#${i + 1} of ${owner}): ${found ? `memory of ${ownersOf(found)}` : "no memory"}; read ${JSON.stringify(readSupplier(plain.data))}, letterhead ${JSON.stringify(head.slice(0, 4))}`,
        );
      if (ownedBy(found, owner)) recognised++;
      else if (found) misrecognised++;
    }
    // A reading with memory that fails (with --memory-from-start, the OCR cache may lack a crop a re-read asks for) is a failed replay, scored as
    // a reading with no values: falling back to the reading without memory would credit memory with that reading.
    const replay = found ? await run(doc, found.memory) : undefined;
    const failed = found !== undefined && replay === undefined;
    if (failed) failures.push(`${doc.id} (#${i + 1})`);
    const remembered = replay ?? (failed ? noValues(plain) : plain);
    if (opts.verbose && found) {
      console.log(`  ${doc.id} (#${i + 1} of ${owner}): memory of ${ownersOf(found)}, ${found.memory.entries.length} places`);
      printChanges(doc, fields, plain, remembered);
    }
    if ((sizes.get(owner) ?? 0) >= 2) {
      const pos = i + 1 > n ? `${n + 1}+` : String(i + 1);
      for (const k of [pos, ...(i + 1 === n + 1 ? [String(n + 1)] : []), "all"]) {
        score(at(without, k), doc, fields, plain);
        score(at(withMem, k), doc, fields, remembered, opts.verbose === true && k === "all");
      }
    }
    // Every document read with some memory, its supplier's or another's, whatever the supplier's size: memory must never
    // make a wrong value auto-accepted, on a supplier's first document read with another's memory either.
    if (found) {
      score(readWith.without, doc, fields, plain);
      score(readWith.with, doc, fields, remembered, opts.verbose === true && (sizes.get(owner) ?? 0) < 2);
    }
    // Every document read with memory (the reviewed ones too, before their review): what memory's verdicts did.
    for (const f of found ? fields : []) {
      const verdict = remembered.memoryVerdicts?.find((v) => v.path === f.name);
      const right = judge(doc, f, remembered);
      if (!verdict || right === null) continue;
      const kind = verdict.kind === "picked" ? (verdict.disagreed ? "overruled" : verdict.before === null ? "filled" : "picked-same") : verdict.kind;
      const key = `${kind.padEnd(12)} ${f.type.padEnd(7)} support ${Math.min(verdict.support, 3)}${verdict.support >= 3 ? "+" : " "}`;
      const t = verdictTally.get(key) ?? { n: 0, memRight: 0, engineRight: 0 };
      t.n++;
      if (right) t.memRight++;
      if (judge(doc, f, plain) === true) t.engineRight++;
      verdictTally.set(key, t);
    }
    if (found && opts.examples) opts.examples.push(...examplesOf(doc, owner, i + 1, fields, remembered));
    if (later) {
      const text = pageText(plain.ocrPages);
      for (const f of fields) {
        if (f.type === "array" || !doc.fields[f.name]) continue;
        const ok = judge(doc, f, remembered) === true;
        const cause = ok
          ? null
          : causeOf({
              field: f,
              truth: doc.fields[f.name]!.value,
              normRight: normRight(doc, f, remembered),
              text,
              recognised: ownedBy(found, owner),
              memory: found?.memory,
              res: remembered,
              failed,
            });
        if (opts.verbose && cause) {
          console.log(
            `  miss ${doc.id} #${i + 1} ${f.name} [${cause}]: ${JSON.stringify(scalarOf(remembered, f.name)?.value ?? null)} truth ${JSON.stringify(doc.fields[f.name]!.value)}`,
          );
          console.log(
            `      evidence: ${evidenceOf(plain.ocrPages, f.name, doc.fields[f.name]!.value, doc.fields[f.name]!.boxes[0]?.page ?? 0, found?.memory)}`,
          );
          for (const e of found?.memory.entries.filter((x) => x.field === f.name) ?? [])
            console.log(
              `      remembered ${JSON.stringify(e.text)} constant ${e.constant} docs ${e.documents.length} lines ${e.lines} label ${e.label} shape ${e.shape}`,
            );
        }
        if (i === n) causesNext.add(f.name, cause);
        causesLater.add(f.name, cause);
        const c = perField.get(f.name) ?? newFieldCount();
        perField.set(f.name, c);
        const right = judge(doc, f, remembered) === true;
        c.docs++;
        if (ownedBy(found, owner)) c.recognised++;
        if (judge(doc, f, plain) === true) c.rightWithout++;
        if (right) c.rightWith++;
        if (normRight(doc, f, plain)) c.normWithout++;
        if (normRight(doc, f, remembered)) c.normWith++;
        if (remembered.memoryVerdicts?.some((v) => v.path === f.name && v.kind !== "absent")) {
          c.predicted++;
          if (right) c.predictedRight++;
        }
      }
    } else {
      // The app stores what a review taught under the reviewed supplier's keys and the first reading's, in the row those
      // keys find (lib/services/memory/record.ts: findSupplierMemory, no letterhead): a name one misread or typo apart
      // ("GARDENIA BAKERIES (KI ) SDN BHD" typed on one review, "(KL)" on the next) is the same supplier's row.
      const keys = [...new Set([...truthSupplier(doc), ...readSupplier(plain.data)])];
      const row = findSupplier(store, keys);
      const { memory, taught } = review(row?.memory ?? { entries: [] }, doc, fields, remembered, plain.ocrPages, teach);
      corrections += taught;
      if (row) {
        row.memory = memory;
        row.keys = [...new Set([...row.keys, ...keys])];
        row.letterheads = memory.letterheads ?? [];
        row.owners.add(owner);
      } else store.push({ keys, letterheads: memory.letterheads ?? [], memory, owners: new Set([owner]) });
    }
  }
  const rows = [...without.keys()].sort((a, b) => (a === "all" ? 1 : b === "all" ? -1 : a.localeCompare(b)));
  const multi = [...sizes.values()].filter((s) => s >= 2).length;
  console.log(`\n=== ${name}: supplier memory, ${multi} suppliers with ≥ 2 documents, first ${n} of each reviewed (teach: ${teach}) ===`);
  console.log(`  ${corrections} values taught; reviewed suppliers in memory: ${store.length}`);
  console.log(
    `  later documents (#${n + 1}+): supplier recognised by the first reading for ${recognised} of ${lookups}, another supplier's memory for ${misrecognised}`,
  );
  console.log(
    `  reviewed documents (#1–#${n}) read with another supplier's memory: ${foreignEarly.length}${foreignEarly.length ? ` — ${foreignEarly.join(", ")}` : ""}`,
  );
  const { without: rw0, with: rw1 } = readWith;
  console.log(
    `  every document read with memory (${rw1.docs}): accuracy ${pct(rw0.correct, rw0.values)} → ${pct(rw1.correct, rw1.values)}, auto-accepted ${pct(rw0.accepted, rw0.values)} → ${pct(rw1.accepted, rw1.values)}, of which right ${pct(rw0.acceptedCorrect, rw0.accepted)} → ${pct(rw1.acceptedCorrect, rw1.accepted)}`,
  );
  console.log(`  replays with memory that failed (scored as readings with no values): ${failures.length}${failures.length ? ` — ${failures.join(", ")}` : ""}`);
  console.log(
    "  document      docs | accuracy  no mem → memory | auto-accepted  no mem → memory | accept precision  no mem → memory | all right  no mem → memory",
  );
  const out: Record<string, unknown> = {};
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
  console.log(`  per field, documents #${n + 1}+: (a) supplier recognised · (b) memory has a prediction · (c) that prediction right · accuracy`);
  console.log("  field               docs | (a) recognised | (b) predicted | (c) right of (b) | exact no mem → memory | normalized no mem → memory");
  for (const [f, c] of [...perField].sort((x, y) => x[0].localeCompare(y[0]))) {
    console.log(
      `  ${f.padEnd(18)}${String(c.docs).padStart(6)} |       ${pct(c.recognised, c.docs)} |      ${pct(c.predicted, c.docs)} |         ${pct(c.predictedRight, c.predicted)} |   ${pct(c.rightWithout, c.docs)} → ${pct(c.rightWith, c.docs)} |   ${pct(c.normWithout, c.docs)} → ${pct(c.normWith, c.docs)}`,
    );
  }
  console.log(`  memory's verdicts on every document read with memory: kind, field type, reviewed documents behind it → right with memory / right without`);
  for (const [k, t] of [...verdictTally].sort((a, b) => a[0].localeCompare(b[0])))
    console.log(`    ${k} ${String(t.n).padStart(4)} | with ${String(t.memRight).padStart(4)} | without ${String(t.engineRight).padStart(4)}`);
  out.verdicts = Object.fromEntries(verdictTally);
  out.fields = Object.fromEntries(perField);
  out.causes = { next: causesNext.print(`document #${n + 1} with memory`), later: causesLater.print(`documents #${n + 1}+ with memory`) };
  out.recognition = { lookups, recognised, misrecognised, foreignEarly: foreignEarly.length };
  out.failedReplays = failures;
  out.readWithMemory = readWith;
  out.identity = identityReport(heads);
  return out;
}
