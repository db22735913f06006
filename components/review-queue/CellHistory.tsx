"use client";

import { useLocale, useTranslations } from "next-intl";
import type { CorrectionRecord } from "@/lib/sheet/types";
import styles from "./review-queue.module.css";

export interface CellHistoryProps {
  /** the engine's value, shown as the first entry. */
  original: string | null;
  /** the cell's corrections, oldest first. */
  history: CorrectionRecord[];
}

/** A cell's history: the engine's value, then who changed what and when (dates in the reader's locale). */
export function CellHistory({ original, history }: CellHistoryProps) {
  const t = useTranslations("history");
  const locale = useLocale();
  return (
    <ol className={styles.history} aria-label={t("label")} data-testid="cell-history">
      <li>
        <span className={styles.who}>{t("engine")}</span> {t("read")} <q>{original ?? "—"}</q>
      </li>
      {history.map((c) => (
        <li key={c.id} data-kind={c.kind}>
          <span className={styles.who}>{c.userEmail ?? c.userId}</span> {t(c.kind)}
          {c.kind === "edit" ? (
            <>
              {" "}
              <q>{c.oldValue ?? "—"}</q> → <q>{c.newValue ?? "—"}</q>
              {c.box ? <span className={styles.muted}> {t("boxDrawn", { page: (c.page ?? 0) + 1 })}</span> : null}
            </>
          ) : null}{" "}
          <time dateTime={c.createdAt} className={styles.muted}>
            {formatWhen(c.createdAt, locale)}
          </time>
        </li>
      ))}
    </ol>
  );
}

/** "2026-11-20 11:00" in the viewer's zone; with a locale, that locale's short date and time ("2026/11/20 11:00" in ja, "11/20/26, 11:00 AM" in en). */
export function formatWhen(iso: string, locale?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (locale) return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" }).format(d);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
