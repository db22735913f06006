"use client";

import type { Row } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { oneLineValue } from "@/lib/sheet/queue";
import { DuplicateBadge } from "./DuplicateBadge";
import { cssId, type F } from "./features";
import { cellFor, docStatus, type GridRow, type GridSelection, type ValueColumn } from "./model";
import styles from "./sheet-grid.module.css";

export interface GridRowViewProps {
  row: Row<F, GridRow>;
  index: number;
  top: number;
  cols: ValueColumn[];
  /** passed in (not read from `row`) so memo sees expansion changes. */
  expanded: boolean;
  /** the selected path when it is in this row. */
  selected: string | null;
  onSelect(sel: GridSelection): void;
  onTypeInCell?(sel: GridSelection, text: string): void;
}

/** One virtual row; memoized so a selection change re-renders two rows, not all. */
export const GridRowView = memo(function GridRowView({ row, index, top, cols, expanded, selected, onSelect, onTypeInCell }: GridRowViewProps) {
  const r = row.original;
  const status = docStatus(r.doc);
  const t = useTranslations("docStatus");
  const statusText = t.has(status.code) ? t(status.code, { count: status.count ?? 0, total: status.total ?? 0 }) : status.label;
  return (
    <tr
      className={`${styles.row} ${r.kind === "item" ? styles.itemRow : ""}`}
      aria-rowindex={index + 2}
      aria-expanded={r.kind === "doc" && row.getCanExpand() ? expanded : undefined}
      data-row-id={r.id}
      style={{ transform: `translateY(${top}px)` }}
    >
      <td className={`${styles.td} ${styles.statusCell}`} style={{ width: "var(--col-status)" }}>
        {r.kind === "doc" ? (
          <>
            {row.getCanExpand() ? (
              <button type="button" className={styles.expander} onClick={row.getToggleExpandedHandler()} aria-label={expanded ? t("collapse") : t("expand")}>
                {expanded ? "▾" : "▸"}
              </button>
            ) : (
              <span className={styles.expander} />
            )}
            <span
              className={`${styles.status} ${styles[`status_${r.doc.status}`] ?? ""} ${status.incomplete ? styles.status_incomplete : ""}`}
              title={r.doc.error ?? undefined}
              data-testid="doc-status"
              data-status={r.doc.status}
            >
              {statusText}
            </span>
            {r.toReview > 0 ? (
              <span className={styles.badge} title={t("toReview")}>
                {r.toReview}
              </span>
            ) : null}
            <span className={styles.fileName} title={r.doc.fileName}>
              {r.doc.fileName}
            </span>
            <DuplicateBadge doc={r.doc} onSelect={onSelect} />
          </>
        ) : (
          <span className={styles.itemLabel}>
            ↳ {r.array.replace(/_/g, " ")} {r.index + 1}
          </span>
        )}
      </td>
      {cols.map((col) => {
        const ref = cellFor(r, col);
        const width = `var(--col-${cssId(col.id)})`;
        if (!ref) return <td key={col.id} className={`${styles.td} ${styles.blank}`} style={{ width }} />;
        const isSel = selected === ref.path;
        const pending = r.doc.status === "queued" || r.doc.status === "processing";
        return (
          <td
            key={col.id}
            tabIndex={isSel ? 0 : -1}
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a selectable cell of the grid; gridcell carries aria-selected
            role="gridcell"
            aria-selected={isSel}
            data-document-id={r.doc.documentId}
            data-path={ref.path}
            data-column-id={col.id}
            data-state={ref.cell.state}
            className={`${styles.td} ${pending ? styles.pending : styles[ref.cell.state]} ${isSel ? styles.selected : ""} ${col.type === "number" ? styles.num : ""}`}
            style={{ width }}
            title={ref.cell.reasons.join("\n") || undefined}
            onClick={() => onSelect({ documentId: r.doc.documentId, path: ref.path })}
            onKeyDown={(e) => {
              const sel = { documentId: r.doc.documentId, path: ref.path };
              const typed = e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== " ";
              if (onTypeInCell && (typed || e.key === "F2")) {
                // Spreadsheet style: typing on a cell starts editing it with that key.
                e.preventDefault();
                onSelect(sel);
                onTypeInCell(sel, typed ? e.key : "");
              } else if (e.key === "Enter" || e.key === " ") onSelect(sel);
            }}
          >
            {pending ? "…" : oneLineValue(ref.cell.value)}
          </td>
        );
      })}
    </tr>
  );
});
