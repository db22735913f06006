/** Client-side upload: drop zone, PDF rasterizing with pdfjs, per-file progress. */
export { UploadPanel, type UploadPanelProps } from "./UploadPanel";
export * from "./state";
export * from "./textLayer";
