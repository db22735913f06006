import type { CorrectionRecord } from "@/lib/sheet/types";
import styles from "./review-queue.module.css";

export interface CellHistoryProps {
  /** the engine's value, shown as the first entry. */
  original: string | null;
  /** the cell's corrections, oldest first. */
  history: CorrectionRecord[];
}

const KIND: Record<CorrectionRecord["kind"], string> = {
  edit: "edited",
  accept: "accepted",
  not_on_document: "marked not on document",
};

/** A cell's history: the engine's value, then who changed what and when. */
export function CellHistory({ original, history }: CellHistoryProps) {
  return (
    <ol className={styles.history} aria-label="Cell history" data-testid="cell-history">
      <li>
        <span className={styles.who}>engine</span> read <q>{original ?? "—"}</q>
      </li>
      {history.map((c) => (
        <li key={c.id} data-kind={c.kind}>
          <span className={styles.who}>{c.userEmail ?? c.userId}</span> {KIND[c.kind]}
          {c.kind === "edit" ? (
            <>
              {" "}
              <q>{c.oldValue ?? "—"}</q> → <q>{c.newValue ?? "—"}</q>
              {c.box ? <span className={styles.muted}> (box drawn on page {(c.page ?? 0) + 1})</span> : null}
            </>
          ) : null}{" "}
          <time dateTime={c.createdAt} className={styles.muted}>
            {formatWhen(c.createdAt)}
          </time>
        </li>
      ))}
    </ol>
  );
}

/** "2026-11-20 11:00" in the viewer's zone, stable across server and client renders. */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
