/** Kangxi radicals and CJK compatibility ideographs that PDF fonts emit for ordinary kanji. */
const COMPAT_CJK = /[\u2F00-\u2FDF\u2E80-\u2EFF\uF900-\uFAFF]/g;

/** Fix font-mapping artefacts without touching what was printed (⼩ → 小, not ５ → 5). */
export function cleanText(text: string): string {
  // OCR reads table rules as bars glued to cell text ("|B-1533", "35,000|"): they are never part of a value.
  return text.replace(COMPAT_CJK, (c) => RADICALS[c] ?? c.normalize("NFKC")).replace(/^[|│¦]+|[|│¦]+$/g, "");
}

// CJK Radicals Supplement forms have no NFKC mapping; these stand in for common kanji.
const RADICALS: Record<string, string> = {
  "⿊": "黒",
  "⻄": "西",
  "⻑": "長",
  "⻘": "青",
  "⻝": "食",
  "⻩": "黄",
  "⻤": "鬼",
  "⻆": "角",
  "⻣": "骨",
  "⻨": "麦",
  "⻲": "亀",
  "⻭": "歯",
  "⻯": "竜",
  "⻫": "斉",
  "⺟": "母",
  "⺠": "民",
  "⻌": "辶",
  "⻖": "阝",
  "⺾": "艹",
};

/** Matching key: NFKC, lower case, no spaces or punctuation (so "I N V O I C E  N O ." = "invoiceno"). */
export function compact(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}°#№%]/gu, "");
}

/** Compact key plus, for each of its characters, the index of that character in the original text. */
export function compactWithMap(text: string): { key: string; map: number[] } {
  let key = "";
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const c = compact(ch);
    for (const k of c) {
      key += k;
      map.push(i);
    }
    i += ch.length;
  }
  return { key, map };
}
