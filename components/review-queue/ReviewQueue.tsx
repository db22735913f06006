"use client";

import { useEffect, useRef, useState } from "react";
import type { QueueItem } from "@/lib/sheet/types";
import { KEY_HINTS, keyToAction, moveIndex, type QueueAction, reconcileIndex } from "./keys";
import styles from "./review-queue.module.css";

export interface ReviewQueueProps {
  items: QueueItem[];
  onAccept(item: QueueItem): void;
  onEdit(item: QueueItem, newValue: string): void;
  onNotOnDocument(item: QueueItem): void;
  /** the current item changed: the canvas and grid follow it. */
  onFocusItem(item: QueueItem): void;
  /** text proposed for the current item (e.g. read under a box drawn on the canvas). */
  proposal?: { key: string; text: string } | null;
  /** documents whose queue is empty and can be marked reviewed. */
  reviewable?: Array<{ documentId: string; fileName: string }>;
  onMarkReviewed?(documentId: string): void;
  /** a save is in flight: keys wait. */
  busy?: boolean;
}

/** The keyboard-first review queue: one value at a time, its reason, and the hint bar. */
export function ReviewQueue(props: ReviewQueueProps) {
  const { items, onFocusItem, busy } = props;
  const [index, setIndex] = useState(0);
  const prevItems = useRef(items);
  const inputRef = useRef<HTMLInputElement>(null);

  // Keep the cursor on the same value (or the next survivor) when the queue changes.
  if (prevItems.current !== items) {
    const next = reconcileIndex(prevItems.current, items, index);
    prevItems.current = items;
    if (next !== index) setIndex(next);
  }
  const current = items[Math.min(index, items.length - 1)] ?? null;
  const [draft, setDraft] = useState(current?.value ?? "");
  const [draftKey, setDraftKey] = useState(current?.key ?? null);
  if ((current?.key ?? null) !== draftKey) {
    setDraftKey(current?.key ?? null);
    setDraft(current?.value ?? "");
  }
  const dirty = current !== null && draft !== (current.value ?? "");

  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the current item's identity, not each re-render
  useEffect(() => {
    if (!current) return;
    onFocusItem(current);
    const input = inputRef.current;
    if (input) {
      input.focus({ preventScroll: true });
      input.select();
    }
  }, [current?.key]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: apply a proposal once, when it arrives
  useEffect(() => {
    const p = props.proposal;
    if (p && current && p.key === current.key) {
      setDraft(p.text);
      inputRef.current?.focus();
    }
  }, [props.proposal]);

  const run = (action: QueueAction) => {
    if (!current) return;
    switch (action) {
      case "accept":
        props.onAccept(current);
        return;
      case "save":
        props.onEdit(current, draft);
        return;
      case "notOnDocument":
        props.onNotOnDocument(current);
        return;
      case "revert":
        setDraft(current.value ?? "");
        inputRef.current?.select();
        return;
      default:
        setIndex(moveIndex(items, index, action));
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const action = keyToAction(e, dirty);
    if (!action) return;
    e.preventDefault();
    if (busy) return;
    run(action);
  };

  if (!current) {
    return (
      <section className={styles.queue} aria-label="Review queue" data-testid="review-queue">
        <p className={styles.done}>Nothing left to review.</p>
        {props.reviewable && props.reviewable.length > 0 && props.onMarkReviewed ? (
          <ul className={styles.reviewable}>
            {props.reviewable.map((d) => (
              <li key={d.documentId}>
                <span>{d.fileName}</span>
                <button type="button" onClick={() => props.onMarkReviewed?.(d.documentId)}>
                  Mark reviewed
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    );
  }

  const pct = Math.round(current.matchRatio * 100);
  return (
    <section className={styles.queue} aria-label="Review queue" data-testid="review-queue" data-item-key={current.key}>
      <header className={styles.head}>
        <span className={styles.pos}>
          {index + 1} / {items.length}
        </span>
        <span className={styles.file} title={current.fileName}>
          {current.fileName}
        </span>
        <span className={`${styles.state} ${styles[current.state] ?? ""}`}>{current.state.replace(/_/g, " ")}</span>
      </header>
      <label className={styles.field} htmlFor="review-queue-value">
        {current.label}
      </label>
      <input
        id="review-queue-value"
        ref={inputRef}
        className={`${styles.value} ${dirty ? styles.dirty : ""}`}
        value={draft}
        placeholder={current.value === null ? "(not found — type the value)" : ""}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="review-queue-reasons"
        autoComplete="off"
        spellCheck={false}
        data-path={current.path}
        data-document-id={current.documentId}
      />
      <ul id="review-queue-reasons" className={styles.reasons}>
        {current.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <div className={styles.ratio} title="share of the value's characters found on the page">
        <span className={styles.ratioBar} style={{ width: `${pct}%` }} />
        <span className={styles.ratioText}>{pct} % matched on the page</span>
      </div>
      <div className={styles.actions}>
        <button type="button" onClick={() => run(dirty ? "save" : "accept")} disabled={busy}>
          {dirty ? "Save" : "Accept"}
        </button>
        <button type="button" onClick={() => run("notOnDocument")} disabled={busy}>
          Not on document
        </button>
        <button type="button" onClick={() => run("prev")} disabled={index === 0}>
          ← Previous
        </button>
        <button type="button" onClick={() => run("next")} disabled={index >= items.length - 1}>
          Next →
        </button>
      </div>
      {items.length > 1 ? (
        <ol className={styles.upNext} aria-label="Up next" start={index + 2}>
          {items.slice(index + 1, index + 9).map((it, k) => (
            <li key={it.key}>
              <button type="button" onClick={() => setIndex(index + 1 + k)} title={it.reasons[0]}>
                <span className={styles.muted}>{it.fileName}</span> {it.label}
                <span className={styles.muted}> — {it.reasons[0]}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <footer className={styles.hints} title="Keyboard shortcuts">
        {KEY_HINTS.map((h) => (
          <span key={h.keys}>
            <kbd>{h.keys}</kbd> {h.action}
          </span>
        ))}
      </footer>
    </section>
  );
}
