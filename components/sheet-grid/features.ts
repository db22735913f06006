import {
  columnFilteringFeature,
  columnResizingFeature,
  columnSizingFeature,
  createExpandedRowModel,
  createFilteredRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowExpandingFeature,
  rowSortingFeature,
  tableFeatures,
} from "@tanstack/react-table";

/** The table's features, shared by the grid and its row view (one `F` type for both). */
export const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  rowExpandingFeature,
  columnSizingFeature,
  columnResizingFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  expandedRowModel: createExpandedRowModel(),
});
export type F = typeof features;

/** Column ids hold dots ("line_items.amount"): keep CSS variable names plain. */
export function cssId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "-");
}
