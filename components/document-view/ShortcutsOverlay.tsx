"use client";

import { useEffect, useRef } from "react";
import styles from "./document-view.module.css";
import { DOCUMENT_KEYS } from "./keys";

/** The `?` overlay: every shortcut of the view it is opened from. */
export function ShortcutsOverlay({
  onClose,
  keys = DOCUMENT_KEYS,
  title = "Keyboard shortcuts",
}: {
  onClose(): void;
  keys?: Array<{ keys: string; action: string }>;
  title?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);
  return (
    <dialog ref={ref} className={styles.overlay} onClose={onClose} aria-label={title} data-testid="shortcuts">
      <h2>{title}</h2>
      <table>
        <tbody>
          {keys.map((k) => (
            <tr key={k.keys}>
              <th scope="row">
                <kbd>{k.keys}</kbd>
              </th>
              <td>{k.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">Close (Esc)</button>
      </form>
    </dialog>
  );
}
