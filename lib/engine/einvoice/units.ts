/**
 * How the common UN/ECE Recommendation 20 unit codes of e-invoices are printed (de/fr/en).
 * Data, not code: a line's unit code ("C62") is located on the page by these words, so the
 * unit cell gets its box like the others. Unknown codes are looked for as they are. One-letter
 * symbols (h, m, l) are left out: they match inside any word.
 */
export const UNIT_WORDS: Record<string, string[]> = {
  C62: ["Stk.", "Stk", "Stück", "St.", "pcs", "pc", "pce", "pièce", "pièces", "unité", "Einheit"],
  H87: ["Stk.", "Stk", "Stück", "St.", "pcs", "pc", "pce", "pièce", "pièces", "piece", "unité"],
  EA: ["each", "ea", "Stk", "Stück", "pcs"],
  XPP: ["Stk", "Stück", "pcs"],
  HUR: ["Std.", "Std", "Stunde", "Stunden", "hour", "hours", "heure", "heures"],
  DAY: ["Tag", "Tage", "day", "days", "jour", "jours"],
  MON: ["Monat", "Monate", "month", "months", "mois"],
  WEE: ["Woche", "Wochen", "week", "weeks", "semaine"],
  KGM: ["kg", "Kg", "KG"],
  TNE: ["Tonne", "tonnes"],
  MTR: ["Meter", "mètre", "lfm"],
  KMT: ["km"],
  MTK: ["m²", "m2", "qm"],
  MTQ: ["m³", "m3", "cbm"],
  LTR: ["Liter", "litre", "Ltr"],
  KWH: ["kWh", "KWh"],
  LS: ["pauschal", "psch", "Pauschale", "forfait", "lump sum"],
  SET: ["Set", "Satz", "lot"],
  PR: ["Paar", "pair", "paire"],
  "": [],
};
