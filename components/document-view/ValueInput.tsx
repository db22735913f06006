"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { needsReview } from "@/lib/sheet/queue";
import type { SheetCell } from "@/lib/sheet/types";
import styles from "./document-view.module.css";
import { type DocumentAction, documentKeyAction } from "./keys";
import { plainReasons, WORDED_STATES } from "./model";
import { reasonText } from "@/lib/i18n/reasons";
import { inferredWhy } from "@/lib/sheet/build";

export interface ValueInputProps {
  cell: SheetCell;
  label: string;
  /** inside a line-item table: the label is for screen readers only, reasons are shorter. */
  compact?: boolean;
  selected: boolean;
  /** a save is on its way (shown, never blocking: each value is its own request). */
  busy: boolean;
  onFocus(path: string): void;
  /** a key the form handles (move, accept, save with the typed text, next document…). */
  onAction(path: string, action: DocumentAction, draft: string): boolean;
  /** shown, not editable (a viewer): arrows and Tab still move. */
  readOnly?: boolean;
}

/** One value of the form: an input that selects its text on focus, its state and reasons. */
export function ValueInput({ cell, label, compact, selected, busy, onFocus, onAction, readOnly }: ValueInputProps) {
  const [draft, setDraft] = useState(cell.value ?? "");
  useEffect(() => setDraft(cell.value ?? ""), [cell.value]);
  const dirty = draft !== (cell.value ?? "");
  const doubtful = needsReview(cell);
  const t = useTranslations();
  const words = useMemo(
    () => ({
      missing: t("reasons.missing"),
      failed: t("reasons.failed"),
      uncertain: (percent: number) => t("reasons.uncertain", { percent }),
    }),
    [t],
  );
  // The reasons by their codes, in the reader's language (the English words when a code has no translation).
  const reasons = doubtful ? (cell.why && cell.why.length > 0 ? cell.why.map((r) => reasonText(t, r)) : plainReasons(cell, words)) : [];
  // An inferred value (a currency read off "€") says where it comes from even when nothing is doubtful.
  const note = !doubtful && cell.inferredFrom !== undefined ? reasonText(t, inferredWhy(cell.inferredFrom)) : null;
  // A value printed on several lines keeps its line breaks: a textarea, one row per line (Shift+Enter adds one).
  const lines = draft.split("\n").length;
  const word = WORDED_STATES.has(cell.state) ? t(`states.${cell.state}`) : "";
  // The element follows the stored value, not the draft: deleting the last break must not swap it (and lose the focus).
  const Box = (cell.value ?? "").includes("\n") ? "textarea" : "input";
  const id = `value-${cell.path.replace(/[^A-Za-z0-9_]/g, "-")}`;
  return (
    <div
      className={`${styles.value} ${compact ? styles.compact : ""} ${selected ? styles.selected : ""}`}
      aria-busy={selected && busy ? true : undefined}
      data-state={cell.state}
      data-doubtful={doubtful ? "true" : undefined}
    >
      <label htmlFor={id} className={compact ? styles.srOnly : styles.label}>
        {label}
        {word && !compact ? <span className={styles.stateWord}> · {word}</span> : null}
      </label>
      <Box
        id={id}
        className={styles.input}
        {...(Box === "textarea" ? { rows: Math.min(Math.max(lines, 2), 6) } : {})}
        value={draft}
        readOnly={readOnly}
        placeholder={cell.state === "missing" ? t("documentView.missing") : cell.state === "not_on_document" ? t("documentView.notOnDocument") : ""}
        onChange={(e) => setDraft(e.target.value)}
        onFocus={(e) => {
          e.currentTarget.select();
          onFocus(cell.path);
        }}
        onKeyDown={(e) => {
          const el = e.currentTarget;
          const len = el.value.length;
          const caret = {
            allSelected: len === 0 || (el.selectionStart === 0 && el.selectionEnd === len),
            atStart: el.selectionStart === 0 && el.selectionEnd === 0,
            atEnd: el.selectionStart === len && el.selectionEnd === len,
          };
          const action = documentKeyAction(e.nativeEvent, dirty, caret);
          if (!action) return;
          if (action.kind === "revert") {
            setDraft(cell.value ?? "");
            requestAnimationFrame(() => el.select());
            e.preventDefault();
            return;
          }
          if (onAction(cell.path, action, draft)) e.preventDefault();
        }}
        aria-invalid={doubtful || undefined}
        aria-describedby={reasons.length > 0 ? `${id}-why` : undefined}
        title={compact && reasons.length > 0 ? reasons.join("; ") : undefined}
        data-path={cell.path}
        data-testid="form-value"
        autoComplete="off"
        spellCheck={false}
      />
      {note ? (
        <p className={styles.why} data-testid="form-note">
          {note}
        </p>
      ) : null}
      {reasons.length > 0 ? (
        <p id={`${id}-why`} className={styles.why} data-testid="form-reason">
          {compact ? reasons[0] : reasons.join("; ")}
        </p>
      ) : null}
    </div>
  );
}
