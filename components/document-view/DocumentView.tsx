"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type CanvasBox, PageCanvas } from "@/components/page-canvas";
import { rowCells } from "@/lib/sheet/build";
import { buildReviewQueue, needsReview } from "@/lib/sheet/queue";
import type { CorrectionRecord, SheetRow, SpaceSchema } from "@/lib/sheet/types";
import styles from "./document-view.module.css";
import { FieldForm } from "./FieldForm";
import type { DocumentAction } from "./keys";
import { ShortcutsOverlay } from "./ShortcutsOverlay";
import { buildFormLayout, moveInForm, nextDoubtful } from "./model";
import { useCorrect } from "./useCorrect";

export interface DocumentViewProps {
  spaceId: string;
  spaceName: string;
  schema: SpaceSchema;
  documentId: string;
  /** the signed-in user: the original/flattened choice is kept across documents, per user (localStorage). */
  userId?: string;
  /** "queue": PageDown walks the documents that still have values to review. */
  walk: "all" | "queue";
  rows: SheetRow[];
  setRows: (f: (prev: SheetRow[]) => SheetRow[]) => void;
  refresh: (ids: string[], force?: boolean) => Promise<void>;
  /** corrections on their way to the server (re-applied to rows a racing refresh brings). */
  unconfirmed?: { current: Map<string, CorrectionRecord> };
  /** mark a document reviewed (its queue must be empty); resolves to an error message or null. */
  markReviewed(documentId: string): Promise<string | null>;
  /** the role may not correct (a viewer): values are read-only, nothing is accepted, saved or marked reviewed. */
  readOnly?: boolean;
  /**
   * Review claims: the view claims the document it shows (renewed every minute while open, given back on
   * moving on) and says who holds it otherwise; walking the queue, a document someone else holds is passed over.
   * holds it otherwise; walking the queue, PageDown asks for the next document nobody else holds.
   */
  claims?: {
    claim(documentId: string): Promise<ClaimState>;
    /** give a claim back (the reviewer moved on). */
    release(documentId: string): Promise<void>;
  };
}

/** A claim as the view shows it: held by this reviewer, or by whom and until when. */
export type ClaimState = { held: true; until: string | null } | { held: false; holder: string; until: string | null } | { error: string };

/** How often an open document's claim is renewed (it lapses after a few minutes without). */
const CLAIM_RENEW_MS = 60_000;

const clock = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : null);

/** Focus a value's input; a document that is still rendering gets a few more frames to show it. */
const focusValue = (path: string, tries = 10) => {
  const el = document.querySelector<HTMLInputElement>(`[data-testid="form-value"][data-path="${CSS.escape(path)}"]`);
  if (el) el.focus();
  else if (tries > 0) requestAnimationFrame(() => focusValue(path, tries - 1));
};

/** One document, large: the page on the left, its values as a form on the right. */
export function DocumentView(props: DocumentViewProps) {
  const { spaceId, schema, rows, walk, claims } = props;
  const [documentId, setDocumentId] = useState(props.documentId);
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [showKeys, setShowKeys] = useState(false);
  const { correct, busy, error, ask, setAsk } = useCorrect(props);
  const t = useTranslations("documentView");
  /** set by PageDown in the queue walk: the document reached is passed over when someone else holds it. */
  const advancing = useRef(false);

  const doc = rows.find((r) => r.documentId === documentId) ?? null;
  const layout = useMemo(() => (doc ? buildFormLayout(schema, doc) : null), [schema, doc]);
  const toReview = useMemo(() => (doc && doc.status === "done" ? rowCells(doc).filter(needsReview).length : 0), [doc]);

  // The documents PageDown walks: the review queue's order, or the space's upload order.
  const sequence = useMemo(() => {
    if (walk === "queue") {
      const ids = [...new Set(buildReviewQueue(rows).map((q) => q.documentId))];
      return ids.includes(documentId) ? ids : [documentId, ...ids];
    }
    return rows.filter((r) => r.pages.length > 0 || r.documentId === documentId).map((r) => r.documentId);
  }, [rows, walk, documentId]);
  const position = sequence.indexOf(documentId);

  const go = useCallback(
    (id: string | undefined) => {
      if (!id || id === documentId) return;
      setDocumentId(id);
      setSelected(null);
      setMessage(null);
      const url = `/spaces/${encodeURIComponent(spaceId)}/documents/${encodeURIComponent(id)}${walk === "queue" ? "?walk=queue" : ""}`;
      window.history.replaceState(null, "", url);
    },
    [documentId, spaceId, walk],
  );
  const nextDocument = useCallback(() => {
    // walking the queue, a document someone else holds is passed over once its claim answers (below)
    advancing.current = walk === "queue";
    const next = sequence[position + 1];
    if (next) go(next);
    else setMessage(walk === "queue" ? t("lastWithReview") : t("last"));
  }, [go, position, sequence, walk, t]);
  const prevDocument = useCallback(() => go(sequence[position - 1]), [go, position, sequence]);

  // A document with values to review is claimed while it is open, so the queue serves others another one.
  const [claim, setClaim] = useState<ClaimState | null>(null);
  const claimable = doc?.status === "done";
  const advance = useRef(nextDocument);
  advance.current = nextDocument;
  useEffect(() => {
    setClaim(null);
    if (!claims || !claimable) return;
    let alive = true;
    const take = () =>
      claims.claim(documentId).then((c) => {
        if (!alive) return;
        setClaim(c);
        const reached = advancing.current;
        advancing.current = false;
        if (reached && "held" in c && !c.held) advance.current();
      });
    void take();
    const timer = setInterval(take, CLAIM_RENEW_MS);
    return () => {
      alive = false;
      clearInterval(timer);
      void claims.release(documentId);
    };
  }, [claims, claimable, documentId]);

  // Arriving on a document: focus its first doubtful value (or its first value).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new document (or its first load) picks the start
  useEffect(() => {
    if (!layout || selected) return;
    const start = nextDoubtful(layout, null) ?? layout.order[0]?.path ?? null;
    if (start) {
      setSelected(start);
      requestAnimationFrame(() => focusValue(start));
    }
  }, [documentId, layout === null]);

  // A reading to pick: the first candidate takes the focus (Enter picks it, Tab reaches the other).
  useEffect(() => {
    if (ask) requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('[data-testid="correction-ambiguous"] button')?.focus());
  }, [ask]);

  const select = useCallback((path: string, focus = true) => {
    setSelected(path);
    if (focus) requestAnimationFrame(() => focusValue(path));
  }, []);

  const markReviewed = useCallback(async () => {
    if (!doc) return;
    if (toReview > 0) {
      setMessage(t("stillToReview", { count: toReview }));
      return;
    }
    const err = await props.markReviewed(doc.documentId);
    setMessage(err ?? t("markedReviewed"));
  }, [doc, toReview, props, t]);

  const onAction = useCallback(
    (path: string, action: DocumentAction, draft: string): boolean => {
      if (!doc || !layout) return false;
      switch (action.kind) {
        case "move": {
          const to = moveInForm(layout, path, action.dir);
          if (!to || to === path) return action.dir === "next" || action.dir === "prev";
          select(to);
          return true;
        }
        case "accept":
        case "save":
        case "notOnDocument": {
          if (props.readOnly) return true;
          const cell = layout.order.find((s) => s.path === path)?.cell;
          // Enter on an empty value confirms it is absent: "not on document", not an accepted blank.
          const absent = action.kind === "accept" && (cell?.value ?? null) === null;
          const kind = action.kind === "save" ? "edit" : action.kind === "accept" && !absent ? "accept" : "not_on_document";
          void correct(doc.documentId, path, kind, action.kind === "save" ? draft : undefined);
          const next = nextDoubtful(layout, path, path);
          if (next) select(next);
          else setMessage(t("queueEmpty"));
          return true;
        }
        case "nextDocument":
          nextDocument();
          return true;
        case "prevDocument":
          prevDocument();
          return true;
        case "markReviewed":
          if (!props.readOnly) void markReviewed();
          return true;
        case "help":
          setShowKeys(true);
          return true;
        default:
          return false;
      }
    },
    [doc, layout, correct, select, nextDocument, prevDocument, markReviewed, t, props.readOnly],
  );

  // Keys that work anywhere in the view (not while typing in another input): ? and PageUp/PageDown.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const inValue = (e.target as HTMLElement | null)?.dataset?.testid === "form-value";
      if (e.key === "?" && !inValue) {
        setShowKeys((s) => !s);
        e.preventDefault();
      } else if (e.key === "Escape" && showKeys) setShowKeys(false);
      else if (!inValue && e.key === "PageDown") {
        nextDocument();
        e.preventDefault();
      } else if (!inValue && e.key === "PageUp") {
        prevDocument();
        e.preventDefault();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [nextDocument, prevDocument, showKeys]);

  const boxes = useMemo<CanvasBox[]>(
    () =>
      doc
        ? rowCells(doc)
            .filter((c) => c.page !== null && (c.vertices || c.bbox))
            .map((c) => ({ path: c.path, page: c.page ?? 0, vertices: c.vertices, bbox: c.bbox, state: c.state }))
        : [],
    [doc],
  );

  const sheetHref = `/spaces/${encodeURIComponent(spaceId)}`;
  if (!doc) {
    return (
      <div className={styles.empty}>
        <p>{t("notInSpace")}</p>
        <Link href={sheetHref}>{t("backLink")}</Link>
      </div>
    );
  }
  return (
    <div
      className={styles.view}
      data-testid="document-view"
      data-document-id={doc.documentId}
      data-claim={claim && "held" in claim ? (claim.held ? "mine" : "held") : undefined}
      title={claim && "held" in claim && claim.held ? (claim.until ? t("claimMine", { until: clock(claim.until) ?? "" }) : t("assignedMine")) : undefined}
    >
      <header className={styles.bar}>
        <Link href={sheetHref} className={styles.back} title={t("backTitle", { space: props.spaceName })}>
          {t("backToSheet")}
        </Link>
        <button type="button" onClick={prevDocument} disabled={position <= 0} title={t("previous")}>
          ‹
        </button>
        <span className={styles.position} data-testid="document-position">
          {position + 1} / {sequence.length}
        </span>
        <button type="button" onClick={nextDocument} disabled={position >= sequence.length - 1} title={t("next")}>
          ›
        </button>
        <h1 className={styles.fileName} title={doc.fileName} data-testid="document-name">
          {doc.fileName}
        </h1>
        <span className={styles.status} data-status={doc.status}>
          {doc.status === "done" ? (toReview > 0 ? t("toReview", { count: toReview }) : t("nothingToReview")) : doc.status}
        </span>
        {props.readOnly ? (
          <span className={styles.muted} data-testid="read-only">
            {t("readOnly")}
          </span>
        ) : (
          <button type="button" onClick={() => void markReviewed()} disabled={doc.status !== "done" || toReview > 0} title="Ctrl+M">
            {t("markReviewed")}
          </button>
        )}
        <button type="button" onClick={() => setShowKeys(true)} title={`${t("shortcuts")} (?)`} aria-label={t("shortcuts")}>
          ?
        </button>
      </header>
      {claim && "held" in claim && !claim.held ? (
        <p className={styles.message} role="status" data-testid="claim-holder">
          {claim.until ? t("claimHeld", { holder: claim.holder, until: clock(claim.until) ?? "" }) : t("assignedTo", { holder: claim.holder })}
        </p>
      ) : null}
      {message || error ? (
        <p className={styles.message} role="status" data-testid="document-message">
          {error ?? message}
        </p>
      ) : null}
      {ask && ask.documentId === doc.documentId ? (
        <p className={styles.message} role="alert" data-testid="correction-ambiguous">
          {ask.reason ? `${ask.reason}. ` : ""}
          {t("whichReading", { value: ask.newValue })}{" "}
          {ask.candidates.map((c) => (
            <button
              key={String(c)}
              type="button"
              className={styles.pick}
              onClick={() => {
                setAsk(null);
                void correct(ask.documentId, ask.path, "edit", ask.newValue, c);
                select(ask.path);
              }}
            >
              {String(c)}
            </button>
          ))}
        </p>
      ) : null}
      <div className={styles.panes}>
        <div className={styles.pagePane}>
          <PageCanvas
            key={doc.documentId}
            pages={doc.pages}
            boxes={boxes}
            selectedPath={selected}
            onSelectPath={(p) => select(p)}
            mode="select"
            fit="width"
            steadyZoom
            pageKeys={false}
            rememberViewAs={props.userId ? `document-view:${props.userId}` : undefined}
          />
        </div>
        <div className={styles.formPane}>
          {doc.status === "done" || doc.status === "reviewed" ? (
            layout ? (
              // Keyed by document: a new document gets fresh inputs, so the old focus never lingers on them.
              <FieldForm
                key={doc.documentId}
                layout={layout}
                selected={selected}
                busy={busy}
                onFocus={(p) => setSelected(p)}
                onAction={onAction}
                readOnly={props.readOnly === true}
              />
            ) : null
          ) : (
            <p className={styles.muted}>{doc.status === "failed" ? t("failed", { error: doc.error ?? "?" }) : t("reading")}</p>
          )}
        </div>
      </div>
      {showKeys ? <ShortcutsOverlay onClose={() => setShowKeys(false)} /> : null}
    </div>
  );
}
