/** The reviewers' punctuation and line breaks in a name or address: recall applies them to whatever value it settled on. */
import { textCounts } from "./learn";
import { type FieldMemory, fold } from "./types";

const RUN = /[\p{L}\p{N}]+/gu;
const gap = (t: string) => t.replace(/\s+/gu, " ");

/** The separators the reviewers typed between two words (folded, "8|jalan"), counted by reviewed documents. */
function separatorVotes(entries: readonly FieldMemory[]): Map<string, Map<string, number>> {
  const votes = new Map<string, Map<string, number>>();
  for (const e of entries) {
    for (const [text, n] of Object.entries(textCounts(e))) {
      const runs = [...text.normalize("NFKC").matchAll(RUN)];
      for (let i = 0; i + 1 < runs.length; i++) {
        const a = runs[i]!;
        const b = runs[i + 1]!;
        const key = `${fold(a[0])}|${fold(b[0])}`;
        const sep = gap(text.normalize("NFKC").slice(a.index! + a[0].length, b.index!));
        const m = votes.get(key) ?? new Map<string, number>();
        m.set(sep, (m.get(sep) ?? 0) + n);
        votes.set(key, m);
      }
    }
  }
  return votes;
}

/**
 * The text with the separator between two words set to what most reviewed documents typed between the same two words
 * ("NO 8. JALAN" → "NO 8, JALAN" where two reviews typed a comma and one a dot). Only a majority changes it; the
 * words themselves stay as read (the matcher still locates them on the page).
 */
export function punctuated(text: string, entries: readonly FieldMemory[]): string {
  const votes = separatorVotes(entries);
  if (votes.size === 0) return text;
  const runs = [...text.matchAll(RUN)];
  let out = "";
  let at = 0;
  for (let i = 0; i + 1 < runs.length; i++) {
    const a = runs[i]!;
    const b = runs[i + 1]!;
    const end = a.index! + a[0].length;
    out += text.slice(at, end);
    at = end;
    const m = votes.get(`${fold(a[0])}|${fold(b[0])}`);
    const sep = text.slice(end, b.index!);
    if (!m) continue;
    const [best, n] = [...m].sort((x, y) => y[1] - x[1])[0]!;
    if (best !== gap(sep) && n > (m.get(gap(sep)) ?? 0)) {
      out += best;
      at = b.index!;
    }
  }
  return out + text.slice(at);
}

/**
 * The value's printed lines joined by a space where the supplier's reviewers type this field, printed over several
 * lines, on one line more often than with its line breaks (a sheet cell holds one line; a confirmed reading keeps the
 * breaks). The vote counts the texts of entries printed over several lines (FieldMemory.texts, `lines`), so memories
 * stored before need nothing new. The punctuation vote (punctuated) then puts back the commas they type at the breaks.
 */
export function asTypedLines(text: string, entries: readonly FieldMemory[]): string {
  if (!text.includes("\n")) return text;
  let vote = 0;
  for (const e of entries) {
    if ((e.lines ?? e.text.split("\n").length) < 2) continue;
    for (const [t, n] of Object.entries(textCounts(e))) vote += t.includes("\n") ? -n : n;
  }
  return vote > 0 ? text.replace(/[^\S\n]*\n\s*/gu, " ") : text;
}
