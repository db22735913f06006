"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ShortcutsOverlay } from "@/components/document-view";
import { type CanvasBox, PageCanvas } from "@/components/page-canvas";
import { ReviewQueue } from "@/components/review-queue";
import { type GridSelection, SheetGrid } from "@/components/sheet-grid";
import { UploadPanel } from "@/components/upload";
import type { ApiBBox } from "@/lib/engine/types";
import { supplierKey } from "@/lib/export/presets/bill";
import { applyCorrection, cellAt, rowCells } from "@/lib/sheet/build";
import { buildReviewQueue, reviewableDocuments } from "@/lib/sheet/queue";
import { mergeRows } from "@/lib/sheet/merge";
import type { CorrectionRecord, DocumentStatus, QueueItem, SheetRow, SpaceSchema } from "@/lib/sheet/types";
import { markReviewed } from "./actions";
import { markAllReviewed } from "./mark-all";
import { CellInspector } from "./CellInspector";
import { ExportBar } from "./ExportBar";
import { SHEET_KEYS } from "./sheetKeys";
import styles from "./space.module.css";
import { useLiveRows } from "./useLiveRows";

export interface SpaceWorkspaceProps {
  spaceId: string;
  name: string;
  schema: SpaceSchema;
  initialRows: SheetRow[];
  /** documents in the space (the first rows arrive with the page, the rest stream in). */
  total: number;
  initialView: "grid" | "review";
  loadedAt: string;
  /** what the user's role in the space's team allows (lib/teams/roles.ts); the server checks again. */
  may?: { upload: boolean; export: boolean; review: boolean };
}

type Kind = CorrectionRecord["kind"];

/** The space page's client side: upload, grid ⇄ canvas, review queue, corrections, export. */
export function SpaceWorkspace(props: SpaceWorkspaceProps) {
  const { spaceId, schema } = props;
  const t = useTranslations("space");
  const ts = useTranslations("docStatus");
  // Corrections sent but not yet confirmed: a refresh that raced them must not undo them.
  const unconfirmed = useRef(new Map<string, CorrectionRecord>());
  const reapply = useCallback((row: SheetRow) => {
    let out = row;
    for (const c of unconfirmed.current.values()) if (c.documentId === row.documentId) out = applyCorrection(out, c);
    return out;
  }, []);
  const { rows, setRows, refresh, expect, pending, backfill } = useLiveRows(spaceId, props.initialRows, props.total, props.loadedAt, reapply);
  const [view, setView] = useState(props.initialView);
  const [selected, setSelected] = useState<GridSelection | null>(null);
  const [mode, setMode] = useState<"select" | "draw">("select");
  const [proposal, setProposal] = useState<{ key: string; text: string; box: ApiBBox; page: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  /** A corrected value that reads two ways on its document: the reviewer picks one. */
  const [ask, setAsk] = useState<{ documentId: string; path: string; newValue: string; candidates: Array<number | string>; reason: string } | null>(null);
  const [showKeys, setShowKeys] = useState(false);
  // "?" lists every shortcut (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.key !== "?" || el?.closest("input, textarea, select, [contenteditable=true]")) return;
      e.preventDefault();
      setShowKeys(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const [typed, setTyped] = useState<{ key: string; text: string; n: number } | null>(null);

  const queue = useMemo(() => buildReviewQueue(rows), [rows]);
  const reviewable = useMemo(() => {
    const ids = new Set(reviewableDocuments(rows));
    return rows.filter((r) => ids.has(r.documentId)).map((r) => ({ documentId: r.documentId, fileName: r.fileName }));
  }, [rows]);
  // Suppliers seen in the space, for per-supplier accounting settings.
  const suppliers = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows) if (r.cells.vendor?.value) m.set(supplierKey(r), r.cells.vendor.value);
    return [...m].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name));
  }, [rows]);
  const documentStatus = useMemo(() => {
    const m: Record<string, DocumentStatus> = {};
    for (const r of rows) m[r.documentId] = r.status;
    return m;
  }, [rows]);

  const doc = rows.find((r) => r.documentId === selected?.documentId) ?? rows.find((r) => r.pages.length > 0) ?? null;
  const cell = doc && selected?.documentId === doc.documentId ? cellAt(doc, selected.path) : undefined;
  const boxes = useMemo<CanvasBox[]>(
    () =>
      doc
        ? rowCells(doc)
            .filter((c) => c.page !== null && (c.vertices || c.bbox))
            .map((c) => ({ path: c.path, page: c.page ?? 0, vertices: c.vertices, bbox: c.bbox, state: c.state }))
        : [],
    [doc],
  );
  const selectedKey = selected ? `${selected.documentId}/${selected.path}` : null;
  // Stable identity: the queue applies a proposal once, when it changes.
  const queueProposal = useMemo(() => (proposal && proposal.key === selectedKey ? { key: proposal.key, text: proposal.text } : null), [proposal, selectedKey]);

  /** Store a correction: shown at once (optimistic), confirmed or rolled back by the server. */
  const correct = useCallback(
    async (documentId: string, path: string, kind: Kind, newValue?: string, normalized?: number | string) => {
      const box = proposal && proposal.key === `${documentId}/${path}` && kind === "edit" ? proposal : null;
      const row = rows.find((r) => r.documentId === documentId);
      const before = row ? (cellAt(row, path)?.value ?? null) : null;
      const temp: CorrectionRecord = {
        id: `tmp-${Date.now()}`,
        documentId,
        path,
        kind,
        oldValue: before,
        newValue: kind === "edit" ? (newValue ?? "") : kind === "accept" ? before : null,
        box: box?.box ?? null,
        page: box?.page ?? null,
        userId: "me",
        createdAt: new Date().toISOString(),
      };
      unconfirmed.current.set(temp.id, temp);
      setRows((prev) => prev.map((r) => (r.documentId === documentId ? applyCorrection(r, temp) : r)));
      setBusy(true);
      setMessage(null);
      try {
        const res = await fetch(`/api/documents/${encodeURIComponent(documentId)}/corrections`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            path,
            kind,
            newValue,
            ...(normalized !== undefined ? { normalized } : {}),
            ...(box ? { box: box.box, page: box.page } : {}),
          }),
        });
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? t("saveFailed", { status: res.status }));
        }
        // The answer carries the updated row (ids, emails, effective values): apply it, no refetch.
        const saved = (await res.json().catch(() => null)) as {
          correction?: { reading?: { status: string; candidates?: Array<number | string>; reason?: string } };
          row?: SheetRow | null;
        } | null;
        unconfirmed.current.delete(temp.id);
        if (saved?.row) {
          const row = reapply(saved.row);
          setRows((prev) => mergeRows(prev, [row]));
        }
        const reading = saved?.correction?.reading;
        setAsk(
          reading?.status === "ambiguous" && kind === "edit" && normalized === undefined
            ? { documentId, path, newValue: newValue ?? "", candidates: reading.candidates ?? [], reason: reading.reason ?? "" }
            : null,
        );
        if (box) setProposal(null);
        setMode("select");
      } catch (err) {
        setMessage((err as Error).message);
        // Roll back: the server's row without this correction.
        unconfirmed.current.delete(temp.id);
        void refresh([documentId], true);
      } finally {
        setBusy(false);
      }
    },
    [proposal, rows, refresh, setRows, reapply, t],
  );

  const onDrawBox = useCallback(
    async (box: ApiBBox, page: number) => {
      if (!selected) {
        setMessage(t("selectFirst"));
        return;
      }
      const res = await fetch(`/api/documents/${encodeURIComponent(selected.documentId)}/corrections/proposal`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ page, box }),
      });
      const body = (await res.json().catch(() => null)) as { text?: string } | null;
      const text = body?.text ?? "";
      setProposal({ key: `${selected.documentId}/${selected.path}`, text, box, page });
      setMessage(text ? null : t("noTextUnderBox"));
    },
    [selected, t],
  );

  const onFocusItem = useCallback((item: QueueItem, path: string) => {
    setSelected({ documentId: item.documentId, path });
  }, []);
  const onSelectPath = useCallback(
    (path: string) => {
      if (doc) setSelected({ documentId: doc.documentId, path });
    },
    [doc],
  );

  const onMarkReviewed = useCallback(
    async (documentId: string) => {
      const res = await markReviewed(documentId);
      if ("error" in res) setMessage(res.error);
      await refresh([documentId], true);
    },
    [refresh],
  );

  const onMarkAll = useCallback(
    async (ids: string[]) => {
      if (!window.confirm(t("markAllConfirm", { count: ids.length }))) return;
      const res = await markAllReviewed(ids);
      setMessage("error" in res ? res.error : res.skipped > 0 ? t("markAllSkipped", { marked: res.marked, skipped: res.skipped }) : null);
      await refresh(ids, true);
    },
    [refresh, t],
  );

  const docReviewable = doc ? reviewable.some((r) => r.documentId === doc.documentId) : false;
  // A viewer sees values, reasons and history; every correction control is hidden (the server answers 403 anyway).
  const readOnly = props.may?.review === false;

  return (
    <div className={styles.space}>
      <header className={styles.top}>
        <h1 className={styles.title}>{props.name}</h1>
        <div className={styles.tabs} role="tablist" aria-label={t("view")}>
          <button type="button" role="tab" aria-selected={view === "grid"} onClick={() => setView("grid")}>
            {t("sheet")}
          </button>
          <button type="button" role="tab" aria-selected={view === "review"} onClick={() => setView("review")} data-testid="review-tab">
            {t("reviewQueue")} <span className={styles.count}>{queue.length}</span>
          </button>
        </div>
        {queue[0] ? (
          <Link href={documentHref(spaceId, queue[0].documentId, true)} data-testid="review-documents">
            {t("reviewInDocumentView")}
          </Link>
        ) : null}
        <span className={styles.muted} data-testid="live-status">
          {backfill.loaded < backfill.total
            ? t("loading", { loaded: backfill.loaded, total: backfill.total })
            : pending.length > 0
              ? t("inProgress", { count: pending.length })
              : t("documents", { count: rows.length })}
        </span>
        {props.may?.export === false ? null : (
          <details className={styles.exportToggle}>
            <summary data-testid="export-toggle">{t("export")}</summary>
            <ExportBar spaceId={spaceId} suppliers={suppliers} />
          </details>
        )}
        <button type="button" className={styles.helpButton} onClick={() => setShowKeys(true)} aria-label={t("shortcuts")} title={`${t("shortcuts")} (?)`}>
          ?
        </button>
      </header>
      {showKeys ? <ShortcutsOverlay keys={SHEET_KEYS} onClose={() => setShowKeys(false)} /> : null}
      {props.may?.upload === false ? null : <UploadPanel spaceId={spaceId} onUploaded={expect} documentStatus={documentStatus} compact={rows.length > 0} />}
      {ask ? (
        <p className={styles.message} role="alert" data-testid="correction-ambiguous">
          {t("whichOne", { reason: ask.reason })}{" "}
          {ask.candidates.map((c) => (
            <button key={String(c)} type="button" className={styles.button} onClick={() => void correct(ask.documentId, ask.path, "edit", ask.newValue, c)}>
              {String(c)}
            </button>
          ))}
        </p>
      ) : null}
      {message ? (
        <p className={styles.message} role="alert">
          {message}
        </p>
      ) : null}
      <div className={styles.workspace}>
        <div className={styles.left}>
          {view === "grid" ? (
            <SheetGrid
              schema={schema}
              rows={rows}
              selected={selected}
              onSelect={setSelected}
              {...(readOnly
                ? {}
                : {
                    onMarkAllReviewed: (ids: string[]) => void onMarkAll(ids),
                    onTypeInCell: (sel: GridSelection, text: string) => setTyped((t) => ({ key: `${sel.documentId}/${sel.path}`, text, n: (t?.n ?? 0) + 1 })),
                  })}
            />
          ) : (
            <ReviewQueue
              items={queue}
              onAccept={(it, path) => void correct(it.documentId, path, "accept")}
              onEdit={(it, path, v) => void correct(it.documentId, path, "edit", v)}
              onNotOnDocument={(it, path) => void correct(it.documentId, path, "not_on_document")}
              onFocusItem={onFocusItem}
              proposal={queueProposal}
              reviewable={reviewable}
              onMarkReviewed={(id) => void onMarkReviewed(id)}
              readOnly={readOnly}
            />
          )}
        </div>
        <div className={styles.right}>
          {doc ? (
            <>
              <div className={styles.canvasWrap}>
                <PageCanvas
                  key={doc.documentId}
                  pages={doc.pages}
                  boxes={boxes}
                  selectedPath={selected?.documentId === doc.documentId ? selected.path : null}
                  onSelectPath={onSelectPath}
                  onDrawBox={(b, p) => void onDrawBox(b, p)}
                  mode={mode}
                  onModeChange={setMode}
                />
              </div>
              <div className={styles.docBar}>
                <span title={doc.fileName}>{doc.fileName}</span>
                <Link href={documentHref(spaceId, doc.documentId, false)} data-testid="open-document">
                  {t("openLarge")}
                </Link>
                <span className={styles.muted}>{ts.has(doc.status) ? ts(doc.status) : doc.status}</span>
                {docReviewable && !readOnly ? (
                  <button type="button" onClick={() => void onMarkReviewed(doc.documentId)} data-testid="mark-reviewed">
                    {t("markReviewed")}
                  </button>
                ) : null}
              </div>
              {cell && selected ? (
                <CellInspector
                  key={selectedKey}
                  cell={cell}
                  fileName={doc.fileName}
                  proposal={proposal && proposal.key === selectedKey ? proposal.text : null}
                  busy={busy}
                  onEdit={(v) => void correct(selected.documentId, selected.path, "edit", v)}
                  onAccept={() => void correct(selected.documentId, selected.path, "accept")}
                  onNotOnDocument={() => void correct(selected.documentId, selected.path, "not_on_document")}
                  typed={typed && typed.key === selectedKey ? typed : null}
                  readOnly={readOnly}
                />
              ) : (
                <p className={styles.muted}>{t("clickCell")}</p>
              )}
            </>
          ) : (
            <p className={styles.muted}>{t("noPages")}</p>
          )}
        </div>
      </div>
    </div>
  );
}

/** The document view of one document; `queue`: PageDown walks the documents left to review. */
function documentHref(spaceId: string, documentId: string, queue: boolean): string {
  return `/spaces/${encodeURIComponent(spaceId)}/documents/${encodeURIComponent(documentId)}${queue ? "?walk=queue" : ""}`;
}
