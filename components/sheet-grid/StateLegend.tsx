"use client";

import { useTranslations } from "next-intl";
import { STATE_LEGEND } from "./model";
import styles from "./sheet-grid.module.css";

/** The colour key of the cell states. */
export function StateLegend() {
  const t = useTranslations("legend");
  return (
    <ul className={styles.legend} aria-label={t("label")}>
      {STATE_LEGEND.map(({ state, label }) => (
        <li key={state}>
          <span className={`${styles.swatch} ${styles[state]}`} aria-hidden />
          {t.has(state) ? t(state) : label}
        </li>
      ))}
    </ul>
  );
}
