import { rowCells } from "./build";
import type { QueueItem, Reason, SheetCell, SheetRow } from "./types";

/**
 * Risk bands, riskiest first. Within a band the lower match ratio comes first.
 * Money = a field typed `number` (amounts, totals, tax): a wrong sum costs real money.
 */
const BAND = { failedMoney: 0, failedOther: 1, missing: 2, lowConfidence: 3 } as const;

/** Whether a cell needs a reviewer: failed check, missing required, or a low ratio. */
export function needsReview(cell: SheetCell): boolean {
  return cell.state === "failed_check" || cell.state === "missing" || cell.state === "low_confidence";
}

/** A cell's risk as one sortable number: band first, then the match ratio or the engine's risk, whichever says less sure. */
export function cellRisk(cell: SheetCell): number {
  let band: number;
  if (cell.state === "failed_check") band = cell.type === "number" ? BAND.failedMoney : BAND.failedOther;
  else if (cell.state === "missing") band = BAND.missing;
  else band = BAND.lowConfidence;
  const sure = Math.min(cell.match_ratio, cell.risk !== undefined ? 1 - cell.risk : 1);
  return band + Math.min(Math.max(sure, 0), 0.999);
}

/**
 * A value on one line, for the places that have one line (a grid cell, a list entry): the lines it was
 * printed on joined with ", " ("641 Elm Avenue\nToronto" → "641 Elm Avenue, Toronto"). Display only: the
 * value keeps its "\n" wherever it is edited (a textarea) or exported (a CSV cell, a wrapped XLSX cell).
 */
export function oneLineValue(value: string | null): string {
  if (value === null) return "";
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(", ");
}

/** "total" → "Total"; "line_items.2.amount" → "Line items · row 3 · Amount". */
export function pathLabel(path: string): string {
  const human = (s: string) => {
    const t = s.replace(/_/g, " ");
    return t.charAt(0).toUpperCase() + t.slice(1);
  };
  const [name = "", index, child] = path.split(".");
  if (index !== undefined && child !== undefined) return `${human(name)} · row ${Number(index) + 1} · ${human(child)}`;
  return human(name);
}

/**
 * The review queue: every value that needs a reviewer, grouped by document so the
 * canvas does not jump between files, documents ordered by their riskiest item, and
 * items inside a document by risk (failed money checks, other failed checks, missing
 * required, then lowest ratio). One check that names several open values (Σ line amounts ≠
 * subtotal names the subtotal and every amount) is ONE item listing them all; a value is an
 * item of its own only for reasons no such group already gives. Reviewed and unfinished
 * documents are skipped.
 */
export function buildReviewQueue(rows: SheetRow[]): QueueItem[] {
  const groups: Array<{ first: number; created: string; items: QueueItem[] }> = [];
  for (const row of rows) {
    if (row.status !== "done") continue;
    const items = rowItems(row).sort((a, b) => a.risk - b.risk || a.path.localeCompare(b.path, "en", { numeric: true }));
    const first = items[0];
    if (first) groups.push({ first: first.risk, created: row.createdAt, items });
  }
  groups.sort((a, b) => a.first - b.first || a.created.localeCompare(b.created));
  return groups.flatMap((g) => g.items);
}

/** One document's items: a group per check naming two or more open values, then the values with reasons left over. */
function rowItems(row: SheetRow): QueueItem[] {
  const open = new Map(
    rowCells(row)
      .filter(needsReview)
      .map((c) => [c.path, c]),
  );
  const items: QueueItem[] = [];
  const grouped = new Set<number>();
  row.issues.forEach((issue, index) => {
    const cells = issue.fields.flatMap((f) => {
      const c = open.get(f);
      return c && (c.why ?? []).some((w) => w.issue === index) ? [c] : [];
    });
    if (cells.length < 2) return;
    grouped.add(index);
    const lead = cells[0]!;
    const reason = (lead.why ?? []).find((w) => w.issue === index)!;
    items.push({
      ...toItem(row, lead),
      // Stable while corrections settle other checks (issue indexes shift): the lead value and the check's code.
      key: `${row.documentId}/${lead.path}#${issue.code}`,
      reasons: [reason.message],
      why: [reason],
      paths: cells.map((c) => c.path),
      involved: cells.map((c) => ({ path: c.path, label: pathLabel(c.path), value: c.value })),
      risk: Math.min(...cells.map(cellRisk)),
    });
  });
  for (const cell of open.values()) {
    const why: Reason[] = cell.why ?? cell.reasons.map((message) => ({ code: "look", message }));
    const own = why.filter((w) => w.issue === undefined || !grouped.has(w.issue));
    // A value whose only reasons are groups it is listed in has no item of its own.
    if (why.length > 0 && own.length === 0) continue;
    // Context words ("inferred from €") alone do not make an item of their own either.
    if (why.length > 0 && own.every((w) => w.code === "inferred")) continue;
    items.push({ ...toItem(row, cell), reasons: own.map((w) => w.message), why: own });
  }
  return items;
}

function toItem(row: SheetRow, cell: SheetCell): QueueItem {
  const why = (cell.why ?? []).length > 0 ? cell.why! : [{ code: "look", message: "needs a look" }];
  return {
    key: `${row.documentId}/${cell.path}`,
    documentId: row.documentId,
    fileName: row.fileName,
    path: cell.path,
    label: pathLabel(cell.path),
    value: cell.value,
    matchRatio: cell.match_ratio,
    page: cell.page,
    vertices: cell.vertices,
    state: cell.state,
    reasons: why.map((w) => w.message),
    why,
    paths: [cell.path],
    involved: [{ path: cell.path, label: pathLabel(cell.path), value: cell.value }],
    risk: cellRisk(cell),
    ...(cell.risk !== undefined ? { chance: cell.risk } : {}),
  };
}

/** Documents that are done and have nothing left to review: they can be marked reviewed. */
export function reviewableDocuments(rows: SheetRow[]): string[] {
  return rows.filter((r) => r.status === "done" && !rowCells(r).some(needsReview)).map((r) => r.documentId);
}
