/** The page viewer (react-konva, client only) and its pure geometry. */
export { type CanvasBox, PageCanvas, type PageCanvasProps } from "./PageCanvas";
export * from "./geometry";
