/** The keyboard-first review queue, a cell's history, and the pure key map. */
export { CellHistory, type CellHistoryProps, formatWhen } from "./CellHistory";
export * from "./keys";
export { ReviewQueue, type ReviewQueueProps } from "./ReviewQueue";
