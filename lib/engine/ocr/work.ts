/**
 * The work a photo's tesseract reading is given, decided before it reads, from the image and the ONNX detector's lines —
 * never from the time spent, so a page reads the same words on a quiet machine and a loaded one (#18). Its orientation:
 * the detector's lines run across the page and the longest of them read better as they stand than turned 180° (a dozen
 * CTC calls, ~0.1 s) — then tesseract reads once, upright, or once, turned. Asked of tesseract (a sideways test, an
 * upright pass, a 180° pass when its confidence is under 0.5) a blurred photo was read twice at 4 MP: 9.4 and 9.6 s on
 * two synthetic-dev photos, so their tesseract reading hit the page's 9-s net and the page kept the ONNX reading alone,
 * or not, by the machine's load.
 * The page's time budget (budget.ts) stays as the last-resort net.
 */
import type { Quad } from "../types";
import type { CtcChar, ReadLine } from "./onnx";

/** A line the ONNX detector found and its reader read: its quad (image px, tl tr br bl), height and characters. */
export type ReadLineLike = Pick<ReadLine, "quad" | "height" | "chars">;

/** Lines read turned to tell an upside-down page (the longest; more cost CPU and told nothing more on dev photos). */
export const ORIENTATION_LINES = 12;

const along = (q: Quad) => ({ dx: q[1].x - q[0].x, dy: q[1].y - q[0].y });

/** Whether most detected lines run across the image (text upright or upside down, not sideways). */
export function linesRunAcross(lines: readonly ReadLineLike[]): boolean {
  let across = 0;
  for (const l of lines) {
    const { dx, dy } = along(l.quad);
    if (Math.abs(dx) >= Math.abs(dy)) across++;
  }
  return lines.length > 0 && across * 2 > lines.length;
}

/** The lines to read turned: the `k` longest (most characters' worth of strip), in page order among equals. */
export function orientationSample<T extends ReadLineLike>(lines: readonly T[], k = ORIENTATION_LINES): T[] {
  const len = (l: T) => {
    const { dx, dy } = along(l.quad);
    return Math.hypot(dx, dy) / Math.max(1, l.height);
  };
  return lines
    .map((l, i) => ({ l, i, n: len(l) }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, k)
    .map((x) => x.l);
}

/** A line's quad turned 180° (its corners renamed: the strip is sampled from the other end, upside down). */
export function turnedQuad(q: Quad): Quad {
  return [q[2], q[3], q[0], q[1]];
}

/** Σ confidence of the characters read: compares readings of the same strips. */
const score = (lines: readonly (readonly CtcChar[])[]) => lines.reduce((s, cs) => s + cs.reduce((t, c) => t + c.conf, 0), 0);

/**
 * The page's orientation from the ONNX reading (pure): 0 when its sample lines read better as they stand than `turned`
 * (the same lines read after turnedQuad), 180 when worse, undefined when the lines do not run across the page (sideways:
 * tesseract's own orientation passes decide) or there are too few characters to tell.
 */
export function photoOrientation(sample: readonly ReadLineLike[], turned: readonly (readonly CtcChar[])[], all = sample): 0 | 180 | undefined {
  if (!linesRunAcross(all)) return undefined;
  const up = sample.reduce((n, l) => n + l.chars.length, 0);
  if (up + turned.reduce((n, cs) => n + cs.length, 0) < 20) return undefined;
  return score(sample.map((l) => l.chars)) >= score(turned) ? 0 : 180;
}
