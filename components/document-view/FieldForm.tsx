"use client";

import styles from "./document-view.module.css";
import type { DocumentAction } from "./keys";
import type { FormLayout } from "./model";
import { ValueInput } from "./ValueInput";

export interface FieldFormProps {
  layout: FormLayout;
  selected: string | null;
  busy: boolean;
  onFocus(path: string): void;
  onAction(path: string, action: DocumentAction, draft: string): boolean;
}

/** The document's values: header fields, then each line-item table. */
export function FieldForm({ layout, selected, busy, onFocus, onAction }: FieldFormProps) {
  const common = { busy, onFocus, onAction };
  return (
    <div className={styles.form} data-testid="field-form">
      <section aria-label="Header fields" className={styles.header}>
        {layout.header.map((s) => (
          <ValueInput key={s.path} cell={s.cell} label={s.label} selected={s.path === selected} {...common} />
        ))}
      </section>
      {layout.tables.map((t) => (
        <section key={t.name} aria-label={t.label} className={styles.tableWrap}>
          <h2 className={styles.tableTitle}>
            {t.label} <span className={styles.muted}>({t.rows.length})</span>
          </h2>
          {t.rows.length === 0 ? (
            <p className={styles.muted}>No lines read.</p>
          ) : (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  {t.columns.map((c) => (
                    <th key={c.name} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {t.rows.map((row, i) => (
                  <tr key={i}>
                    <td className={styles.rowNo}>{i + 1}</td>
                    {row.map((s, j) =>
                      s ? (
                        <td key={s.path}>
                          <ValueInput cell={s.cell} label={s.label} compact selected={s.path === selected} {...common} />
                        </td>
                      ) : (
                        <td key={j} />
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
