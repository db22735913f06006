import { type PageLayout, type Row, type Segment, unionOf } from "../layout/rows";
import { compact } from "../layout/text";
import { findDates } from "../parse/date";

/** A chosen run of text on a page: verbatim text plus the segments it came from. */
export interface Picked {
  text: string;
  page: number;
  segs: Segment[];
  score: number;
  /** the text is not the print but a restoration of a misread one (vendor-digits.ts): never auto-accepted. */
  repaired?: boolean;
}

/** A customer honorific after a name (御中 / 様 / 殿). */
export const HONORIFIC = /[\s\u3000]*(御中|様|殿)$/u;

/** A segment's height (grid-y units). */
export const segH = (s: Segment) => s.box.y1 - s.box.y0;
const h = segH;

export const hasDigit = (s: string) => /\d/.test(s);
/** A phone, fax, mail or web line. */
export const looksContact = (s: string) =>
  /@|www\.|https?:|^(tel|fax|phone|telefon|tél|電話|e-?mail)\b/iu.test(s) || (/^\+?[\d\s()./-]{7,}$/.test(s) && (s.match(/\d/g)?.length ?? 0) >= 8);

/** Rows of text directly under a segment in the same column (left- or centre-aligned). */
export function linesBelow(layout: PageLayout, seg: Segment, max: number, isLabel: (s: Segment) => boolean): Segment[][] {
  const out: Segment[][] = [];
  const em = h(seg) * layout.aspect;
  let prevY = seg.box.y1;
  let ref = seg.box;
  for (const row of layout.rows.slice(seg.row + 1)) {
    if (out.length >= max) break;
    // A name set larger than the body text stands further above its first line.
    if (row.box.y0 - prevY > 1.6 * Math.max(layout.lineHeight, out.length ? 0 : 0.9 * h(seg))) break;
    const inCol = row.segments.filter((o) => {
      const left = Math.abs(o.box.x0 - ref.x0) < 1.5 * em;
      const centre = Math.abs((o.box.x0 + o.box.x1) / 2 - (ref.x0 + ref.x1) / 2) < 1.5 * em;
      const right = Math.abs(o.box.x1 - ref.x1) < 1.5 * em;
      return left || centre || right;
    });
    // A centred line the OCR cut at a wide gap ("964 Park Avenue,   Suite 627") is centred as a whole.
    const whole = unionOf(row.segments.map((o) => o.box));
    const centred =
      !inCol.length &&
      row.segments.length > 1 &&
      Math.abs((whole.x0 + whole.x1) / 2 - (ref.x0 + ref.x1) / 2) < 1.5 * em &&
      whole.x0 >= ref.x0 - em &&
      whole.x1 <= ref.x1 + em;
    if (centred) inCol.push(row.segments[0] as Segment);
    const first = inCol[0];
    if (!first) {
      // A row with text elsewhere only: keep scanning only if nothing overlaps our column.
      if (row.segments.some((o) => o.box.x0 < ref.x1 && o.box.x1 > ref.x0)) break;
      continue;
    }
    if (isLabel(first)) break;
    // Neighbouring segments on the same row that continue this line (〒812-0011 | 福岡県…).
    const line = centred ? row.segments : [first, ...rowRunAfter(row, first, layout)];
    out.push(line);
    prevY = row.box.y1;
    ref = centred
      ? { ...whole, y0: first.box.y0, y1: first.box.y1 }
      : { x0: first.box.x0, y0: first.box.y0, x1: Math.max(...line.map((s) => s.box.x1)), y1: first.box.y1 };
  }
  return out;
}

function rowRunAfter(row: Row, first: Segment, layout: PageLayout): Segment[] {
  const run: Segment[] = [];
  let last = first;
  for (const o of row.segments) {
    if (o.box.x0 <= last.box.x1) continue;
    if (o.box.x0 - last.box.x1 > 2 * h(last) * layout.aspect) break;
    run.push(o);
    last = o;
  }
  return run;
}

/** Join address lines: "\n" between Latin lines, nothing inside a CJK line wrapped mid-address. */
export function joinLines(lines: Segment[][]): string {
  let out = "";
  for (const line of lines) {
    // OCR reads the postal mark 〒 as "T", "F" or "7" in front of a Japanese postcode, and may part it from the code.
    const text = line
      .map((s) => s.text.trim())
      .join(" ")
      .replace(/^[T7F〒]\s?(?=\d{3}-\d{4}\s?[\p{Script=Han}])/u, "〒");
    if (out) out += /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]$/u.test(out) && /^[\d０-９\-ー丁目]/u.test(text) ? "" : "\n";
    out += text;
  }
  return out;
}

const ADDRESS =
  /〒|\d{3}-\d{4}|^\d+[\s,a-z]|^no\.?\s?\d|\b\d{4,5}\b|[都道府県市区町村]|\b(street|st|road|rd|avenue|ave|lane|drive|boulevard|blvd|way|place|square|suite|floor|jalan|jln|taman|tmn|lot|lorong|bandar|persiaran|wisma|menara|straße|strasse|str|weg|platz|allee|gasse|ring|rue|avenue|chemin|boulevard|place|quai|allée|impasse)\b|[a-zß]+(straße|str\.|weg|platz|allee|gasse)\b/iu;

/** True when a line reads like part of a postal address (and not like money or a sentence). */
export function looksAddress(text: string): boolean {
  return ADDRESS.test(text) && !/[¥￥$€£]|円|[。！]|ください|@/u.test(text) && text.length <= 80;
}

/** Address block next to a name: below it, or (Japanese style) the 〒 lines just above it. */
export function addressNear(layout: PageLayout, seg: Segment, isLabel: (s: Segment) => boolean): Segment[][] {
  const below = addressBelow(layout, seg, isLabel);
  if (below[0] && looksAddress(below[0].map((s) => s.text).join(" "))) return below;
  const above: Segment[][] = [];
  const em = h(seg) * layout.aspect;
  for (let r = seg.row - 1; r >= Math.max(0, seg.row - 3) && above.length < 3; r--) {
    const row = layout.rows[r];
    if (!row) break;
    const first = row.segments.find((o) => Math.abs(o.box.x0 - seg.box.x0) < 1.5 * em);
    if (!first && !row.segments.some((o) => o.box.x0 < seg.box.x1 && o.box.x1 > seg.box.x0)) continue;
    if (!first || isLabel(first)) break;
    const line = [first, ...rowRunAfter(row, first, layout)];
    if (!looksAddress(line.map((s) => s.text).join(" "))) break;
    above.unshift(line);
  }
  return above.length ? above : below;
}

/** Address block under a name: lines that look like an address (a digit somewhere), no contact lines. */
export function addressBelow(layout: PageLayout, seg: Segment, isLabel: (s: Segment) => boolean, skip?: (s: Segment) => boolean): Segment[][] {
  const lines = linesBelow(layout, seg, 5, isLabel).filter((l) => !(skip && l[0] && skip(l[0])));
  const out: Segment[][] = [];
  for (const [i, l] of lines.entries()) {
    const text = l.map((s) => s.text).join(" ");
    // A stray letter on a line of its own ("N") ends the block; a speck ("、") is skipped.
    const core = text.trim().replace(/[^\p{L}\p{N}]/gu, "");
    if (out.length && core.length === 1) break;
    if (!core) continue;
    if (
      looksContact(text) ||
      findDates(text).some((d) => d.iso && !/^\d{1,2}-\d{1,2}-\d{2}$/.test(d.text)) ||
      /^(attn|z\.\s?hd|à l'attention|c\/o)/iu.test(text) ||
      /\b(gst|vat|reg|tax)\b.*[:：#]|^\(.*\)$/iu.test(text)
    ) {
      if (out.length) break;
      continue;
    }
    // A registration number or a second name line may sit between the name and the address.
    if (out.length === 0 && i < 2 && !looksAddress(text) && lines.slice(i + 1).some((x) => looksAddress(x.map((s) => s.text).join(" ")))) continue;
    out.push(l);
  }
  return out.some((l) => l.some((s) => hasDigit(s.text))) ? out : [];
}

/** A customer name marked by an honorific (株式会社山本建設 御中 / 山田太郎 様). */
export function honorificCustomer(layout: PageLayout): Picked | undefined {
  for (const row of layout.rows) {
    for (const [i, s] of row.segments.entries()) {
      const t = s.text.trim();
      if (HONORIFIC.test(t) && t.replace(HONORIFIC, "").length > 1) return { text: t.replace(HONORIFIC, ""), page: layout.page.index, segs: [s], score: 1 };
      const next = row.segments[i + 1];
      if (next && /^(御中|様|殿)$/u.test(next.text.trim()) && t.length > 1) return { text: t, page: layout.page.index, segs: [s], score: 1 };
    }
  }
  return undefined;
}

/** Sender line of a window envelope ("Firma · Straße 1 · 12345 Ort"): the recipient follows below it. */
export function recipientBelowSenderLine(layout: PageLayout, vendorKey: string): Segment | undefined {
  for (const s of layout.segments) {
    if (s.text.split(/\s[·|•,–\-+*]\s?|\s?[·|•–\-+*]\s|\s\.\s/).length >= 3 && compact(s.text).startsWith(vendorKey) && vendorKey.length > 3) {
      for (const row of layout.rows.slice(s.row + 1, s.row + 4)) {
        const r = row.segments.find((o) => Math.abs(o.box.x0 - s.box.x0) < 20);
        if (r) return r;
      }
    }
  }
  return undefined;
}

const NAME_LABEL = /^(name|firma|company|company name|raison sociale|nom|société|名称|会社名)\s*[:：]?\s*/iu;

/**
 * A party section (a "Verkäufer" / "Seller" / "Rechnungsempfänger" heading alone on its line):
 * the party is the "Name:" value, else the first plain line of the block, skipping
 * "Label: value" rows and identifiers (Nummer, GLN …).
 */
export function nameInSection(layout: PageLayout, heading: Segment): Picked | undefined {
  for (const row of layout.rows.slice(heading.row + 1, heading.row + 7)) {
    const i = row.segments.findIndex((s) => Math.abs(s.box.x0 - heading.box.x0) < 40);
    const seg = row.segments[i];
    if (!seg) continue;
    const text = seg.text.trim();
    if (NAME_LABEL.test(text)) {
      const inline = text.replace(NAME_LABEL, "").trim();
      const next = row.segments[i + 1];
      const value = inline ? { text: inline, seg } : next ? { text: next.text.replace(/^[:：]\s*/, "").trim(), seg: next } : undefined;
      if (value?.text) return { text: value.text, page: layout.page.index, segs: [value.seg], score: 0.9 };
      continue;
    }
    if (/[:：]/.test(text) || row.segments[i + 1]?.text.trim().startsWith(":") || /^(nummer|number|no\.?|nr\.?|gln|globale|id|kd)/iu.test(text)) continue;
    if (looksAddress(text) || looksContact(text) || (text.match(/\d/g)?.length ?? 0) > 3 || !/\p{L}{2}/u.test(text)) return undefined;
    return { text, page: layout.page.index, segs: [seg], score: 0.8 };
  }
  return undefined;
}
