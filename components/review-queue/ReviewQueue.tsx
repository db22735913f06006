"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { reasonText } from "@/lib/i18n/reasons";
import { oneLineValue, pathLabel } from "@/lib/sheet/queue";
import type { QueueItem } from "@/lib/sheet/types";
import { KEY_HINTS, keyToAction, moveIndex, type QueueAction, reconcileIndex } from "./keys";
import styles from "./review-queue.module.css";

export interface ReviewQueueProps {
  items: QueueItem[];
  /** accept the value at `path` as it is (a grouped check: each of its values in turn). */
  onAccept(item: QueueItem, path: string): void;
  onEdit(item: QueueItem, path: string, newValue: string): void;
  onNotOnDocument(item: QueueItem, path: string): void;
  /** the current item (or the value focused inside a grouped check) changed: the canvas and grid follow it. */
  onFocusItem(item: QueueItem, path: string): void;
  /** text proposed for a value (e.g. read under a box drawn on the canvas); `key` is documentId/path. */
  proposal?: { key: string; text: string } | null;
  /** documents whose queue is empty and can be marked reviewed. */
  reviewable?: Array<{ documentId: string; fileName: string }>;
  onMarkReviewed?(documentId: string): void;
  /** a save is in flight: keys wait. */
  busy?: boolean;
  /** the role may not correct (a viewer): values and reasons are shown, nothing can be accepted or changed. */
  readOnly?: boolean;
}

/** The state word of an item: what kind of doubt, in the words of the risk model (never "low confidence"). */
function stateWord(t: ReturnType<typeof useTranslations>, item: QueueItem): string {
  if (item.state === "failed_check") return t("queue.state.failed_check");
  if (item.state === "missing") return t("queue.state.missing");
  if (item.chance !== undefined && item.chance >= 0.005) return t("queue.state.risk", { percent: Math.max(1, Math.round(item.chance * 100)) });
  return t("queue.state.doubt");
}

/** The keyboard-first review queue: one item at a time (a value, or one check with every value it names), its reason, and the hint bar. */
export function ReviewQueue(props: ReviewQueueProps) {
  const { items, onFocusItem, busy } = props;
  const t = useTranslations();
  const [index, setIndex] = useState(0);
  const prevItems = useRef(items);
  const inputRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  // Keep the cursor on the same item (or the next survivor) when the queue changes.
  if (prevItems.current !== items) {
    const next = reconcileIndex(prevItems.current, items, index);
    prevItems.current = items;
    if (next !== index) setIndex(next);
  }
  const current = items[Math.min(index, items.length - 1)] ?? null;
  // Inside a grouped check: which of its values the input edits.
  const [focusPath, setFocusPath] = useState<string | null>(current?.path ?? null);
  const path = current && focusPath && current.paths.includes(focusPath) ? focusPath : (current?.path ?? null);
  const focused = current?.involved.find((v) => v.path === path) ?? null;
  const focusedValue = focused?.value ?? current?.value ?? null;
  const [draft, setDraft] = useState(focusedValue ?? "");
  const draftKey = current ? `${current.key}|${path}|${focusedValue ?? ""}` : null;
  const [shownKey, setShownKey] = useState(draftKey);
  if (draftKey !== shownKey) {
    setShownKey(draftKey);
    setDraft(focusedValue ?? "");
  }
  const dirty = current !== null && draft !== (focusedValue ?? "");

  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the focused value's identity, not each re-render
  useEffect(() => {
    if (!current || !path) return;
    onFocusItem(current, path);
    const input = inputRef.current;
    if (input) {
      input.focus({ preventScroll: true });
      input.select();
    }
  }, [current?.key, path]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: apply a proposal once, when it arrives
  useEffect(() => {
    const p = props.proposal;
    if (p && current && path && p.key === `${current.documentId}/${path}`) {
      setDraft(p.text);
      inputRef.current?.focus();
    }
  }, [props.proposal]);

  const run = (action: QueueAction) => {
    if (!current || !path) return;
    if (props.readOnly && (action === "accept" || action === "save" || action === "notOnDocument")) return;
    switch (action) {
      case "accept":
        // Enter on a check accepts every value it names: the reviewer looked at them all.
        for (const p of current.paths) props.onAccept(current, p);
        return;
      case "save":
        props.onEdit(current, path, draft);
        return;
      case "notOnDocument":
        props.onNotOnDocument(current, path);
        return;
      case "revert":
        setDraft(focusedValue ?? "");
        inputRef.current?.select();
        return;
      case "nextValue":
      case "prevValue": {
        const i = current.paths.indexOf(path);
        const j = Math.min(Math.max(i + (action === "nextValue" ? 1 : -1), 0), current.paths.length - 1);
        setFocusPath(current.paths[j] ?? path);
        return;
      }
      default:
        setFocusPath(null);
        setIndex(moveIndex(items, index, action));
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const action = keyToAction(e, dirty);
    if (!action) return;
    e.preventDefault();
    if (busy) return;
    run(action);
  };

  // A field's name in the reader's language when the messages have it.
  const label = (p: string) => {
    const [name = "", i, child] = p.split(".");
    const field = (n: string) => (t.has(`fields.${n}`) ? t(`fields.${n}`) : null);
    if (i === undefined || child === undefined) return field(name) ?? pathLabel(p);
    const a = field(name);
    const c = field(child);
    return a && c ? t("queue.cellLabel", { table: a, row: Number(i) + 1, column: c }) : pathLabel(p);
  };

  if (!current) {
    return (
      <section className={styles.queue} aria-label={t("queue.label")} data-testid="review-queue">
        <p className={styles.done}>{t("queue.nothingLeft")}</p>
        {props.reviewable && props.reviewable.length > 0 && props.onMarkReviewed && !props.readOnly ? (
          <ul className={styles.reviewable}>
            {props.reviewable.map((d) => (
              <li key={d.documentId}>
                <span>{d.fileName}</span>
                <button type="button" onClick={() => props.onMarkReviewed?.(d.documentId)}>
                  {t("queue.markReviewed")}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    );
  }

  const grouped = current.paths.length > 1;
  const multiline = /\n/.test(focusedValue ?? "");
  const inputProps = {
    id: "review-queue-value",
    className: `${styles.value} ${dirty ? styles.dirty : ""}`,
    value: draft,
    placeholder: focusedValue === null ? t("queue.typeValue") : "",
    onKeyDown,
    "aria-describedby": "review-queue-reasons",
    autoComplete: "off",
    spellCheck: false,
    "data-path": path ?? undefined,
    "data-document-id": current.documentId,
    readOnly: props.readOnly,
  };
  return (
    <section className={styles.queue} aria-label={t("queue.label")} data-testid="review-queue" data-item-key={current.key}>
      <header className={styles.head}>
        <span className={styles.pos}>
          {index + 1} / {items.length}
        </span>
        <span className={styles.file} title={current.fileName}>
          {current.fileName}
        </span>
        <span className={`${styles.state} ${styles[current.state] ?? ""}`} data-testid="queue-state" title={t("queue.state.title")}>
          {stateWord(t, current)}
        </span>
      </header>
      <ul id="review-queue-reasons" className={styles.reasons}>
        {current.why.map((r) => (
          <li key={r.code + r.message}>{reasonText(t, r)}</li>
        ))}
      </ul>
      {grouped ? (
        <ol className={styles.involved} aria-label={t("queue.involved")} data-testid="queue-involved">
          {current.involved.map((v) => (
            <li key={v.path}>
              <button type="button" aria-current={v.path === path ? "true" : undefined} onClick={() => setFocusPath(v.path)}>
                <span>{label(v.path)}</span> <span className={styles.involvedValue}>{v.value === null ? "—" : oneLineValue(v.value)}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <label className={styles.field} htmlFor="review-queue-value">
        {path ? label(path) : current.label}
      </label>
      {multiline ? (
        // A value printed on several lines keeps its line breaks (Shift+Enter adds one; Enter still accepts or saves).
        <textarea {...inputProps} ref={inputRef} rows={Math.min(6, draft.split("\n").length)} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input {...inputProps} ref={inputRef} onChange={(e) => setDraft(e.target.value)} />
      )}
      {props.readOnly ? (
        <p className={styles.muted} data-testid="queue-read-only">
          {t("queue.readOnly")}
        </p>
      ) : null}
      <div className={styles.actions}>
        {props.readOnly ? null : (
          <>
            <button type="button" onClick={() => run(dirty ? "save" : "accept")} disabled={busy}>
              {dirty ? t("queue.save") : grouped ? t("queue.acceptAll", { count: current.paths.length }) : t("queue.accept")}
            </button>
            <button type="button" onClick={() => run("notOnDocument")} disabled={busy}>
              {t("queue.notOnDocument")}
            </button>
          </>
        )}
        <button type="button" onClick={() => run("prev")} disabled={index === 0}>
          {t("queue.previous")}
        </button>
        <button type="button" onClick={() => run("next")} disabled={index >= items.length - 1}>
          {t("queue.next")}
        </button>
      </div>
      {items.length > 1 ? (
        <ol className={styles.upNext} aria-label={t("queue.upNext")} start={index + 2}>
          {items.slice(index + 1, index + 9).map((it, k) => (
            <li key={it.key}>
              <button
                type="button"
                onClick={() => {
                  setFocusPath(null);
                  setIndex(index + 1 + k);
                }}
                title={it.why[0] ? reasonText(t, it.why[0]) : undefined}
              >
                <span className={styles.muted}>{it.fileName}</span> {label(it.path)}
                {it.paths.length > 1 ? <span className={styles.muted}> +{it.paths.length - 1}</span> : null}
                <span className={styles.muted}> — {it.why[0] ? reasonText(t, it.why[0]) : ""}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <footer className={styles.hints} title={t("queue.shortcuts")}>
        {KEY_HINTS.map((h) => (
          <span key={h.keys}>
            <kbd>{h.keys}</kbd> {t.has(`queue.keys.${h.id}`) ? t(`queue.keys.${h.id}`) : h.action}
          </span>
        ))}
      </footer>
    </section>
  );
}
