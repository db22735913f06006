import type { Direction } from "./model";

/**
 * The document view's keyboard map. The focused value is an input whose text is selected
 * on arrival, so typing replaces it (spreadsheet style):
 *   ↑ ↓             previous / next row of the form (header field or line item)
 *   ← →             previous / next column of a line item, when the caret is at the text's edge
 *   Tab / Shift+Tab next / previous value
 *   Enter           accept the value as is, or save what was typed; then the next doubtful value
 *   Alt+N           the value is not on the document
 *   Esc             undo the typing
 *   PageDown / PageUp   next / previous document (Ctrl+Enter: next document)
 *   Ctrl+M          mark the document reviewed (when nothing is left to review)
 *   + − 0           zoom the page in / out / fit width (when the page has focus)
 *   Alt+O           the photo as taken / the flattened page (PageCanvas owns it)
 *   ?               this list (when not in the middle of typing)
 */
export const DOCUMENT_KEYS: Array<{ keys: string; id: string; action: string }> = [
  { keys: "↑ ↓", id: "rows", action: "previous / next field or line" },
  { keys: "← →", id: "columns", action: "previous / next column (at the edge of the text)" },
  { keys: "Tab / Shift+Tab", id: "tab", action: "next / previous value" },
  { keys: "type", id: "type", action: "replace the value" },
  { keys: "Enter", id: "enter", action: "accept, or save what you typed; then the next doubtful value" },
  { keys: "Alt+N", id: "notOnDocument", action: "the value is not on the document" },
  { keys: "Esc", id: "escape", action: "undo the typing" },
  { keys: "PageDown / Ctrl+Enter", id: "nextDocument", action: "next document" },
  { keys: "PageUp", id: "prevDocument", action: "previous document" },
  { keys: "Ctrl+M", id: "markReviewed", action: "mark the document reviewed (nothing left to review)" },
  { keys: "+ − 0", id: "zoom", action: "zoom in / out / fit width (page focused)" },
  { keys: "Alt+O", id: "original", action: "the photo as taken / the flattened page (when the page was flattened)" },
  { keys: "?", id: "help", action: "show this list" },
];

export type DocumentAction =
  | { kind: "move"; dir: Direction }
  | { kind: "accept" }
  | { kind: "save" }
  | { kind: "notOnDocument" }
  | { kind: "revert" }
  | { kind: "nextDocument" }
  | { kind: "prevDocument" }
  | { kind: "markReviewed" }
  | { kind: "help" };

export interface DocumentKeyInput {
  key: string;
  code?: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  isComposing?: boolean;
}

/** Where the caret is in the focused input (for ← → at the text's edges). */
export interface CaretFacts {
  /** the whole text is selected (just arrived) or the text is empty. */
  allSelected: boolean;
  atStart: boolean;
  atEnd: boolean;
}

/** Map a key press in a form value to an action; null leaves it to the input (typing). */
export function documentKeyAction(e: DocumentKeyInput, dirty: boolean, caret: CaretFacts): DocumentAction | null {
  if (e.isComposing) return null;
  const mod = e.ctrlKey || e.metaKey;
  if (e.altKey && !mod && (e.code === "KeyN" || e.key.toLowerCase() === "n")) return { kind: "notOnDocument" };
  if (mod && (e.code === "KeyM" || e.key.toLowerCase() === "m")) return { kind: "markReviewed" };
  if (e.key === "Enter" && mod) return { kind: "nextDocument" };
  if (e.key === "Enter" && !e.altKey && !e.shiftKey) return { kind: dirty ? "save" : "accept" };
  if (e.key === "Tab") return { kind: "move", dir: e.shiftKey ? "prev" : "next" };
  if (e.key === "PageDown") return { kind: "nextDocument" };
  if (e.key === "PageUp") return { kind: "prevDocument" };
  if (e.key === "Escape" && dirty) return { kind: "revert" };
  // "?" shows the shortcuts unless the reviewer is in the middle of typing a value.
  if (e.key === "?" && !dirty && caret.allSelected) return { kind: "help" };
  if (e.altKey || mod || e.shiftKey) return null;
  if (e.key === "ArrowUp") return { kind: "move", dir: "up" };
  if (e.key === "ArrowDown") return { kind: "move", dir: "down" };
  if (e.key === "ArrowLeft" && (caret.allSelected || caret.atStart)) return { kind: "move", dir: "left" };
  if (e.key === "ArrowRight" && (caret.allSelected || caret.atEnd)) return { kind: "move", dir: "right" };
  return null;
}
