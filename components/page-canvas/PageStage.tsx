"use client";

import type Konva from "konva";
import type { KonvaEventObject } from "konva/lib/Node";
import { memo, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from "react";
import { Image as KonvaImage, Layer, Line, Rect, Stage } from "react-konva";
import type { ApiBBox, Point } from "@/lib/engine/types";
import type { CellState } from "@/lib/sheet/types";
import {
  bboxToVertices,
  boxId,
  fitTransform,
  fitWidthTransform,
  focusTransform,
  type PageSize,
  panIntoView,
  pointsBounds,
  rectToGridBox,
  type ViewTransform,
  verticesToPoints,
  zoomAt,
} from "./geometry";

/** One value drawn on the page. */
export interface CanvasBox {
  path: string;
  /** 0-based page index the value lives on. */
  page: number;
  vertices: Point[] | null;
  bbox: ApiBBox | null;
  state: CellState;
}

/** Imperative controls the toolbar uses. */
export interface PageStageHandle {
  zoomBy(factor: number): void;
  fit(): void;
  actualSize(): void;
}

export interface PageStageProps {
  /** the image shown: the page itself or its flattened sheet (then `toShown` maps boxes onto it). */
  page: PageSize & { imageUrl: string; index: number };
  /** original page grid → the shown image's grid (a flattened photo); identity when absent. */
  toShown?(p: Point): Point;
  /** the shown image's grid → original page grid (boxes drawn on a flattened photo are stored on the original). */
  fromShown?(p: Point): Point;
  boxes: CanvasBox[];
  selectedPath: string | null;
  onSelectPath(path: string): void;
  onDrawBox?(box: ApiBBox, page: number): void;
  mode: "select" | "draw";
  /** viewport size in CSS pixels. */
  width: number;
  height: number;
  handleRef?: React.Ref<PageStageHandle>;
  onScaleChange?(scale: number): void;
  /** "width": fill the pane's width (the document view); "page": the whole page (default). */
  fit?: "page" | "width";
  /** keep the zoom when the selection changes, only pan to it (the document view). */
  steadyZoom?: boolean;
}

/** Stroke colours per state; faint so the page stays readable. */
export const STATE_COLOURS: Record<CellState, string> = {
  confident: "#16a34a",
  low_confidence: "#d97706",
  failed_check: "#dc2626",
  corrected: "#2563eb",
  accepted: "#0d9488",
  missing: "#9333ea",
  not_on_document: "#6b7280",
};

function useHtmlImage(url: string): { image: HTMLImageElement | null; failed: boolean } {
  const [state, setState] = useState<{ url: string; image: HTMLImageElement | null; failed: boolean }>({
    url,
    image: null,
    failed: false,
  });
  useEffect(() => {
    const img = new window.Image();
    let live = true;
    img.onload = () => live && setState({ url, image: img, failed: false });
    img.onerror = () => live && setState({ url, image: null, failed: true });
    img.src = url;
    return () => {
      live = false;
      img.onload = null;
      img.onerror = null;
    };
  }, [url]);
  return state.url === url ? state : { image: null, failed: false };
}

/** A box's vertices on the original page's grid: its vertices, else its bbox corners. */
function boxVertices(box: CanvasBox): Point[] | null {
  return box.vertices && box.vertices.length >= 3 ? box.vertices : box.bbox ? bboxToVertices(box.bbox) : null;
}

/** The points of a box in the shown image's pixels (each corner mapped: a homography keeps straight edges straight). */
function boxPoints(box: CanvasBox, size: PageSize, toShown?: (p: Point) => Point): number[] | null {
  const v = boxVertices(box);
  return v ? verticesToPoints(toShown ? v.map(toShown) : v, size) : null;
}

/** A box drawn on the shown image as a grid bbox of the original page (the bbox of its mapped corners). */
function drawnBox(box: ApiBBox, fromShown?: (p: Point) => Point): ApiBBox {
  if (!fromShown) return box;
  const corners = bboxToVertices(box).map(fromShown);
  const clamp = (v: number) => Math.min(1000, Math.max(0, Math.round(v)));
  return {
    xmin: clamp(Math.min(...corners.map((c) => c.x))),
    ymin: clamp(Math.min(...corners.map((c) => c.y))),
    xmax: clamp(Math.max(...corners.map((c) => c.x))),
    ymax: clamp(Math.max(...corners.map((c) => c.y))),
  };
}

/**
 * The page with its value boxes. Shapes are in page pixels; the Stage carries the
 * zoom/pan. e2e tests read `window.Konva.stages[0]`: `.selected-polygon` has
 * `points()` = shown vertices × (page.width|height)/1000, the original page's grid vertices in
 * its `gridVertices` attr and the shown image's in `shownVertices` (the same unless the stage's
 * `flattened` attr says a flattened photo is shown); every value is a `.value-box` with id
 * `boxId(path)` and a `path` attr.
 */
function PageStageImpl(props: PageStageProps) {
  const { page, boxes, selectedPath, onSelectPath, onDrawBox, mode, width, height, onScaleChange, toShown, fromShown } = props;
  const stageRef = useRef<Konva.Stage>(null);
  const { image, failed } = useHtmlImage(page.imageUrl);
  const size = useMemo(() => ({ width: page.width, height: page.height }), [page.width, page.height]);
  const viewport = useMemo(() => ({ width, height }), [width, height]);
  const fitMode = props.fit ?? "page";
  const steady = props.steadyZoom ?? false;
  const fit = useMemo(() => (fitMode === "width" ? fitWidthTransform(size, viewport) : fitTransform(size, viewport)), [size, viewport, fitMode]);
  const [view, setView] = useState<ViewTransform>(fit);
  const [draft, setDraft] = useState<{ a: Point; b: Point } | null>(null);

  const pageBoxes = useMemo(
    () =>
      boxes
        .filter((b) => b.page === page.index)
        .map((b) => ({ box: b, points: boxPoints(b, size, toShown) }))
        .filter((b): b is { box: CanvasBox; points: number[] } => b.points !== null),
    [boxes, page.index, size, toShown],
  );
  const selected = pageBoxes.find((b) => b.box.path === selectedPath) ?? null;

  // A new page or viewport starts from "fit"; the focus effect below may then zoom in.
  useEffect(() => setView(fit), [fit]);
  useEffect(() => onScaleChange?.(view.scale), [view.scale, onScaleChange]);

  const selectedKey = selected ? `${selected.box.path}:${selected.points.join(",")}` : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus only when the selection (or page fit) changes, not on every pan
  useEffect(() => {
    if (!selected) return;
    const target = pointsBounds(selected.points);
    setView((v) => (steady ? panIntoView(v, viewport, target) : focusTransform(v, viewport, target, fit.scale)));
  }, [selectedKey, fit]);

  useImperativeHandle(
    props.handleRef,
    () => ({
      zoomBy: (factor) => setView((v) => zoomAt(v, { x: width / 2, y: height / 2 }, factor)),
      fit: () => setView(fit),
      actualSize: () => setView((v) => zoomAt(v, { x: width / 2, y: height / 2 }, 1 / v.scale)),
    }),
    [fit, width, height],
  );

  const onWheel = useCallback(
    (e: KonvaEventObject<WheelEvent>) => {
      e.evt.preventDefault();
      const stage = stageRef.current;
      const pointer = stage?.getPointerPosition();
      if (!pointer) return;
      // Fit-to-width pages are taller than the pane: the wheel scrolls, Ctrl+wheel zooms.
      if (fitMode === "width" && !e.evt.ctrlKey) {
        setView((v) => ({ ...v, x: v.x - e.evt.deltaX, y: v.y - e.evt.deltaY }));
        return;
      }
      const factor = e.evt.deltaY > 0 ? 1 / 1.1 : 1.1;
      setView((v) => zoomAt(v, pointer, factor));
    },
    [fitMode],
  );

  const onDragEnd = useCallback((e: KonvaEventObject<DragEvent>) => {
    const stage = stageRef.current;
    if (!stage || e.target !== stage) return;
    setView((v) => ({ ...v, x: stage.x(), y: stage.y() }));
  }, []);

  const pagePointer = (): Point | null => stageRef.current?.getRelativePointerPosition() ?? null;
  const onMouseDown = () => {
    if (mode !== "draw") return;
    const p = pagePointer();
    if (p) setDraft({ a: p, b: p });
  };
  const onMouseMove = () => {
    if (mode !== "draw" || !draft) return;
    const p = pagePointer();
    if (p) setDraft({ a: draft.a, b: p });
  };
  const onMouseUp = () => {
    if (mode !== "draw" || !draft) return;
    const box = rectToGridBox(draft.a, draft.b, size);
    setDraft(null);
    // A click without a drag is not a box.
    if (box.xmax - box.xmin >= 3 && box.ymax - box.ymin >= 3) onDrawBox?.(drawnBox(box, fromShown), page.index);
  };

  return (
    <Stage
      ref={stageRef}
      width={width}
      height={height}
      scaleX={view.scale}
      scaleY={view.scale}
      x={view.x}
      y={view.y}
      draggable={mode === "select"}
      onWheel={onWheel}
      onDragEnd={onDragEnd}
      onMouseDown={onMouseDown}
      onMouseMove={onMouseMove}
      onMouseUp={onMouseUp}
      onTouchStart={onMouseDown}
      onTouchMove={onMouseMove}
      onTouchEnd={onMouseUp}
      pageIndex={page.index}
      pageWidth={page.width}
      pageHeight={page.height}
      flattened={Boolean(toShown)}
    >
      <Layer listening={false}>
        <Rect name="page-paper" width={page.width} height={page.height} fill="#ffffff" />
        {image ? <KonvaImage name="page-image" image={image} width={page.width} height={page.height} /> : null}
      </Layer>
      <Layer>
        {pageBoxes.map(({ box, points }) => (
          <Line
            key={box.path}
            id={boxId(box.path)}
            name="value-box"
            path={box.path}
            cellState={box.state}
            points={points}
            closed
            stroke={STATE_COLOURS[box.state]}
            strokeWidth={1.5}
            strokeScaleEnabled={false}
            opacity={box.path === selectedPath ? 0.9 : 0.55}
            fill={`${STATE_COLOURS[box.state]}1f`}
            perfectDrawEnabled={false}
            listening={mode === "select"}
            onClick={() => onSelectPath(box.path)}
            onTap={() => onSelectPath(box.path)}
            onMouseEnter={(e) => {
              const c = e.target.getStage()?.container();
              if (c) c.style.cursor = "pointer";
            }}
            onMouseLeave={(e) => {
              const c = e.target.getStage()?.container();
              if (c) c.style.cursor = "";
            }}
          />
        ))}
        {selected ? (
          <Line
            id="selected-polygon"
            name="selected-polygon"
            path={selected.box.path}
            gridVertices={boxVertices(selected.box)}
            shownVertices={toShown ? boxVertices(selected.box)?.map(toShown) : boxVertices(selected.box)}
            points={selected.points}
            closed
            stroke="#f59e0b"
            strokeWidth={3}
            strokeScaleEnabled={false}
            fill="rgba(245, 158, 11, 0.18)"
            shadowColor="#f59e0b"
            shadowBlur={8}
            listening={false}
          />
        ) : null}
        {draft ? (
          <Rect
            name="draw-rect"
            x={Math.min(draft.a.x, draft.b.x)}
            y={Math.min(draft.a.y, draft.b.y)}
            width={Math.abs(draft.b.x - draft.a.x)}
            height={Math.abs(draft.b.y - draft.a.y)}
            stroke="#2563eb"
            dash={[6, 4]}
            strokeWidth={2}
            strokeScaleEnabled={false}
            listening={false}
          />
        ) : null}
      </Layer>
      {failed ? (
        <Layer listening={false}>
          <Rect width={page.width} height={page.height} fill="rgba(220,38,38,0.08)" />
        </Layer>
      ) : null}
    </Stage>
  );
}

/** The Konva stage of one page; client only (see PageCanvas for the lazy wrapper). */
export const PageStage = memo(PageStageImpl);
export default PageStage;
