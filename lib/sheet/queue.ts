import { rowCells } from "./build";
import type { QueueItem, SheetCell, SheetRow } from "./types";

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
 * canvas does not jump between files, documents ordered by their riskiest value, and
 * values inside a document by risk (failed money checks, other failed checks,
 * missing required, then lowest ratio). Reviewed and unfinished documents are skipped.
 */
export function buildReviewQueue(rows: SheetRow[]): QueueItem[] {
  const groups: Array<{ first: number; created: string; items: QueueItem[] }> = [];
  for (const row of rows) {
    if (row.status !== "done") continue;
    const items = rowCells(row)
      .filter(needsReview)
      .map((cell) => toItem(row, cell))
      .sort((a, b) => a.risk - b.risk || a.path.localeCompare(b.path, "en", { numeric: true }));
    const first = items[0];
    if (first) groups.push({ first: first.risk, created: row.createdAt, items });
  }
  groups.sort((a, b) => a.first - b.first || a.created.localeCompare(b.created));
  return groups.flatMap((g) => g.items);
}

function toItem(row: SheetRow, cell: SheetCell): QueueItem {
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
    reasons: cell.reasons.length > 0 ? cell.reasons : ["needs a look"],
    risk: cellRisk(cell),
  };
}

/** Documents that are done and have nothing left to review: they can be marked reviewed. */
export function reviewableDocuments(rows: SheetRow[]): string[] {
  return rows.filter((r) => r.status === "done" && !rowCells(r).some(needsReview)).map((r) => r.documentId);
}
