import { KEY_HINTS } from "@/components/review-queue/keys";

/** Every shortcut of the sheet view, for its `?` overlay (the review queue's own map included). */
export const SHEET_KEYS: Array<{ keys: string; id?: string; action: string }> = [
  { keys: "↑ ↓ ← →", id: "sheetMove", action: "move between cells of the sheet" },
  { keys: "type / F2", id: "sheetType", action: "edit the selected cell (the key you type starts the new value)" },
  { keys: "Enter", id: "sheetEnter", action: "in the value box: save what you typed, or accept the value" },
  ...KEY_HINTS.map((k) => ({ keys: `${k.keys}`, action: `review queue: ${k.action}` })),
  { keys: "+ − 0", id: "zoomPage", action: "zoom in / out / fit the page (page focused)" },
  { keys: "PageUp / PageDown", id: "pages", action: "previous / next page of the document (page focused)" },
  { keys: "Alt+O", id: "original", action: "the photo as taken / the flattened page (when the page was flattened)" },
  { keys: "?", id: "help", action: "show this list" },
];
