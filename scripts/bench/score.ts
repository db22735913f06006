import { parseAmount, parseDate } from "../../lib/engine/parse";
import type { ApiBBox, CheckIssue, FieldResult, FieldSpec, FieldValue } from "../../lib/engine/types";
import { isArrayValue } from "../../lib/engine/types";
import { LINE_COLUMNS } from "./mapping";
import type { TruthDoc, TruthValue } from "./truth";

/** Running totals for one dataset and one system (engine or baseline). */
export interface Tally {
  fields: Record<string, { exact: number; normalized: number; total: number; predicted: number }>;
  cells: { tp: number; predicted: number; truth: number };
  iou: { correct: number; ok: number };
  calib: { hi: number; hiCorrect: number; lo: number; loCorrect: number };
  auto: { values: number; accepted: number; acceptedCorrect: number };
  pageMs: number[];
  pages: number;
  documents: number;
  /** wrong values, for `--errors`: "doc path: predicted ≠ truth [ratio, accepted]". */
  errors: string[];
  /** every judged predicted value (the risk report and `--cv` read these). */
  judged: Judged[];
  /** e-invoice documents: values read from the XML, how many of them were located on the page, documents flagged. */
  einvoice: { documents: number; values: number; located: number; flagged: number };
  /** documents with a failed check (an error-severity issue), in all and per issue code. */
  failed: { documents: number; codes: Record<string, number> };
}

/** One predicted value with its verdict. */
export interface Judged {
  doc: string;
  path: string;
  type: string;
  correct: boolean;
  exact: boolean;
  normalized: boolean;
  ratio: number;
  /** the value read and the truth's (absent: no truth), for reading examples files by eye. */
  value?: string;
  truth?: string;
}

/** An empty tally. */
export function newTally(): Tally {
  return {
    fields: {},
    cells: { tp: 0, predicted: 0, truth: 0 },
    iou: { correct: 0, ok: 0 },
    calib: { hi: 0, hiCorrect: 0, lo: 0, loCorrect: 0 },
    auto: { values: 0, accepted: 0, acceptedCorrect: 0 },
    pageMs: [],
    pages: 0,
    documents: 0,
    errors: [],
    judged: [],
    einvoice: { documents: 0, values: 0, located: 0, flagged: 0 },
    failed: { documents: 0, codes: {} },
  };
}

/** Count an e-invoice result's XML values and how many of them got a box on the printed page. */
export function countEInvoice(tally: Tally, data: Record<string, FieldResult>, issues: CheckIssue[]) {
  const vals = Object.values(data).flatMap((r) => (isArrayValue(r) ? r.value.flatMap((row) => Object.values(row.field_bboxes)) : [r]));
  const xml = vals.filter((v) => v.bbox_source === "e_invoice_xml" && v.value != null);
  if (xml.length === 0) return;
  tally.einvoice.documents++;
  tally.einvoice.values += xml.length;
  tally.einvoice.located += xml.filter((v) => v.bbox).length;
  if (issues.some((i) => i.code === "e_invoice_print_mismatch")) tally.einvoice.flagged++;
}

/** Whitespace-normalised verbatim text (NBSP and narrow NBSP count as spaces). */
export const ws = (s: string) =>
  s
    .normalize("NFC")
    .replace(/[\s\u00A0\u202F\u2009]+/gu, " ")
    .trim();
export const fold = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s.,:;'"()\-_/]+/gu, "");

function truthNumber(t: TruthValue, verbatim: boolean): number | undefined {
  if (t.numeric !== undefined) return t.numeric;
  return verbatim ? parseAmount(t.value) : Number.isFinite(Number(t.value)) ? Number(t.value) : parseAmount(t.value);
}

/** Verbatim equality after whitespace normalisation. */
export function exactEq(pred: string, t: TruthValue): boolean {
  return ws(pred) === ws(t.value);
}

/** Equality after normalization: numbers as numbers, dates as ISO, strings folded. */
export function normEq(pred: FieldValue, t: TruthValue, type: string, verbatim: boolean): boolean {
  const p = pred.value;
  if (p === null) return false;
  if (exactEq(p, t)) return true;
  if (type === "number") {
    const a = typeof pred.normalized === "number" ? pred.normalized : parseAmount(p);
    const b = truthNumber(t, verbatim);
    return a !== undefined && b !== undefined && Math.abs(a - b) < 0.005;
  }
  if (type === "date") {
    const iso = t.iso ?? (verbatim ? (parseDate(t.value, "dmy") ?? parseDate(t.value, "mdy")) : t.value);
    const cands = [pred.normalized, parseDate(p), parseDate(p, "dmy"), parseDate(p, "mdy")];
    return iso !== undefined && cands.includes(iso);
  }
  // The dataset's own rule (a brand label the printed name holds): containment after folding.
  if (t.contains) return fold(t.value).length > 0 && fold(p).includes(fold(t.value));
  return fold(p) === fold(t.value);
}

function iou(a: ApiBBox, b: [number, number, number, number]): number {
  const ix = Math.max(0, Math.min(a.xmax, b[2]) - Math.max(a.xmin, b[0]));
  const iy = Math.max(0, Math.min(a.ymax, b[3]) - Math.max(a.ymin, b[1]));
  const inter = ix * iy;
  const ua = (a.xmax - a.xmin) * (a.ymax - a.ymin) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return ua > 0 ? inter / ua : 0;
}

/** `--iou-misses` (read here, so bench.ts needs no flag): print each correct value whose box has IoU < 0.7. */
const IOU_MISSES = process.argv.includes("--iou-misses");
const fmtBox = (b: readonly number[]) => `[${b.map((v) => Math.round(v)).join(",")}]`;

/** One line of `--iou-misses`: the predicted box beside the nearest truth occurrence (0–1000 grid). */
function iouMiss(doc: TruthDoc, path: string, pred: FieldValue, t: TruthValue, i: number): string {
  const b = pred.bbox;
  const p = b ? [b.xmin, b.ymin, b.xmax, b.ymax] : [];
  const same = t.boxes.filter((x) => x.page === (pred.page ?? 0));
  const dist = (x: readonly number[]) => (p.length ? Math.abs(x[0]! - p[0]!) + Math.abs(x[1]! - p[1]!) : 0);
  const near = [...same].sort((a, c) => dist(a.box) - dist(c.box))[0];
  const truth = near
    ? `${fmtBox(near.box)}${same.length > 1 ? ` (1 of ${same.length})` : ""}`
    : `none on p${pred.page ?? 0} (${t.boxes.map((x) => `p${x.page}`).join(",")})`;
  return `${doc.id} ${path} p${pred.page ?? 0} ${JSON.stringify(t.value)}: ${b ? fmtBox(p) : "no box"} vs ${truth} IoU ${i.toFixed(2)}`;
}

/** Best IoU of a predicted box with any truth occurrence on the same page (undefined: no truth box). */
export function bestIou(pred: FieldValue, t: TruthValue): number | undefined {
  if (t.boxes.length === 0) return undefined;
  if (!pred.bbox) return 0;
  const same = t.boxes.filter((b) => b.page === (pred.page ?? 0));
  return Math.max(0, ...same.map((b) => iou(pred.bbox!, b.box)));
}

/** Record one predicted value against its truth (or its absence) into the tally. */
function value(tally: Tally, doc: TruthDoc, path: string, pred: FieldValue | undefined, t: TruthValue | undefined, type: string, flagged: boolean) {
  const has = pred?.value != null;
  if (!has && !t) return false;
  const correct = has && t ? (doc.verbatim ? exactEq(pred!.value!, t) : normEq(pred!, t, type, false)) : false;
  if (!correct && tally.errors.length < 2000) {
    const accepted = has && pred!.match_ratio >= 0.85 && !flagged;
    tally.errors.push(
      `${doc.id} ${path}: ${JSON.stringify(pred?.value ?? null)} ≠ ${JSON.stringify(t?.value ?? null)} [${pred?.match_ratio ?? 0}${accepted ? ", ACCEPTED" : ""}]`,
    );
  }
  if (has) {
    const exact = t ? exactEq(pred!.value!, t) : false;
    tally.judged.push({
      doc: doc.id,
      path,
      type,
      correct,
      exact,
      normalized: t ? normEq(pred!, t, type, doc.verbatim) : false,
      ratio: pred!.match_ratio,
      value: pred!.value!,
      ...(t ? { truth: t.value } : {}),
    });
    const hi = pred!.match_ratio >= 0.85;
    if (hi) {
      tally.calib.hi++;
      if (correct) tally.calib.hiCorrect++;
    } else {
      tally.calib.lo++;
      if (correct) tally.calib.loCorrect++;
    }
    tally.auto.values++;
    if (hi && !flagged) {
      tally.auto.accepted++;
      if (correct) tally.auto.acceptedCorrect++;
    }
  }
  if (correct && t) {
    const i = bestIou(pred!, t);
    if (i !== undefined) {
      tally.iou.correct++;
      if (i >= 0.7) tally.iou.ok++;
      else if (IOU_MISSES) console.log(`  ◻ ${iouMiss(doc, path, pred!, t, i)}`);
    }
  }
  return correct;
}

/** Align predicted rows to truth rows in order, maximising agreeing cells (LCS-style DP). */
function alignRows(
  pred: Array<Record<string, FieldValue>>,
  truth: Array<Record<string, TruthValue>>,
  ok: (p: FieldValue, t: TruthValue, col: string) => boolean,
) {
  const n = pred.length;
  const m = truth.length;
  const s = (i: number, j: number) =>
    LINE_COLUMNS.reduce((a, c) => a + (pred[i]![c] && truth[j]![c] && pred[i]![c]!.value != null && ok(pred[i]![c]!, truth[j]![c]!, c) ? 1 : 0), 0);
  const dp = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const sc = s(i, j);
      dp[i]![j] = Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!, sc > 0 ? sc + dp[i + 1]![j + 1]! : 0);
    }
  const pairs = new Map<number, number>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const sc = s(i, j);
    if (sc > 0 && dp[i]![j] === sc + dp[i + 1]![j + 1]!) {
      pairs.set(i, j);
      i++;
      j++;
    } else if (dp[i]![j] === dp[i + 1]![j]) i++;
    else j++;
  }
  return pairs;
}

/** Score one document's result (engine or baseline) into the tally. */
export function scoreDoc(tally: Tally, doc: TruthDoc, fields: FieldSpec[], data: Record<string, FieldResult>, issues: CheckIssue[]) {
  const flagged = new Set(issues.flatMap((i) => i.fields));
  tally.documents++;
  const failedCodes = new Set(issues.filter((i) => i.severity === "error").map((i) => i.code));
  if (failedCodes.size > 0) tally.failed.documents++;
  for (const c of failedCodes) tally.failed.codes[c] = (tally.failed.codes[c] ?? 0) + 1;
  for (const f of fields) {
    if (f.type === "array") continue;
    const t = doc.fields[f.name];
    const r = data[f.name];
    const pred = r && !isArrayValue(r) ? r : undefined;
    // Partial truth (real-dev): only the annotated fields can be judged.
    if (!t && (!doc.complete || doc.unjudged.has(f.name))) continue;
    value(tally, doc, f.name, pred, t, f.type, flagged.has(f.name));
    if (!t) continue;
    const row = tally.fields[f.name] ?? { exact: 0, normalized: 0, total: 0, predicted: 0 };
    tally.fields[f.name] = row;
    row.total++;
    if (pred?.value != null) {
      row.predicted++;
      if (exactEq(pred.value, t)) row.exact++;
      if (normEq(pred, t, f.type, doc.verbatim)) row.normalized++;
    }
  }
  const items = fields.find((f) => f.type === "array");
  if (!items || !doc.lineItems) return;
  const typeOf = (c: string) => items.children?.find((x) => x.name === c)?.type ?? "string";
  const r = data[items.name];
  const pred = r && isArrayValue(r) ? r.value.map((row) => row.field_bboxes) : [];
  const ok = (p: FieldValue, t: TruthValue, c: string) => (doc.verbatim ? exactEq(p.value!, t) : normEq(p, t, typeOf(c), false));
  const pairs = alignRows(pred, doc.lineItems, ok);
  for (const t of doc.lineItems) for (const c of LINE_COLUMNS) if (t[c]) tally.cells.truth++;
  pred.forEach((row, i) => {
    const j = pairs.get(i);
    for (const c of LINE_COLUMNS) {
      const p = row[c];
      if (p?.value == null) continue;
      tally.cells.predicted++;
      const t = j === undefined ? undefined : doc.lineItems![j]![c];
      const path = `${items.name}.${i}.${c}`;
      const good = value(tally, doc, path, p, t ?? { value: "\u0000", boxes: [] }, typeOf(c), flagged.has(path));
      if (good && t) tally.cells.tp++;
    }
  });
}
