/**
 * Where the page shows a line item's cell, the XML's value must be what the page prints there.
 * Two cross-checks of a located XML value against the page:
 * - a number is printed in its own column: an XML net unit price 0.90 found only as the row's
 *   amount, where the page prints 1.00 (less a 10 % discount) as the unit price, is not printed;
 * - an item's name is its printed text: where the XML gives the item a longer description that
 *   holds the name and the page prints that one ("[17589684] Beeswax XL / Acme beeswax" for the
 *   name "Beeswax XL"), the page words the field otherwise than the name.
 */
import type { FieldValue, OcrPage } from "../types";

/**
 * What the page prints in the column on the value's line when the value was found outside the
 * column: a number there ("1.00" under Unit Price, where the XML's 0.90 is the amount) contradicts
 * the XML; an empty cell does not (a subtotal row printing only its amount). Undefined: no contradiction.
 */
export function otherInColumn(page: OcrPage | undefined, v: FieldValue, band: [number, number] | undefined): string | undefined {
  const b = v.bbox;
  if (!page || !band || !b || Math.min(b.xmax, band[1]) - Math.max(b.xmin, band[0]) > 0) return undefined;
  const there = page.words.filter((w) => {
    const cy = (w.box.y0 + w.box.y1) / 2;
    return /\d/.test(w.text) && cy >= b.ymin && cy <= b.ymax && Math.min(w.box.x1, band[1]) - Math.max(w.box.x0, band[0]) > 0;
  });
  return there.length > 0 ? there.map((w) => w.text).join(" ") : undefined;
}

/** Letters and digits only, lower case: how two texts of the XML are compared. */
const foldKey = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

/** The longer text says the name and more ("[17589684] Beeswax XL\nAcme beeswax" ⊃ "Beeswax XL"). */
export function extendsName(name: string, text: string | undefined): text is string {
  if (!text) return false;
  const [n, t] = [foldKey(name), foldKey(text)];
  return n.length > 0 && t.length > n.length && t.includes(n);
}

/** true when two values sit on the same page and their boxes overlap. */
export function sameSpot(a: FieldValue, b: FieldValue): boolean {
  return (
    !!a.bbox &&
    !!b.bbox &&
    a.page === b.page &&
    Math.min(a.bbox.xmax, b.bbox.xmax) > Math.max(a.bbox.xmin, b.bbox.xmin) &&
    Math.min(a.bbox.ymax, b.bbox.ymax) > Math.max(a.bbox.ymin, b.bbox.ymin)
  );
}
