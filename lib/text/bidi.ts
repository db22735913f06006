/**
 * Bidirectional control characters let a name reorder the text around it when displayed
 * ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"). Names are cleaned when saved and
 * again when shown (rows saved before the rule existed): embeddings and overrides
 * U+202A–U+202E, isolates U+2066–U+2069, and the implicit marks U+200E, U+200F, U+061C.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** `text` without bidi control characters. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

/** A user-supplied name as displayed: no bidi controls; null/undefined stay empty. */
export function displayName(text: string | null | undefined): string {
  return stripBidiControls(text ?? "");
}
