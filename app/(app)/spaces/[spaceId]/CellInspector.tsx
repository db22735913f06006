"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { CellHistory } from "@/components/review-queue";
import { reasonText } from "@/lib/i18n/reasons";
import { inferredWhy, riskPercent } from "@/lib/sheet/build";
import { pathLabel } from "@/lib/sheet/queue";
import type { SheetCell } from "@/lib/sheet/types";
import styles from "./space.module.css";

export interface CellInspectorProps {
  cell: SheetCell;
  fileName: string;
  /** text proposed from a box drawn on the page. */
  proposal: string | null;
  busy: boolean;
  onEdit(value: string): void;
  onAccept(): void;
  onNotOnDocument(): void;
  /** text typed on the grid cell (n changes per key press): the input takes it and the focus. */
  typed?: { text: string; n: number } | null;
  /** the role may not correct (a viewer): the value, reasons and history only. */
  readOnly?: boolean;
}

/** The selected cell: its value (editable), why it is flagged, and its history. */
export function CellInspector({ cell, fileName, proposal, busy, onEdit, onAccept, onNotOnDocument, typed, readOnly }: CellInspectorProps) {
  const [draft, setDraft] = useState(cell.value ?? "");
  const inputRef = useRef<HTMLInputElement>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setDraft(cell.value ?? ""), [cell.value]);
  useEffect(() => {
    if (proposal !== null) {
      setDraft(proposal);
      (inputRef.current ?? areaRef.current)?.focus();
    }
  }, [proposal]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one run per key press (n), not per value change
  useEffect(() => {
    if (!typed) return;
    const el = inputRef.current ?? areaRef.current;
    // F2 keeps the value to edit it; a typed key replaces it.
    const text = typed.text === "" ? (cell.value ?? "") : typed.text;
    setDraft(text);
    el?.focus();
    requestAnimationFrame(() => el?.setSelectionRange(text.length, text.length));
  }, [typed?.n]);
  const dirty = draft !== (cell.value ?? "");
  const t = useTranslations();
  const ti = useTranslations("inspector");
  // A field's name in the reader's language ("Line items · row 3 · Amount" when the catalogue lacks it).
  const fieldLabel = (path: string) => {
    const [name = "", i, child] = path.split(".");
    const word = (n: string) => (t.has(`fields.${n}`) ? t(`fields.${n}`) : null);
    if (i === undefined || child === undefined) return word(name) ?? pathLabel(path);
    const a = word(name);
    const c = word(child);
    return a && c ? t("queue.cellLabel", { table: a, row: Number(i) + 1, column: c }) : pathLabel(path);
  };
  // By code in the reader's language; an inferred value says where it comes from even when it is not doubtful.
  const why = cell.why && cell.why.length > 0 ? cell.why : cell.inferredFrom !== undefined ? [inferredWhy(cell.inferredFrom)] : [];
  const reasons = why.length > 0 ? why.map((r) => reasonText(t, r)) : cell.reasons;
  return (
    <section className={styles.inspector} aria-label={ti("label")} data-testid="cell-inspector" data-path={cell.path}>
      <header>
        <strong>{fieldLabel(cell.path)}</strong> <span className={styles.muted}>{fileName}</span>{" "}
        <span className={styles.muted}>
          · {ti.has(`state.${cell.state}`) ? ti(`state.${cell.state}`) : cell.state.replace(/_/g, " ")} ·{" "}
          {ti("matched", { percent: Math.round(cell.match_ratio * 100) })}
          {cell.risk !== undefined && cell.original !== null ? ` · ${ti("risk", { percent: riskPercent(cell.risk) })}` : ""}
        </span>
      </header>
      {readOnly ? (
        <p className={styles.editRow} data-testid="inspector-value" data-read-only="true">
          {cell.value ?? "—"}
        </p>
      ) : (
        <form
          className={styles.editRow}
          onSubmit={(e) => {
            e.preventDefault();
            if (dirty) onEdit(draft);
            else onAccept();
          }}
        >
          {(cell.value ?? "").includes("\n") ? (
            // A value printed on several lines keeps its breaks (Shift+Enter adds one; Enter saves or accepts).
            <textarea
              ref={areaRef}
              value={draft}
              rows={Math.min(Math.max(draft.split("\n").length, 2), 6)}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey) {
                  e.preventDefault();
                  e.currentTarget.form?.requestSubmit();
                }
              }}
              aria-label={ti("value")}
              disabled={busy}
              data-testid="inspector-value"
            />
          ) : (
            <input
              ref={inputRef}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              aria-label={ti("value")}
              disabled={busy}
              data-testid="inspector-value"
            />
          )}
          <button type="submit" disabled={busy}>
            {dirty ? t("queue.save") : t("queue.accept")}
          </button>
          <button type="button" onClick={onNotOnDocument} disabled={busy}>
            {t("queue.notOnDocument")}
          </button>
        </form>
      )}
      {reasons.length > 0 ? (
        <ul className={styles.reasons}>
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      <CellHistory original={cell.original} history={cell.history} />
    </section>
  );
}
