import type { OcrPage } from "../types";
import { textCounts } from "./learn";
import { cy, share } from "./page";
import type { Found } from "./recall";
import { findText } from "./text";
import { type FieldMemory, fold } from "./types";

/**
 * A constant two or more reviewed documents gave, printed where it always is but misread past what
 * findText accepts: at least this similarity, and the place within these page shares of the remembered one.
 */
const MISREAD_FLOOR = 0.6;
const MISREAD_DY = 0.04;
const MISREAD_DX = 0.12;

/**
 * A supplier's constant text (its address, its name) on a scan read too poorly to find it by its letters alone, found
 * by its letters and its place together: proposed as the reviewers spelled it, and never without review (`misread`).
 */
export function findMisreadConstant(pages: OcrPage[], e: FieldMemory): Found | undefined {
  const n = textCounts(e)[e.text] ?? 0;
  if (!e.constant || n < 2 || fold(e.text).length < 12) return undefined;
  const lines = (e.lines ?? e.text.split("\n").length) + 1;
  const near = (h: { box: { x0: number; x1: number; y0: number; y1: number } }) =>
    Math.abs(share(cy(h.box)) - e.position.cy) <= MISREAD_DY &&
    Math.min(Math.abs(share(h.box.x0) - e.position.x0), Math.abs(share(h.box.x1) - e.position.x1)) <= MISREAD_DX;
  const hit = findText(pages, e.text, lines, e.position, { floor: MISREAD_FLOOR }).find(
    (h) => near(h) && pages.find((p) => p.index === h.page)?.source !== "textlayer",
  );
  if (!hit) return undefined;
  return {
    span: { page: hit.page, words: hit.words, box: hit.box, text: e.text },
    strength: "strong",
    score: 2 - hit.similarity,
    support: n,
    exact: false,
    reviewed: true,
    misread: true,
  };
}
