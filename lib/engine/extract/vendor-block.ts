/**
 * Where a vendor candidate stands in the page's top block, from structure alone: a shop's or
 * company's name sits right above its address, its registration or tax number and its contact
 * lines, never inside or below them; a cut-off line at the page's edge is a fragment; a run
 * followed on its row by a bare number is a label ("BRN GST | No. 000417619968").
 * Features for the learned vendor ranking (vendor.ts, rank/index.ts VENDOR_FEATURES).
 */
import { type PageLayout, type Segment, xOverlap } from "../layout/rows";
import { hasLegalForm } from "../templates/legal-forms";
import { looksAddress, looksContact, segH as h } from "./parties";
import { COMPANY_BASE, REG_SAME } from "./vendor-lines";

/** A registration or tax number ("(728515-M)", "Reg. 40003012345", "GST ID: 000…", "CO-REG:360671-D"). */
export const REG_LINE = /\d{6,}|\(\s*\d{3,}[-\s]?[A-Z]\s*\)|\b[A-Z]{2}\d{8,12}\b|\d{5,}-[A-Z]\b/u;

const company = (t: string) => COMPANY_BASE.test(t) || hasLegalForm(t);

/** A line of the block under the name: an address, a contact, or a registration or tax number (not itself a company line). */
export function blockLine(text: string): boolean {
  if (company(text) && !/^[(（]/u.test(text.trim())) return false;
  return looksAddress(text) || looksContact(text) || REG_LINE.test(text) || REG_SAME.test(text);
}

/** The text of the nearest row above (-1) or below (+1) that prints something over the segment's column. */
function nextLine(layout: PageLayout, seg: Segment, dir: 1 | -1): string | undefined {
  for (let r = seg.row + dir, n = 0; layout.rows[r] && n < 3; r += dir, n++) {
    const over = (layout.rows[r]?.segments ?? []).filter((o) => xOverlap(o.box, seg.box) > 0.3 || xOverlap(seg.box, o.box) > 0.3);
    const text = over.map((o) => o.text.trim()).join(" ");
    // a speck between the lines ("@", ".", a logo's stroke) is no line of its own
    if (/[\p{L}\p{N}]{2}/u.test(text)) return text;
  }
  return undefined;
}

/** The first row of the page's top block that is an address, contact or registration line (undefined: none in the top 40 %). */
export function blockEnd(layout: PageLayout): number | undefined {
  for (const row of layout.rows) {
    if (row.box.y0 > 400) return undefined;
    if (blockLine(row.segments.map((s) => s.text.trim()).join(" "))) return row.index;
  }
  return undefined;
}

/** The block features of one candidate line (`end`: blockEnd of its page, computed once). */
export function blockFeatures(layout: PageLayout, seg: Segment, end: number | undefined): Record<string, number> {
  const below = nextLine(layout, seg, 1);
  const above = nextLine(layout, seg, -1);
  const row = layout.rows[seg.row];
  // a bare number after the run on its row (not a bracketed registration number of the name)
  const numberAfter = (row?.segments ?? []).some((o) => o !== seg && o.box.x0 > seg.box.x0 && /\d{6,}/.test(o.text) && !REG_SAME.test(o.text));
  return {
    // rows from the candidate down to the block's first address/registration line (0 = it is that row)
    to_block: end === undefined ? 0 : Math.max(-4, Math.min(8, end - seg.row)) / 8,
    below_block: end !== undefined && seg.row > end ? 1 : 0,
    next_reg: below !== undefined && (REG_LINE.test(below) || REG_SAME.test(below)) && !company(below) ? 1 : 0,
    next_addr: below !== undefined && (looksAddress(below) || looksContact(below)) && !company(below) ? 1 : 0,
    prev_addr: above !== undefined && blockLine(above) ? 1 : 0,
    edge: seg.box.y0 < 3 || seg.box.x0 < 2 || seg.box.x1 > 998 ? 1 : 0,
    number_after: numberAfter ? 1 : 0,
    h_line: Math.min(3, h(seg) / Math.max(1, layout.lineHeight)),
  };
}
