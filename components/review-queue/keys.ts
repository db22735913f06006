import type { QueueItem } from "@/lib/sheet/types";

/**
 * The queue's keyboard map. The value input is always focused, its text selected, so
 * typing replaces the value (spreadsheet style) and Enter decides:
 *   Enter            accept the value as is, or save the edit when the text changed
 *   Tab / Shift+Tab  next / previous value
 *   Alt+N            the value is not on the document
 *   Ctrl+Enter, PageDown / PageUp   next / previous document
 *   Escape           undo the typing
 */
export const KEY_HINTS: Array<{ id: string; keys: string; action: string }> = [
  { id: "enter", keys: "Enter", action: "accept (or save what you typed)" },
  { id: "type", keys: "type", action: "edit the value" },
  { id: "newline", keys: "Shift+Enter", action: "new line in the value" },
  { id: "tab", keys: "Tab / Shift+Tab", action: "next / previous" },
  { id: "values", keys: "Alt+↓ / Alt+↑", action: "next / previous value of the check" },
  { id: "notOnDocument", keys: "Alt+N", action: "not on document" },
  { id: "nextDocument", keys: "Ctrl+Enter / PageDown", action: "next document" },
  { id: "prevDocument", keys: "PageUp", action: "previous document" },
  { id: "escape", keys: "Esc", action: "undo typing" },
];

export type QueueAction =
  | "accept"
  | "save"
  | "next"
  | "prev"
  | "notOnDocument"
  | "nextDocument"
  | "prevDocument"
  | "revert"
  /** move between the values one check names (a grouped item). */
  | "nextValue"
  | "prevValue";

/** The keyboard facts the map needs (a subset of KeyboardEvent). */
export interface KeyInput {
  key: string;
  code?: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

/** Map a key press to a queue action; null lets the input handle it (typing). */
export function keyToAction(e: KeyInput, dirty: boolean): QueueAction | null {
  const mod = e.ctrlKey || e.metaKey;
  // Alt+N: on macOS Alt+N types "˜", so match the physical key too.
  if (e.altKey && !mod && (e.code === "KeyN" || e.key.toLowerCase() === "n")) return "notOnDocument";
  if (e.altKey && !mod && e.key === "ArrowDown") return "nextValue";
  if (e.altKey && !mod && e.key === "ArrowUp") return "prevValue";
  if (e.key === "Enter" && mod) return "nextDocument";
  if (e.key === "Enter" && !e.altKey && !e.shiftKey) return dirty ? "save" : "accept";
  if (e.key === "Tab") return e.shiftKey ? "prev" : "next";
  if (e.key === "PageDown") return "nextDocument";
  if (e.key === "PageUp") return "prevDocument";
  if (e.key === "Escape" && dirty) return "revert";
  return null;
}

/** The index a navigation action moves to (clamped; documents jump to their first item). */
export function moveIndex(items: QueueItem[], index: number, action: QueueAction): number {
  if (items.length === 0) return 0;
  const last = items.length - 1;
  const i = Math.min(Math.max(index, 0), last);
  const doc = items[i]?.documentId;
  switch (action) {
    case "next":
      return Math.min(i + 1, last);
    case "prev":
      return Math.max(i - 1, 0);
    case "nextDocument": {
      const j = items.findIndex((it, k) => k > i && it.documentId !== doc);
      return j === -1 ? i : j;
    }
    case "prevDocument": {
      // first item of the document before the current one
      let k = i;
      while (k > 0 && items[k - 1]?.documentId === doc) k--;
      if (k === 0) return 0;
      const prevDoc = items[k - 1]?.documentId;
      while (k > 0 && items[k - 1]?.documentId === prevDoc) k--;
      return k;
    }
    default:
      return i;
  }
}

/**
 * Where the cursor goes when the queue changes (an item was accepted and left it):
 * stay on the same item if it is still there, else on the first later item that
 * survived, else the last one.
 */
export function reconcileIndex(prev: QueueItem[], next: QueueItem[], index: number): number {
  if (next.length === 0) return 0;
  const keys = new Map(next.map((it, i) => [it.key, i]));
  for (let k = Math.max(index, 0); k < prev.length; k++) {
    const found = keys.get(prev[k]?.key ?? "");
    if (found !== undefined) return found;
  }
  return Math.min(Math.max(index, 0), next.length - 1);
}
