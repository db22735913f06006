"use client";

import { useTranslations } from "next-intl";
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
  /** values shown, not editable (a viewer). */
  readOnly?: boolean;
}

/** The document's values: header fields, then each line-item table. */
export function FieldForm({ layout, selected, busy, onFocus, onAction, readOnly = false }: FieldFormProps) {
  const common = { busy, onFocus, onAction, readOnly };
  const t = useTranslations();
  // A field's name in the reader's language when the messages have it (English: the schema's name, humanized).
  const field = (name: string, fallback: string) => (t.has(`fields.${name}`) ? t(`fields.${name}`) : fallback);
  const slotLabel = (path: string, fallback: string) => {
    const [name = "", index, child] = path.split(".");
    if (index === undefined || child === undefined) return field(name, fallback);
    return `${field(name, name)} ${Number(index) + 1} · ${field(child, child)}`;
  };
  return (
    <div className={styles.form} data-testid="field-form">
      <section aria-label={t("documentView.headerFields")} className={styles.header}>
        {layout.header.map((s) => (
          <ValueInput key={s.path} cell={s.cell} label={slotLabel(s.path, s.label)} selected={s.path === selected} {...common} />
        ))}
      </section>
      {layout.tables.map((table) => (
        <section key={table.name} aria-label={field(table.name, table.label)} className={styles.tableWrap}>
          <h2 className={styles.tableTitle}>
            {field(table.name, table.label)} <span className={styles.muted}>({table.rows.length})</span>
          </h2>
          {table.rows.length === 0 ? (
            <p className={styles.muted}>{t("documentView.noLines")}</p>
          ) : (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  {table.columns.map((c) => (
                    <th key={c.name} scope="col">
                      {field(c.name, c.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, i) => (
                  <tr key={i}>
                    <td className={styles.rowNo}>{i + 1}</td>
                    {row.map((s, j) =>
                      s ? (
                        <td key={s.path}>
                          <ValueInput cell={s.cell} label={slotLabel(s.path, s.label)} compact selected={s.path === selected} {...common} />
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
