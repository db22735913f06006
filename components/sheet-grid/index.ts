/** The sheet grid (TanStack Table v9 + Virtual) and its pure row/column model. */
export { SheetGrid, type SheetGridProps } from "./SheetGrid";
export { StateLegend } from "./StateLegend";
export * from "./model";
