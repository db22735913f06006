import type { Reason } from "@/lib/sheet/types";

/** The slice of next-intl's translator the reason words need (kept structural: this module stays pure). */
export interface Translator {
  (key: string, params?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/**
 * A reason in the reader's language, chosen by its code, never by its English words: the message
 * catalogue's `reasonCodes.<code>` when it has one (with the reason's parameters, e.g. the value or a
 * percentage), else the English message the engine or the sheet wrote. English keeps the engine's
 * own sentences (they quote the printed numbers); other languages word each code.
 */
export function reasonText(t: Translator, r: Reason): string {
  const key = `reasonCodes.${r.code}`;
  if (!t.has(key)) return r.message;
  return t(key, { value: "", percent: "", mark: "", ...r.params });
}
