import { type ApiBBox, type CheckIssue, type DocumentResult, type FieldSpec, type FieldValue, isArrayValue, type Point } from "@/lib/engine/types";
import { ACCEPT_RISK } from "@/lib/engine/risk/gate";
import { checkInputs, validate } from "@/lib/engine/validate";
import { type DocumentConventions, learnConventions, normalizeCorrection } from "./conventions";
import type { CellState, CorrectionRecord, DocumentMeta, Reason, SheetCell, SheetRow, SpaceSchema } from "./types";

/** Below this match ratio a value is not trusted (the contract's threshold). */
export const CONFIDENT_RATIO = 0.85;

/** Issue codes that restate a cell's own state rather than a cross-field check. */
const NON_CHECK_CODES = new Set(["low_confidence", "missing_required"]);

export interface BuildSheetRowInput {
  document: DocumentMeta;
  result: DocumentResult | null;
  corrections: CorrectionRecord[];
  schema: SpaceSchema;
}

/** Build one document's row: effective values (latest correction wins) and cell states. */
export function buildSheetRow(input: BuildSheetRowInput): SheetRow {
  const { document, result, schema } = input;
  const byPath = groupCorrections(input.corrections);
  const issues = result ? standingIssues(result, schema.fields, byPath) : [];
  const conventions = learnConventions(result, schema.fields);
  const cells: SheetRow["cells"] = {};
  const arrays: SheetRow["arrays"] = {};

  for (const field of schema.fields) {
    const raw = result?.data[field.name];
    if (field.type === "array") {
      const rows = raw && isArrayValue(raw) ? raw.value : [];
      const count = Math.max(rows.length, correctedRowCount(byPath, field.name));
      const children = field.children ?? [];
      const out: Array<Record<string, SheetCell>> = [];
      for (let i = 0; i < count; i++) {
        const row: Record<string, SheetCell> = {};
        for (const child of children) {
          const path = `${field.name}.${i}.${child.name}`;
          row[child.name] = buildCell(path, child, rows[i]?.field_bboxes[child.name], byPath.get(path), issues, conventions);
        }
        out.push(row);
      }
      arrays[field.name] = out;
    } else {
      const fv = raw && !isArrayValue(raw) ? raw : undefined;
      cells[field.name] = buildCell(field.name, field, fv, byPath.get(field.name), issues, conventions);
    }
  }

  return {
    documentId: document.documentId,
    fileName: document.fileName,
    status: document.status,
    error: document.error ?? null,
    createdAt: document.createdAt,
    pages: document.pages,
    cells,
    arrays,
    issues,
    reviewedAt: document.reviewedAt ?? null,
    conventions,
  };
}

/** Corrections per path, oldest first (ties keep their stored order). */
function groupCorrections(corrections: CorrectionRecord[]): Map<string, CorrectionRecord[]> {
  const sorted = corrections
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.createdAt.localeCompare(b.c.createdAt) || a.i - b.i)
    .map(({ c }) => c);
  const map = new Map<string, CorrectionRecord[]>();
  for (const c of sorted) {
    const list = map.get(c.path);
    if (list) list.push(c);
    else map.set(c.path, [c]);
  }
  return map;
}

/** A reviewer may add a line the engine missed: "line_items.7.amount" makes 8 rows. */
function correctedRowCount(byPath: Map<string, CorrectionRecord[]>, arrayName: string): number {
  let count = 0;
  const prefix = `${arrayName}.`;
  for (const [path, list] of byPath) {
    if (!path.startsWith(prefix)) continue;
    const index = Number(path.slice(prefix.length).split(".")[0]);
    if (Number.isInteger(index) && list.some((c) => c.kind === "edit")) count = Math.max(count, index + 1);
  }
  return count;
}

function buildCell(
  path: string,
  spec: FieldSpec,
  fv: FieldValue | undefined,
  history: CorrectionRecord[] | undefined,
  issues: CheckIssue[],
  conventions: DocumentConventions,
): SheetCell {
  const original = fv?.value ?? null;
  const required = spec.required === true;
  const ratio = fv?.match_ratio ?? 0;
  const named = issues.flatMap((issue, index) => (issue.fields.includes(path) && !NON_CHECK_CODES.has(issue.code) ? [{ issue, index }] : []));
  const failed = named.filter((n) => n.issue.severity === "error");
  const warned = named.filter((n) => n.issue.severity === "warning");
  const why: Reason[] = [...failed, ...warned].map(({ issue, index }) => ({
    code: issue.code,
    message: issue.message,
    params: { value: original ?? "", ...(fv?.risk !== undefined ? { percent: riskPercent(fv.risk) } : {}) },
    issue: index,
  }));
  // Any doubt the engine raised (a warning, or a risk at or above the gate) is review work:
  // a cell is never tinted confident while its inspector lists a reason.
  const risky = original !== null && fv?.risk !== undefined && fv.risk >= ACCEPT_RISK;
  let state: CellState;
  if (failed.length > 0) state = "failed_check";
  else if (original === null) state = required ? "missing" : "not_on_document";
  else if (ratio < CONFIDENT_RATIO || warned.length > 0 || risky) state = "low_confidence";
  else state = "confident";

  const inferredFrom = fv?.bbox_source === "inferred" && original !== null ? (fv.inferred_from ?? "") : undefined;
  if (state === "missing") why.push({ code: "missing", message: "required field not found on the document" });
  if (original !== null && ratio < CONFIDENT_RATIO) why.push(ratioWhy(ratio));
  if (risky && why.length === 0) why.push(riskWhy(fv.risk!));
  // An inferred value is not "missing from the page": say where it comes from.
  if (inferredFrom !== undefined && why.length > 0) why.unshift(inferredWhy(inferredFrom));
  const reasons = why.map((w) => w.message);

  const cell: SheetCell = {
    path,
    value: original,
    original,
    page: fv?.page ?? null,
    bbox: fv?.bbox ?? null,
    vertices: fv?.vertices ?? null,
    match_ratio: ratio,
    bbox_source: fv?.bbox_source ?? null,
    ...(original !== null && fv?.risk !== undefined ? { risk: fv.risk } : {}),
    state,
    reasons,
    why,
    ...(inferredFrom !== undefined ? { inferredFrom } : {}),
    type: spec.type,
    required,
    history: history ?? [],
  };
  if (fv?.normalized !== undefined) {
    cell.normalized = fv.normalized;
    cell.originalNormalized = fv.normalized;
  }
  return history && history.length > 0 ? withHistory(cell, history, conventions) : cell;
}

/**
 * The cell as its corrections leave it: the latest decides value and state; the
 * latest edit with a drawn box decides where the value sits on the page.
 */
function withHistory(base: SheetCell, history: CorrectionRecord[], conventions: DocumentConventions = {}): SheetCell {
  const cell: SheetCell = { ...base, history };
  const latest = history.at(-1);
  if (!latest) return cell;
  cell.correction = latest;
  if (latest.kind === "accept") {
    cell.state = "accepted";
  } else if (latest.kind === "not_on_document") {
    cell.state = "not_on_document";
    cell.value = null;
    delete cell.normalized;
  } else {
    cell.state = "corrected";
    cell.value = latest.newValue;
    // What the service stored (read with the document's conventions, or the reviewer's pick
    // when it was ambiguous) wins; older corrections are read again here.
    const normalized = latest.normalized !== undefined ? (latest.normalized ?? undefined) : normalizeFor(cell, latest.newValue, conventions);
    if (normalized === undefined) delete cell.normalized;
    else cell.normalized = normalized;
    const drawn = [...history].reverse().find((c) => c.kind === "edit" && c.box);
    if (drawn?.box) {
      cell.bbox = drawn.box;
      cell.vertices = boxToVertices(drawn.box);
      cell.page = drawn.page;
    }
  }
  return cell;
}

/**
 * Apply one new correction to a built row (optimistic UI before the server answers).
 * Cells the row does not have yet (a new line item) wait for the next load.
 */
export function applyCorrection(row: SheetRow, c: CorrectionRecord): SheetRow {
  const cell = cellAt(row, c.path);
  if (!cell) return row;
  const next = withHistory(cell, [...cell.history, c], row.conventions);
  if (row.cells[c.path]) return { ...row, cells: { ...row.cells, [c.path]: next } };
  const [name = "", index, child = ""] = c.path.split(".");
  const items = (row.arrays[name] ?? []).map((item, i) => (i === Number(index) ? { ...item, [child]: next } : item));
  return { ...row, arrays: { ...row.arrays, [name]: items } };
}

/** A risk in percent as the reasons print it (one decimal below 1 %). */
export function riskPercent(risk: number): string {
  return risk < 0.01 ? (risk * 100).toFixed(1) : String(Math.round(risk * 100));
}

/** The reason a risky value is queued when no check says more, in words. */
export function riskReason(risk: number): string {
  return `the engine estimates a ${riskPercent(risk)} % chance that it is wrong`;
}

/** The reason a low match ratio queues a value, in words. */
export function ratioReason(ratio: number): string {
  if (ratio <= 0) return "the value was not found on the page";
  return `only ${Math.round(ratio * 100)} % of the characters were found on the page`;
}

const riskWhy = (risk: number): Reason => ({ code: "risk", message: riskReason(risk), params: { percent: riskPercent(risk) } });
const ratioWhy = (ratio: number): Reason =>
  ratio <= 0
    ? { code: "not_found", message: ratioReason(ratio) }
    : { code: "ratio", message: ratioReason(ratio), params: { percent: Math.round(ratio * 100) } };
/** The note an inferred value carries ("inferred from “€” printed on the page"). */
export const inferredWhy = (mark: string): Reason => ({
  code: "inferred",
  message: mark ? `inferred from “${mark}” printed on the page (the box shows it), not printed as such` : "inferred, not printed as such",
  params: { mark },
});

/** Cross-field checks the sheet can run again once a reviewer changed one of their values. */
const RECHECKED = new Set(["line_amount", "subtotal_sum", "total_sum", "tax_rate", "total_range"]);

/**
 * The engine's issues as the reviewer's corrections leave them. A cross-field check (Σ lines ≠
 * subtotal) that names an edited value is run again on the corrected values: gone when the numbers
 * now agree (one fix settles the whole check, so its other values leave the queue), re-worded with
 * the new numbers when they still disagree. Every other issue stands as the engine reported it.
 */
export function standingIssues(result: DocumentResult, fields: FieldSpec[], byPath: Map<string, CorrectionRecord[]>): CheckIssue[] {
  const changed = new Set<string>();
  for (const [path, list] of byPath) {
    const latest = list.at(-1);
    if (latest && latest.kind !== "accept") changed.add(path);
  }
  const touched = (i: CheckIssue) => RECHECKED.has(i.code) && checkInputs(i).some((f) => changed.has(f));
  if (!result.issues.some(touched)) return result.issues;
  const again = validate(fields, effectiveData(result.data, byPath, changed));
  return result.issues.flatMap((issue) => {
    if (!touched(issue)) return [issue];
    const now = again.find((n) => n.code === issue.code && n.fields[0] === issue.fields[0]);
    if (!now) return [];
    const { reads: _, ...rest } = issue;
    return [{ ...rest, message: now.message, fields: now.fields, severity: now.severity, ...(now.reads ? { reads: now.reads } : {}) }];
  });
}

/** The engine's data with the reviewer's latest edits (and "not on document" as null) in place. */
function effectiveData(data: DocumentResult["data"], byPath: Map<string, CorrectionRecord[]>, changed: Set<string>): DocumentResult["data"] {
  const out: DocumentResult["data"] = { ...data };
  for (const path of changed) {
    const latest = byPath.get(path)?.at(-1);
    if (!latest) continue;
    const value = latest.kind === "edit" ? latest.newValue : null;
    const [name = "", index, child] = path.split(".");
    const r = out[name];
    if (index === undefined || child === undefined) {
      const base = r && !isArrayValue(r) ? r : { value: null, bbox: null, vertices: null, match_ratio: 0, bbox_source: null, page: null };
      out[name] = { ...base, value };
      continue;
    }
    if (!r || !isArrayValue(r)) continue;
    const rows = [...r.value];
    const i = Number(index);
    const row = rows[i];
    if (!row) continue;
    const cell = row.field_bboxes[child] ?? { value: null, bbox: null, vertices: null, match_ratio: 0, bbox_source: null, page: null };
    rows[i] = { field_bboxes: { ...row.field_bboxes, [child]: { ...cell, value } } };
    out[name] = { ...r, value: rows };
  }
  return out;
}

/** Normalize a corrected value for its field with the document's conventions, or undefined when unsure. */
export function normalizeFor(cell: Pick<SheetCell, "type" | "path">, value: string | null, conventions: DocumentConventions = {}): number | string | undefined {
  const name = cell.path.split(".").at(-1) ?? cell.path;
  const reading = normalizeCorrection({ type: cell.type, name }, value, conventions);
  return reading.status === "ok" ? reading.normalized : undefined;
}

/** The four corners tl, tr, br, bl of an axis-aligned box. */
export function boxToVertices(box: ApiBBox): Point[] {
  return [
    { x: box.xmin, y: box.ymin },
    { x: box.xmax, y: box.ymin },
    { x: box.xmax, y: box.ymax },
    { x: box.xmin, y: box.ymax },
  ];
}

/** Every cell of a row with its path, scalars first, then array rows in order. */
export function rowCells(row: SheetRow): SheetCell[] {
  const out = Object.values(row.cells);
  for (const items of Object.values(row.arrays)) {
    for (const item of items) out.push(...Object.values(item));
  }
  return out;
}

/** Find a cell of a row by its path ("total", "line_items.2.amount"). */
export function cellAt(row: SheetRow, path: string): SheetCell | undefined {
  const direct = row.cells[path];
  if (direct) return direct;
  const [name, index, child] = path.split(".");
  if (name === undefined || index === undefined || child === undefined) return undefined;
  return row.arrays[name]?.[Number(index)]?.[child];
}
