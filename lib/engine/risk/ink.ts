import type { Box, OcrPage, OcrWord } from "../types";

/**
 * What the OCR'd words behind a value say about its letters, beyond the word confidence:
 * the weakest character (a word's confidence hides one doubtful letter among sure ones), a
 * space the reader had to guess (a gap much narrower than a letter: "1 TB" printed "1TB"),
 * and the same text read identically somewhere else on the page (two prints of a name, a
 * number or a date misread the same way are rare: a confirmation free text otherwise lacks).
 */

export interface InkSignals {
  /** lowest confidence of a recognised (not interpolated) character behind the value, 0–1; 1 without characters. */
  charMin: number;
  /** two words of the value on one line stand closer than a third of a letter: the space is a guess. */
  tightSpace: boolean;
  /** the value's text (≥ 4 characters, spaces aside) is read again on another line of the page. */
  repeated: boolean;
  /** a character behind the value was replaced from its geometry (read/glyphs.ts): not what the reader read. */
  restored: boolean;
}

const centreIn = (w: OcrWord, b: Box) => {
  const cx = (w.box.x0 + w.box.x1) / 2;
  const cy = (w.box.y0 + w.box.y1) / 2;
  return cx >= b.x0 && cx <= b.x1 && cy >= b.y0 && cy <= b.y1;
};

const squash = (t: string) => t.normalize("NFKC").replace(/\s+/g, "");

/** The signals of one value located at `box` on `page` (OCR'd pages only; a text layer has no doubt of letters). */
export function inkSignals(page: OcrPage, box: Box, text: string): InkSignals {
  const words = page.words.filter((w) => w.text.trim() && centreIn(w, box));
  let charMin = 1;
  let restored = false;
  for (const w of words)
    for (const s of w.symbols) {
      if (!s.interpolated && s.text.trim()) charMin = Math.min(charMin, s.conf);
      if (s.read !== undefined) restored = true;
    }
  let tightSpace = false;
  const byLine = new Map<string, OcrWord[]>();
  for (const w of words) byLine.set(w.lineId, [...(byLine.get(w.lineId) ?? []), w]);
  for (const ws of byLine.values()) {
    const sorted = [...ws].sort((a, b) => a.box.x0 - b.box.x0);
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      const letter = ((a.box.x1 - a.box.x0) / Math.max(1, [...a.text].length) + (b.box.x1 - b.box.x0) / Math.max(1, [...b.text].length)) / 2;
      if (b.box.x0 - a.box.x1 < letter / 3) tightSpace = true;
    }
  }
  const want = squash(text);
  let repeated = false;
  if ([...want].length >= 4) {
    const mine = new Set(words.map((w) => w.id));
    const at = new Map(page.words.map((w) => [w.id, w]));
    for (const line of page.lines) {
      const others = line.wordIds.filter((id) => !mine.has(id)).map((id) => at.get(id)?.text ?? "");
      if (others.length === line.wordIds.length && squash(others.join("")).includes(want)) {
        repeated = true;
        break;
      }
    }
  }
  return { charMin, tightSpace, repeated, restored };
}
