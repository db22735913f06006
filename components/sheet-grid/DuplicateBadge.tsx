"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { SheetRow } from "@/lib/sheet/types";
import type { GridSelection } from "./model";
import styles from "./sheet-grid.module.css";

/**
 * "Possible duplicate of …" on a document's row: the earlier copy of the same invoice is one
 * click away, and the reviewer can dismiss the warning (a warning, never a block).
 */
export function DuplicateBadge({ doc, onSelect }: { doc: SheetRow; onSelect(sel: GridSelection): void }) {
  const [dismissed, setDismissed] = useState(false);
  const t = useTranslations("grid");
  const issue = doc.issues.find((i) => i.code === "possible_duplicate");
  if (!issue?.related || dismissed) return null;
  const related = issue.related;
  const dismiss = async () => {
    const res = await fetch(`/api/documents/${doc.documentId}/dismiss-duplicate`, { method: "POST" });
    if (res.ok) setDismissed(true);
  };
  return (
    <span className={styles.duplicate} data-testid="possible-duplicate" data-related={related.documentId} title={issue.message}>
      <button type="button" className={styles.duplicateLink} onClick={() => onSelect({ documentId: related.documentId, path: issue.fields[0] ?? "total" })}>
        {t("duplicateOf", { file: related.fileName })}
      </button>
      <button type="button" className={styles.duplicateDismiss} onClick={dismiss} aria-label={t("dismissDuplicate")} data-testid="dismiss-duplicate">
        ×
      </button>
    </span>
  );
}
