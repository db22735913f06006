export { type ClaimState, DocumentView, type DocumentViewProps } from "./DocumentView";
export { DOCUMENT_KEYS } from "./keys";
export { ShortcutsOverlay } from "./ShortcutsOverlay";
