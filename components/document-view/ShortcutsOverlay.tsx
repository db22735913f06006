"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import styles from "./document-view.module.css";
import { DOCUMENT_KEYS } from "./keys";

/** The `?` overlay: every shortcut of the view it is opened from. */
export function ShortcutsOverlay({
  onClose,
  keys = DOCUMENT_KEYS,
  title,
}: {
  onClose(): void;
  keys?: Array<{ keys: string; id?: string; action: string }>;
  title?: string;
}) {
  const t = useTranslations();
  const heading = title ?? t("documentView.shortcuts");
  // The action in the reader's language when the messages have it, else the list's own words.
  const say = (k: { id?: string; action: string }) => (k.id && t.has(`keys.${k.id}`) ? t(`keys.${k.id}`) : k.action);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);
  return (
    <dialog ref={ref} className={styles.overlay} onClose={onClose} aria-label={heading} data-testid="shortcuts">
      <h2>{heading}</h2>
      <table>
        <tbody>
          {keys.map((k) => (
            <tr key={k.keys}>
              <th scope="row">
                <kbd>{k.keys === "type" ? t("keys.typeKey") : k.keys}</kbd>
              </th>
              <td>{say(k)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">{t("documentView.close")}</button>
      </form>
    </dialog>
  );
}
