"use client";

import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { flatMaps } from "@/lib/engine/preprocess/flatten";
import type { ApiBBox, Point } from "@/lib/engine/types";
import type { SheetPage } from "@/lib/sheet/types";
import styles from "./page-canvas.module.css";
import type { CanvasBox, PageStageHandle } from "./PageStage";

// Konva touches `window` on import: load it in the browser only.
const PageStage = dynamic(() => import("./PageStage"), {
  ssr: false,
  loading: () => <LoadingPage />,
});

export interface PageCanvasProps {
  pages: SheetPage[];
  boxes: CanvasBox[];
  selectedPath: string | null;
  onSelectPath(path: string): void;
  /** called with the drawn box on the 0–1000 grid and its page index (draw mode). */
  onDrawBox?(box: ApiBBox, page: number): void;
  mode: "select" | "draw";
  onModeChange?(mode: "select" | "draw"): void;
  /** controlled page; by default the canvas follows the selected value's page. */
  pageIndex?: number;
  onPageChange?(index: number): void;
  /** see PageStageProps: fit-to-width and a steady zoom for the document view. */
  fit?: "page" | "width";
  steadyZoom?: boolean;
  /** keys the canvas leaves to its owner (the document view uses PageDown for documents). */
  pageKeys?: boolean;
  /** remember the original/flattened choice in localStorage under this name (the document view: per user). */
  rememberViewAs?: string;
}

const VIEW_KEY = "vouch:page-view:";

/** The stored choice: true for the photo as taken (absent or unreadable storage: flattened). */
function storedOriginal(name: string): boolean {
  try {
    return window.localStorage.getItem(VIEW_KEY + name) === "original";
  } catch {
    return false;
  }
}

/**
 * The page viewer: image, value boxes, the selected polygon, zoom/pan/fit and page tabs. A photo the
 * engine flattened is shown flattened, its boxes mapped onto it; Alt+O (or the toolbar's button) shows
 * the photo as taken, with the boxes where the engine read them.
 */
export function PageCanvas(props: PageCanvasProps) {
  const t = useTranslations("canvas");
  const { pages, boxes, selectedPath, mode } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<PageStageHandle>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [ownPage, setOwnPage] = useState(0);
  const [scale, setScale] = useState(1);
  const [original, setShownOriginal] = useState(false);
  const remember = props.rememberViewAs;
  // Read after mounting (the server renders the default): the choice carries over documents and reloads.
  useEffect(() => {
    if (remember) setShownOriginal(storedOriginal(remember));
  }, [remember]);
  const setOriginal = useCallback(
    (next: (o: boolean) => boolean) =>
      setShownOriginal((o) => {
        const v = next(o);
        if (remember) {
          try {
            window.localStorage.setItem(VIEW_KEY + remember, v ? "original" : "flattened");
          } catch {
            // storage full or disabled: the choice lasts for this document only
          }
        }
        return v;
      }),
    [remember],
  );
  const flattened = pages.some((p) => p.flat);
  const selectedPage = boxes.find((b) => b.path === selectedPath)?.page;
  const pageIndex = props.pageIndex ?? ownPage;
  const setPage = (i: number) => {
    setOwnPage(i);
    props.onPageChange?.(i);
  };

  // Follow the selection to its page, so the highlight is never off-screen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new selection moves the page
  useEffect(() => {
    if (selectedPage !== undefined && selectedPage !== pageIndex) setPage(selectedPage);
  }, [selectedPath, selectedPage]);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize({ width: Math.floor(width), height: Math.floor(height) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const page = pages[Math.min(pageIndex, pages.length - 1)];
  const flat = page?.flat && !original ? page.flat : null;
  const shown = useMemo(
    () => (page ? (flat ? { index: page.index, width: flat.width, height: flat.height, imageUrl: flat.imageUrl } : { ...page, index: page.index }) : null),
    [page, flat],
  );
  const maps = useMemo(() => (flat ? flatMaps({ quad: flat.quad as [Point, Point, Point, Point] }) : null), [flat]);

  // Alt+O anywhere (the form's inputs take plain letters as typing): the photo as taken ⇄ flattened.
  useEffect(() => {
    if (!flattened) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== "KeyO") return;
      setOriginal((o) => !o);
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [flattened, setOriginal]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === "+" || e.key === "=") handleRef.current?.zoomBy(1.25);
    else if (e.key === "-") handleRef.current?.zoomBy(0.8);
    else if (e.key === "0") handleRef.current?.fit();
    else if (props.pageKeys !== false && e.key === "PageDown" && pageIndex < pages.length - 1) setPage(pageIndex + 1);
    else if (props.pageKeys !== false && e.key === "PageUp" && pageIndex > 0) setPage(pageIndex - 1);
    else return;
    e.preventDefault();
  };

  return (
    <section className={styles.canvas} aria-label={t("viewer")}>
      <div className={styles.toolbar} role="toolbar" aria-label={t("tools")}>
        <button type="button" onClick={() => handleRef.current?.zoomBy(0.8)} aria-label={t("zoomOut")} title={t("zoomOutTitle")}>
          −
        </button>
        <span className={styles.zoom} data-testid="canvas-zoom">
          {Math.round(scale * 100)} %
        </span>
        <button type="button" onClick={() => handleRef.current?.zoomBy(1.25)} aria-label={t("zoomIn")} title={t("zoomInTitle")}>
          +
        </button>
        <button type="button" onClick={() => handleRef.current?.fit()} title={props.fit === "width" ? t("fitWidthTitle") : t("fitTitle")}>
          {props.fit === "width" ? t("fitWidth") : t("fit")}
        </button>
        <button type="button" onClick={() => handleRef.current?.actualSize()} title={t("actualSize")}>
          100 %
        </button>
        {props.onModeChange ? (
          <button
            type="button"
            aria-pressed={mode === "draw"}
            className={mode === "draw" ? styles.active : undefined}
            onClick={() => props.onModeChange?.(mode === "draw" ? "select" : "draw")}
            title={t("drawTitle")}
          >
            {t("draw")}
          </button>
        ) : null}
        {page?.flat ? (
          <button
            type="button"
            aria-pressed={original}
            className={original ? styles.active : undefined}
            onClick={() => setOriginal((o) => !o)}
            title={original ? t("flattenedTitle") : t("originalTitle")}
            data-testid="flat-toggle"
          >
            {original ? t("flattened") : t("original")}
          </button>
        ) : null}
        {pages.length > 1 ? (
          <nav className={styles.pages} aria-label={t("pages")}>
            {pages.map((p, i) => (
              <button
                type="button"
                key={p.index}
                aria-current={i === pageIndex ? "page" : undefined}
                className={i === pageIndex ? styles.active : undefined}
                onClick={() => setPage(i)}
                data-page-tab={i}
              >
                {i + 1}
              </button>
            ))}
          </nav>
        ) : null}
      </div>
      <div
        ref={wrapRef}
        className={`${styles.stage} ${mode === "draw" ? styles.drawing : ""}`}
        role="application"
        aria-label={t("image")}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: an application region owns its keys (+ − 0 PageUp PageDown) and gestures
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-page-index={pageIndex}
        data-flattened={flat ? "true" : undefined}
        data-testid="page-canvas"
      >
        {shown && size.width > 0 && size.height > 0 ? (
          <PageStage
            page={shown}
            toShown={maps?.toFlat}
            fromShown={maps?.toOriginal}
            boxes={boxes}
            selectedPath={selectedPath}
            onSelectPath={props.onSelectPath}
            onDrawBox={props.onDrawBox}
            mode={mode}
            width={size.width}
            height={size.height}
            handleRef={handleRef}
            onScaleChange={setScale}
            fit={props.fit}
            steadyZoom={props.steadyZoom}
          />
        ) : null}
        {!page ? <div className={styles.placeholder}>{t("noImage")}</div> : null}
      </div>
    </section>
  );
}

export type { CanvasBox, PageStageHandle };

/** What the canvas shows while its drawing code loads. */
function LoadingPage() {
  const t = useTranslations("canvas");
  return <div className={styles.placeholder}>{t("loading")}</div>;
}
