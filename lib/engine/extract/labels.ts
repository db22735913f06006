import { type PageLayout, type Segment, unionOf } from "../layout/rows";
import { compact, compactWithMap } from "../layout/text";

/** A printed label for a field inside a segment; the value follows at `end`. */
export interface LabelHit {
  field: string;
  seg: Segment;
  layout: PageLayout;
  /** character range of the label inside seg.text. */
  start: number;
  end: number;
  /** share of the segment's text the label covers, and whether it starts the segment. */
  coverage: number;
  prefix: boolean;
}

/** Compacted label lists per field; empty labels dropped, longest first. */
export function compileLabels(labels: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [field, ls] of Object.entries(labels)) {
    out[field] = [...new Set(ls.map(compact).filter((l) => l.length > 0))].sort((a, b) => b.length - a.length);
  }
  return out;
}

/** A label that is only a number sign ("No", "Nr.", "#", "N°"). */
export const BARE_SIGN = /^\s*(?:no|nr|n°|nº|#|№)\.?\s*$/iu;

/** The key starts with the label but for one misread character (OCR "Tota!" for "Total"). */
function nearPrefix(key: string, label: string): boolean {
  if (key.length < label.length) return false;
  let diff = 0;
  for (let i = 0; i < label.length && diff <= 1; i++) if (key[i] !== label[i]) diff++;
  return diff === 1 && key[0] === label[0];
}

/** Characters a reader confuses with a letter ("GST 1D", "N0"): a digit so read agrees with the label, but is no letter of it. */
const READ_AS: Record<string, string> = { "1": "il", "0": "od", "5": "s", "8": "b", "6": "g", "2": "z" };

/**
 * The words after a short label continue a longer label of another field ("GST" of the tax in "GST Reg No", "GST
 * Rey No.", "GST 1D.N0:", "Tax" in "TAX INVOICE"): the words are that label's, the short one is no label of its own.
 * At least two of the longer label's characters follow, one of them a letter read as printed, and at most one (of
 * four or more) misread: a number after the short label ("GST 10.00") never reads as the longer label's words.
 */
export function claimedByLonger(rest: string, label: string, field: string, labels: Record<string, string[]>): boolean {
  for (const [other, ls] of Object.entries(labels)) {
    if (other === field) continue;
    for (const l of ls) {
      if (l.length <= label.length || !l.startsWith(label)) continue;
      const n = Math.min(l.length, rest.length) - label.length;
      if (n < 2) continue;
      let [same, wrong] = [0, 0];
      for (let i = label.length; i < label.length + n; i++) {
        const [k, t] = [rest[i] ?? "", l[i] ?? ""];
        if (k === t) same += /\p{L}/u.test(k) ? 1 : 0;
        else if (!READ_AS[k]?.includes(t)) wrong++;
      }
      if (same >= 1 && wrong <= (n >= 4 ? 1 : 0)) return true;
    }
  }
  return false;
}

/** Every label occurrence; a segment's prefix label belongs to the field(s) with the longest match. */
export function findLabels(layouts: PageLayout[], labels: Record<string, string[]>): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const layout of layouts) {
    for (const seg of withShortTails(layout)) {
      const { key, map } = compactWithMap(seg.text);
      if (!key) continue;
      const prefixHits: LabelHit[] = [];
      const infixHits: LabelHit[] = [];
      // A second, fuzzy pass (one misread character) only for lines no exact label starts.
      for (const fuzzy of [false, true]) {
        if (fuzzy && (prefixHits.length > 0 || !/^\p{L}{5}/u.test(key))) break;
        for (const [field, ls] of Object.entries(labels)) {
          for (const l of ls) {
            let at = key.startsWith(l) || (fuzzy && l.length >= 5 && nearPrefix(key, l)) ? 0 : -1;
            // Short labels ("No") count inside a line only when punctuated like a label ("No.9676").
            if (at < 0 && l.length < 4) {
              const i = key.indexOf(l);
              const orig = i > 0 ? (map[i] ?? 0) : 0;
              if (i > 0 && /\s/.test(seg.text[orig - 1] ?? "") && /^\s?[.:：#]/.test(seg.text.slice(orig + l.length))) at = i;
            }
            if (at < 0 && l.length >= 4) {
              at = key.indexOf(l);
              // Inside running text only at a word start.
              const orig = at > 0 ? (map[at] ?? 0) : 0;
              if (at > 0 && !/[\s(（:：]/u.test(seg.text[orig - 1] ?? "")) at = -1;
            }
            if (at < 0 || claimedByLonger(key.slice(at), l, field, labels)) continue;
            const start = map[at] ?? 0;
            const lastChar = map[at + l.length - 1] ?? start;
            const end = lastChar + ((seg.text.codePointAt(lastChar) ?? 0) > 0xffff ? 2 : 1);
            // "An" must not match "Anzahl": a Latin label ends at a word boundary.
            if (/[a-z]$/.test(l) && /^\p{L}/u.test(seg.text.slice(end))) continue;
            // "PO-64806": a label glued to digits by a hyphen is the start of a value.
            if (/^[-_/]\d/.test(seg.text.slice(end)) && /[a-z]$/.test(l) && l.length <= 3) continue;
            const hit: LabelHit = { field, seg, layout, start, end, coverage: l.length / key.length, prefix: at === 0 };
            if (at === 0) prefixHits.push(fuzzy ? { ...hit, coverage: hit.coverage * 0.8 } : hit);
            else if (!fuzzy) infixHits.push(hit);
            break;
          }
        }
      }
      const best = Math.max(0, ...prefixHits.map((h) => h.coverage));
      const kept = prefixHits.filter((h) => h.coverage >= best - 1e-9);
      // "Total" inside "Sub Total" belongs to the longer label that starts the line.
      const inside = infixHits.filter((h) => !kept.some((k) => h.start < k.end && h.end > k.start));
      // A bare number sign right after another label names that label's number ("GST ID. No", "Tel No", "Fax No."):
      // it is no label of its own.
      const own = inside.filter(
        (h) =>
          !(
            BARE_SIGN.test(seg.text.slice(h.start, h.end)) &&
            [...kept, ...inside].some((o) => o !== h && o.end <= h.start && !/[\p{L}\p{N}]/u.test(seg.text.slice(o.end, h.start)))
          ),
      );
      hits.push(...kept, ...own);
    }
  }
  return hits;
}

/**
 * The page's segments, where a heading set apart from its last short word ("FACTURÉ   À",
 * letter-spaced) is read as one: labels are matched on the joined run.
 */
function withShortTails(layout: PageLayout): Segment[] {
  const out: Segment[] = [];
  for (const row of layout.rows) {
    for (let i = 0; i < row.segments.length; i++) {
      const seg = row.segments[i] as Segment;
      const next = row.segments[i + 1];
      const h = seg.box.y1 - seg.box.y0;
      if (next && /^\p{Lu}{1,2}:?$/u.test(next.text.trim()) && /\p{Lu}$/u.test(seg.text.trim()) && next.box.x0 - seg.box.x1 < 6 * h * layout.aspect) {
        const words = [...seg.words, ...next.words];
        const joined = layout.join(words);
        out.push({ ...seg, words, text: joined.text, spans: joined.spans, box: unionOf([seg.box, next.box]) });
        i++;
      } else out.push(seg);
    }
  }
  return out;
}

/**
 * A segment that is one qualifying word and then a label: "Factuur totaal", "Invoice total", "Order total".
 * Languages put the total's noun last as often as first; the one word before it names what is totalled,
 * so the segment is the totals row all the same (a longer text before the label is a sentence or an item).
 */
export function endsWithLabel(seg: Segment, labels: Record<string, string[]>): boolean {
  const m = /^\s*\p{L}[\p{L}.'’-]*\s+(.+?)(?:\s+(?:[A-Z]{3}|[€$£¥₹]))?\s*:?\s*$/u.exec(seg.text);
  const key = m ? compactWithMap(m[1]!).key : "";
  return key !== "" && Object.values(labels).some((ls) => ls.includes(key));
}

/** True when the segment starts with any label of the given compacted lists (a label, not a value). */
export function isLabelSegment(seg: Segment, labels: Record<string, string[]>, minCoverage = 0.6): boolean {
  const { key, map } = compactWithMap(seg.text);
  if (!key) return false;
  for (const ls of Object.values(labels)) {
    for (const l of ls) {
      if (!key.startsWith(l) || l.length / key.length < minCoverage) continue;
      // "Summa" is a label, "summary" is not: a Latin label ends at a word boundary.
      const last = map[l.length - 1] ?? 0;
      if (/[a-z]$/.test(l) && /^\p{L}/u.test(seg.text.slice(last + 1))) continue;
      return true;
    }
  }
  return false;
}
