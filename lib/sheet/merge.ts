import type { SheetRow } from "./types";

/**
 * Merge rows into the list by documentId, keeping upload order. `onlyNew` (background
 * windows of a big space) never replaces a row the poller may already have refreshed.
 */
export function mergeRows(prev: SheetRow[], changed: SheetRow[], onlyNew = false): SheetRow[] {
  if (changed.length === 0) return prev;
  const byId = new Map(prev.map((r) => [r.documentId, r]));
  for (const r of changed) if (!onlyNew || !byId.has(r.documentId)) byId.set(r.documentId, r);
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.documentId.localeCompare(b.documentId));
}
