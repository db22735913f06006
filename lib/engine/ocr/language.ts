/** Script and language detection from a first OCR pass, to route to the right model. */

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/u;

/** Share of non-space characters that are Japanese/CJK. */
export function cjkShare(text: string): number {
  let n = 0;
  let cjk = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    n++;
    if (CJK.test(ch)) cjk++;
  }
  return n === 0 ? 0 : cjk / n;
}

// Words a first pass with the English model still reads correctly (no diacritics needed).
const MARKERS = {
  deu: /\b(und|der|die|das|mit|fur|für|von|bis|zum|rechnung\w*|datum|betrag|mwst|ust|netto\w*|brutto\w*|gesamt\w*|menge|einheit|bezeichnung|stk|stra(ss|ß|b)e|gmbh|bitte|zahl\w*|summe|zzgl|inkl|lieferschein|kunden\w*|bankverbindung|einzelpreis|vielen|dank|leistung\w*|steuer\w*|quittung|bezahlt|kasse|euro)\b/giu,
  fra: /\b(le|la|les|des|du|et|pour|au|aux|facture|montant|ttc|ht|tva|qt[eé]|d[eé]signation|prix|[eé]ch[eé]ance|client|rue|siret|siren|r[eè]glement|merci|paiement|num[eé]ro|n°|bon|livraison|unitaire|remise|avenue|soci[eé]t[eé]|sarl|sas)\b/giu,
  // Receipt and invoice words as an English first pass reads them (diacritics dropped).
  lav: /\b(pvn|kop[aā]|summa|sia|iela|r[iī]ga|paldies|[cč]eks|kase|atlaide|samaksai|apmaksai|maks[aā]jum\w*|skaidr\w*|nauda|karte|lv-?\d{4}|datums|r[eē][kķ]ins)\b/giu,
  pol: /\b(ptu|paragon|fiskalny|suma|nip|razem|sprzeda[zż]\w*|got[oó]wka|reszta|karta|z[lł]|pln|ul|sp|zap[lł]aty|faktura|brutto|netto|kasa|dzi[eę]kujemy)\b/giu,
  ces: /\b(dph|celkem|i[cč]o?|di[cč]|k[cč]|s\.?r\.?o|hotovost|[uú][cč]tenka|d[eě]kujeme|faktura|zaplaceno|cena|sazba|z[aá]klad|vr[aá]ceno|platba|ulice|datum)\b/giu,
  eng: /\b(the|and|of|to|for|invoice|total|amount|due|qty|quantity|description|price|tax|subtotal|thank|you|payment|bill|ship|receipt|balance|date|street|road|avenue|suite|terms|change|cash)\b/giu,
};

/** Latin-script language guess: which of eng/deu/fra the text's function words point to. */
export function latinLanguage(text: string): "eng" | "deu" | "fra" | "lav" | "pol" | "ces" {
  const score = (re: RegExp) => (text.match(re) ?? []).length;
  const de = score(MARKERS.deu) + 2 * (text.match(/[äöüß]/giu) ?? []).length;
  const fr = score(MARKERS.fra) + 2 * (text.match(/[éèêàçôœ]/giu) ?? []).length;
  const en = score(MARKERS.eng);
  if (de >= 3 && de > en && de >= fr) return "deu";
  if (fr >= 3 && fr > en && fr > de) return "fra";
  // Latvian, Polish, Czech: a clear lead of their own receipt words over every other language.
  const others: ["lav" | "pol" | "ces", number][] = [
    ["lav", score(MARKERS.lav)],
    ["pol", score(MARKERS.pol)],
    ["ces", score(MARKERS.ces)],
  ];
  const [lang, n] = others.sort((a, b) => b[1] - a[1])[0]!;
  const second = others[1]![1];
  if (n >= 4 && n > en && n > de && n > fr && n >= second + 2) return lang;
  return "eng";
}

/** Map a caller's language hint (ISO 639-1/-2 or a Tesseract model name) to model names. */
export function modelsForHint(hint: string): string {
  // The Japanese script model alone (a tesseract model name, as given): gate.ts JA_PHOTO_MODEL.
  if (hint === "Japanese") return hint;
  const h = hint.toLowerCase();
  if (["en", "eng", "english"].includes(h)) return "eng";
  if (["de", "deu", "ger", "german"].includes(h)) return "deu";
  if (["fr", "fra", "fre", "french"].includes(h)) return "fra";
  if (["ja", "jpn", "japanese"].includes(h)) return "eng+Japanese";
  if (["lv", "lav", "latvian"].includes(h)) return "lav";
  if (["pl", "pol", "polish"].includes(h)) return "pol";
  if (["cs", "ces", "cze", "czech"].includes(h)) return "ces";
  return hint;
}

/** True when a first pass found Japanese: a few CJK characters and a real share of them
 * (number-heavy Japanese totals are only ~15 % CJK; English pages read with the Japanese
 * model show at most a stray character or two). */
export function looksJapanese(text: string): boolean {
  const n = (text.match(new RegExp(CJK.source, "gu")) ?? []).length;
  return n >= 3 && cjkShare(text) >= 0.05;
}

/** A word of a reading with its confidence (0–100, tesseract's scale). */
export interface ReadWord {
  text: string;
  confidence: number;
}

/** The words of tesseract blocks (paragraphs → lines → words). */
export function wordsOfBlocks(blocks: { paragraphs: { lines: { words: ReadWord[] }[] }[] }[] | null | undefined): ReadWord[] {
  return (blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words)));
}

/**
 * Whether a reading by the English model alone is plainly Latin-script text, so the page needs
 * no Japanese model (eng+Japanese costs ~1.8× the English pass on receipts). The English model
 * reads kana and kanji as letter soup it is unsure of: on synthetic-dev's Japanese pages its
 * first blocks read at 21–48 mean confidence with 65–86 % of the characters in words below 60;
 * Latin clean pages read at 73–95 (≤ 22 % low), SROIE receipts mostly at 58–86. A page that is
 * not plainly Latin (Japanese, or a faded receipt) is read as before, with both models, and the
 * script decided from that reading. Fitted on .scratch probe data, see the commit message.
 */
export function plainLatin(words: ReadWord[], minConf = 60, maxLowShare = 0.4): boolean {
  let chars = 0;
  let sum = 0;
  let low = 0;
  for (const w of words) {
    const n = w.text.replace(/\s/gu, "").length;
    chars += n;
    sum += n * w.confidence;
    if (w.confidence < minConf) low += n;
  }
  // Too little text to judge: the two-model reading decides.
  if (chars < 20) return false;
  return sum / chars >= minConf && low / chars <= maxLowShare;
}
