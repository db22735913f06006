"use client";

import { type ColumnDef, type ExpandedState, type FilterFn, type Row, type SortFn, functionalUpdate, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SheetRow, SpaceSchema } from "@/lib/sheet/types";
import {
  buildGridRows,
  columnIdFor,
  compareKeys,
  filterText,
  type GridRow,
  type GridSelection,
  moveSelection,
  rowIdFor,
  sortKey,
  type ValueColumn,
  valueColumns,
} from "./model";
import styles from "./sheet-grid.module.css";
import { StateLegend } from "./StateLegend";
import { cssId, type F, features } from "./features";
import { GridRowView } from "./GridRowView";

const ROW_HEIGHT = 30;

const getRowId = (r: GridRow) => r.id;
const getSubRows = (r: GridRow) => r.subRows;
const getRowCanExpand = (r: Row<F, GridRow>) => r.original.subRows.length > 0;
const getColumnCanGlobalFilter = () => true;

export interface SheetGridProps {
  schema: SpaceSchema;
  rows: SheetRow[];
  selected: GridSelection | null;
  onSelect(sel: GridSelection): void;
  /** a printable key (or F2, with "") typed on a selected cell: the owner opens its editor with it. */
  onTypeInCell?(sel: GridSelection, text: string): void;
  /** "Mark all reviewed": the documents the filter shows that are done with nothing left to review. */
  onMarkAllReviewed?(documentIds: string[]): void;
}

/** Case-insensitive "contains" over the value text (numbers as printed). */
const containsText: FilterFn<F, GridRow> = (row, columnId, filterValue) => {
  const needle = String(filterValue ?? "")
    .trim()
    .toLowerCase();
  if (needle === "") return true;
  return String(row.getValue(columnId) ?? "")
    .toLowerCase()
    .includes(needle);
};

function makeColumns(schema: SpaceSchema): { defs: ColumnDef<F, GridRow>[]; cols: ValueColumn[] } {
  const cols = valueColumns(schema);
  const status: ColumnDef<F, GridRow> = {
    id: "status",
    header: "Document",
    size: 260,
    minSize: 120,
    accessorFn: (r) => `${r.doc.fileName} ${r.doc.status}`,
    filterFn: containsText,
    sortFn: (a: Row<F, GridRow>, b: Row<F, GridRow>) => a.original.doc.createdAt.localeCompare(b.original.doc.createdAt),
  };
  const defs = cols.map((col): ColumnDef<F, GridRow> => {
    const sortFn: SortFn<F, GridRow> = (a, b) => compareKeys(sortKey(a.original, col), sortKey(b.original, col));
    return {
      id: col.id,
      header: col.header,
      size: col.child ? 150 : 140,
      minSize: 60,
      accessorFn: (r) => filterText(r, col),
      filterFn: containsText,
      sortFn,
    };
  });
  return { defs: [status, ...defs], cols };
}

/**
 * The sheet: one document per row, one column per field, line items as expandable
 * sub-rows; cells tinted by state; sort, filter, resize; virtualized rows. Each value
 * cell carries data-document-id and data-path; the selected one aria-selected="true".
 */
export function SheetGrid({ schema, rows, selected, onSelect, onTypeInCell, onMarkAllReviewed }: SheetGridProps) {
  const { defs, cols } = useMemo(() => makeColumns(schema), [schema]);
  const tg = useTranslations("grid");
  const tf = useTranslations("fields");
  // A column's header in the reader's language: the catalogue's field names (English keeps the schema's names).
  const headerText = (id: string, fallback: string) => {
    if (id === "status") return tg("document");
    const word = (n: string) => (tf.has(n) ? tf(n) : n);
    const [a = "", c] = id.split(".");
    return c === undefined ? (tf.has(a) ? tf(a) : fallback) : `${word(a)} · ${word(c)}`;
  };
  const data = useMemo(() => buildGridRows(rows), [rows]);
  const [expanded, setExpanded] = useState<ExpandedState>({});

  const onExpandedChange = useCallback((u: ExpandedState | ((old: ExpandedState) => ExpandedState)) => setExpanded((prev) => functionalUpdate(u, prev)), []);
  const state = useMemo(() => ({ expanded }), [expanded]);
  // Every option stays referentially stable: a new function per render would make the
  // table rebuild its row models (10,000 rows) on each scroll frame.
  const table = useTable({
    features,
    columns: defs,
    data,
    getRowId,
    getSubRows,
    getRowCanExpand,
    // Live polling replaces `data` every few seconds: keep what the user opened.
    autoResetExpanded: false,
    state,
    onExpandedChange,
    globalFilterFn: containsText,
    getColumnCanGlobalFilter,
    columnResizeMode: "onChange",
    enableSortingRemoval: true,
  });

  const tableRows = table.getRowModel().rows;
  // Documents the current filter shows that could be marked reviewed (done, empty queue).
  const markable = useMemo(
    () =>
      tableRows
        .map((r) => r.original)
        .filter((r) => r.kind === "doc" && r.doc.status === "done" && r.toReview === 0)
        .map((r) => r.doc.documentId),
    [tableRows],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => tableRows[i]?.id ?? i,
    overscan: 12,
  });

  // Widths as CSS variables: one style write per resize instead of one per cell.
  const sizing = table.state.columnSizing;
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when sizing state changes
  const widthVars = useMemo(() => {
    const vars: Record<string, string> = {};
    for (const h of table.getFlatHeaders()) vars[`--col-${cssId(h.column.id)}`] = `${h.getSize()}px`;
    return vars;
  }, [sizing, defs]);

  // Follow an outside selection (a click on the canvas): open its document, scroll to it.
  const selRowId = selected ? rowIdFor(selected) : null;
  useEffect(() => {
    if (!selected || selRowId === selected.documentId) return;
    setExpanded((prev) => (prev === true || prev[selected.documentId] ? prev : { ...prev, [selected.documentId]: true }));
  }, [selected, selRowId]);
  const selIndex = selRowId ? tableRows.findIndex((r) => r.id === selRowId) : -1;
  useEffect(() => {
    if (selIndex < 0) return;
    virtualizer.scrollToIndex(selIndex, { align: "auto" });
    const colId = selected ? columnIdFor(selected.path) : null;
    requestAnimationFrame(() => {
      const el = scrollRef.current?.querySelector(`[data-column-id="${colId}"][aria-selected="true"]`);
      el?.scrollIntoView({ block: "nearest", inline: "nearest" });
    });
  }, [selIndex, selected, virtualizer]);

  const headers = table.getFlatHeaders();
  const totalWidth = table.getTotalSize();

  // Arrow keys move the selection (when a cell, not a filter input, has the focus).
  const onKeyDown = (e: React.KeyboardEvent) => {
    const dir = ({ ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right" } as const)[
      e.key as "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight"
    ];
    if (!dir || !selected || (e.target as HTMLElement).tagName === "INPUT") return;
    const next = moveSelection(
      tableRows.map((r) => r.original),
      cols,
      selected,
      dir,
    );
    e.preventDefault();
    if (next) {
      refocus.current = true;
      onSelect(next);
    }
  };
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current || !selected) return;
    refocus.current = false;
    requestAnimationFrame(() => {
      const el = scrollRef.current?.querySelector<HTMLElement>('[aria-selected="true"][data-path]');
      el?.focus({ preventScroll: true });
    });
  }, [selected]);

  return (
    <section className={styles.grid} aria-label={tg("label")}>
      <div className={styles.tools}>
        <input
          type="search"
          className={styles.search}
          placeholder={tg("filterAll")}
          aria-label={tg("filterAllLabel")}
          value={String(table.state.globalFilter ?? "")}
          onChange={(e) => table.setGlobalFilter(e.target.value)}
        />
        <span className={styles.count} data-testid="grid-row-count">
          {tg("count", { count: rows.length })}
        </span>
        {onMarkAllReviewed && markable.length > 0 ? (
          <button
            type="button"
            className={styles.markAll}
            onClick={() => onMarkAllReviewed(markable)}
            title={tg("markAllTitle")}
            data-testid="mark-all-reviewed"
          >
            {tg("markAll", { count: markable.length })}
          </button>
        ) : null}
        <StateLegend />
      </div>
      <div ref={scrollRef} className={styles.scroll} style={widthVars as React.CSSProperties} onKeyDown={onKeyDown}>
        {/* A real table laid out with flex (as TanStack's virtualized-rows example): semantics stay, rows can be absolutely placed. */}
        <table
          className={styles.table}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a data grid: its cells are selectable, so the table is a grid
          role="grid"
          aria-rowcount={tableRows.length + 1}
          aria-colcount={headers.length}
        >
          <thead className={styles.head} style={{ width: totalWidth }}>
            <tr className={styles.row}>
              {headers.map((h) => {
                const sorted = h.column.getIsSorted();
                return (
                  <th key={h.id} className={styles.th} aria-sort={ariaSort(sorted)} style={{ width: `var(--col-${cssId(h.column.id)})` }}>
                    <button type="button" className={styles.sort} onClick={h.column.getToggleSortingHandler()} title={tg("sort")}>
                      {headerText(h.id, String(h.column.columnDef.header ?? h.id))}
                      <span aria-hidden>{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
                    </button>
                    <input
                      className={styles.colFilter}
                      aria-label={tg("filterColumn", { column: headerText(h.id, String(h.column.columnDef.header ?? h.id)) })}
                      placeholder={tg("filter")}
                      value={String(h.column.getFilterValue() ?? "")}
                      onChange={(e) => h.column.setFilterValue(e.target.value)}
                    />
                    <div
                      className={`${styles.resizer} ${h.column.getIsResizing() ? styles.resizing : ""}`}
                      onMouseDown={h.getResizeHandler()}
                      onTouchStart={h.getResizeHandler()}
                      onDoubleClick={() => h.column.resetSize()}
                      aria-hidden
                    />
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className={styles.body} style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = tableRows[v.index];
              if (!row) return null;
              return (
                <GridRowView
                  key={row.id}
                  row={row}
                  index={v.index}
                  top={v.start}
                  cols={cols}
                  expanded={row.getIsExpanded()}
                  selected={selected && rowIdFor(selected) === row.id ? selected.path : null}
                  onSelect={onSelect}
                  onTypeInCell={onTypeInCell}
                />
              );
            })}
          </tbody>
        </table>
        {tableRows.length === 0 ? <div className={styles.empty}>{tg("empty")}</div> : null}
      </div>
    </section>
  );
}

function ariaSort(s: false | "asc" | "desc"): "ascending" | "descending" | "none" {
  return s === "asc" ? "ascending" : s === "desc" ? "descending" : "none";
}
