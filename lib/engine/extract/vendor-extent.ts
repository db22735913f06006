/**
 * The extent of the issuer's name around one candidate line: the whole printed name as the
 * vendor gives it (the rest of its row, a run the OCR put on its own baseline, the legal form
 * or the continuation on the next line) without what is not the name (logo letters, a title
 * word, a registration number, a sender line's address). Each candidate carries its extent,
 * so the ranking and its training judge the name the vendor would be, not the bare line.
 */
import { type PageLayout, type Segment, unionOf } from "../layout/rows";
import type { OcrWord } from "../types";
import { repairLegalForm } from "../templates/legal-forms";
import { hasDigit, linesBelow, type Picked, segH as h } from "./parties";
import { repairNameDigits } from "./vendor-digits";
import { joinFormLine, nameOnly, widenOnRow } from "./vendor-lines";

// A title word printed after the issuer's name on one line ("Northwind Cloud Services Invoice").
const TITLE_TAIL = /\s+(invoice|tax invoice|rechnung|facture|factuur|receipt|quittung|reçu|請求書|領収書)$/iu;

/** A registration number in brackets closing the line ("(112233-A)", "（8199K）", "{519537-X)": the OCR's misread bracket):
 * one bracket pair, a digit inside. */
export const REG_TAIL = /\s*[(（{[][^()（）{}[\]]*\d[^()（）{}[\]]*[)）}\]][\s,.;]*$/u;

/** A number of four digits or more (a till, branch or receipt code) in front of a name: "#000002 ACME TRADING (M) Sdn Bhd". */
export const LEADING_CODE = /^[#№]?\d{4,}[\s:.-]+(?=\p{L})/u;

/**
 * The whole printed name around a candidate line. `isLabel` and `isTitle` say which lines never
 * join it (a label, the document's title).
 */
export function nameExtent(layout: PageLayout, seg: Segment, score: number, isLabel: (s: Segment) => boolean, isTitle: (text: string) => boolean): Picked {
  let best: Picked = withoutLogoGlyph({ text: seg.text.trim(), page: layout.page.index, segs: [seg], score });
  // Names printed in runs on one row ("みどりマート 駅前店", "BKT | ENTERPRISE | SDN | BHD").
  best = widenOnRow(layout, best, (o) => !isTitle(o.text.trim()), isLabel);
  // OCR may put the start of the name on its own baseline (a seal or logo beside it): glue a touching run on the left,
  // set in about the head's size (a stamp overlapping the name's row, "POSTED", is taller or smaller: no part of it).
  const head = best.segs[0] as Segment;
  const touching = [layout.rows[head.row - 1], layout.rows[head.row + 1]]
    .flatMap((r) => r?.segments ?? [])
    .find((o) => {
      const vo = Math.min(o.box.y1, head.box.y1) - Math.max(o.box.y0, head.box.y0);
      return (
        vo > 0.4 * Math.min(h(o), h(head)) &&
        Math.max(h(o), h(head)) < 1.5 * Math.min(h(o), h(head)) &&
        o.box.x0 < head.box.x0 - 2 &&
        o.box.x1 <= head.box.x1 + 1 &&
        head.box.x0 - o.box.x1 < 1.5 * h(head) * layout.aspect
      );
    });
  if (touching && !isLabel(touching) && !hasDigit(touching.text)) {
    const cjk = /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]$/u.test(touching.text);
    best = { ...best, text: `${touching.text.trim()}${cjk ? "" : " "}${best.text}`, segs: [touching, ...best.segs] };
  }
  if (TITLE_TAIL.test(best.text) && best.segs.length === 1) {
    const s = best.segs[0] as Segment;
    const keep = s.words.filter((_w, i) => (s.spans[i]?.end ?? 0) <= s.text.replace(TITLE_TAIL, "").length);
    if (keep.length)
      best = {
        ...best,
        text: best.text.replace(TITLE_TAIL, ""),
        segs: [{ ...s, words: keep, text: s.text.replace(TITLE_TAIL, ""), spans: s.spans.slice(0, keep.length), box: unionOf(keep.map((w) => w.box)) }],
      };
  }
  // A registration number printed after the name is not part of it: "SRI CEMPAKA SDN BHD (112233-A)". (The legal form is
  // repaired first: the number anchors the repair of a form misread throughout, "… 5/8 (519537-X)".)
  best = {
    ...best,
    text:
      repairLegalForm(best.text)
        .replace(REG_TAIL, "")
        .replace(/^[^\p{L}\p{N}(（]+/u, "")
        .replace(LEADING_CODE, "") || best.text,
  };
  // A line that is only the legal form belongs to the name above it ("PASARAYA BORONG PINTAR" / "SDN BHD"), and the other way round.
  best = joinFormLine(layout, best, (o) => !isLabel(o) && !isTitle(o.text.trim()));
  // A name broken over two lines ("HARDWARE &" / "ELECTRICAL").
  if (/[&+\-–]$/.test(best.text)) {
    const below = linesBelow(layout, best.segs.at(-1) as Segment, 1, isLabel)[0];
    if (below && !below.some((s) => hasDigit(s.text)))
      best = { ...best, text: `${best.text} ${below.map((s) => s.text.trim()).join(" ")}`, segs: [...best.segs, ...below] };
  }
  // A misread letter in a two-word legal form that closes the name ("SDN 8HD", "SON BHD"); the name without
  // a sender line's address or a registration number after its legal form; capitals of the name read as digits.
  const digits = repairNameDigits(nameOnly(repairLegalForm(nameOnly(best.text))));
  return { ...best, text: digits.text, ...(digits.repaired ? { repaired: true } : {}) };
}

/** Logo letters read as words in front of the name ("m Müller GmbH", "r y Köhler GmbH"): far taller than the name's words (and often unsure). */
function withoutLogoGlyph(p: Picked): Picked {
  const seg = p.segs[0];
  if (!seg) return p;
  const hs = seg.words.map((w) => w.box.y1 - w.box.y0);
  let k = 0;
  while (k < seg.words.length - 1) {
    const w = seg.words[k] as OcrWord;
    const rest = hs.slice(k + 1).sort((a, b) => a - b);
    const mid = rest[Math.floor(rest.length / 2)] ?? 0;
    const hk = hs[k] ?? 0;
    if (w.text.length > 2 || !((w.conf < 0.7 && hk > 1.6 * mid) || hk > 1.7 * mid)) break;
    k++;
  }
  if (k === 0) return p;
  const rest = seg.words.slice(k);
  const cut = seg.spans[k]?.start ?? 0;
  const trimmed: Segment = {
    ...seg,
    words: rest,
    text: seg.text.slice(cut),
    box: unionOf(rest.map((w) => w.box)),
    spans: seg.spans.slice(k).map((sp) => ({ start: sp.start - cut, end: sp.end - cut })),
  };
  return { ...p, text: trimmed.text.trim(), segs: [trimmed, ...p.segs.slice(1)] };
}
