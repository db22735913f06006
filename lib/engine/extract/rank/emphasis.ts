/**
 * Emphasis of a total candidate's print, measured against the other amounts of the page. Tills
 * print the total double height (German, Austrian, Swiss receipts; many others bold it taller), and
 * comparing amounts with amounts keeps letters out of the scale: digits are cap height, while a
 * word's box grows with its descenders, so an amount beside lower-case text reads "taller" than the
 * text around it without being emphasised (the page-wide height_rel and is_tallest fire on that).
 */

/** The emphasis features of every amount (the names in EMPHASIS_FEATURES). */
export const EMPHASIS_FEATURES = ["h_amt", "emph", "tallest_amt"] as const;

/** A print at least this much taller than the page's typical amount is emphasised (double height is ~2). */
const EMPHASISED = 1.5;
/** The tallest amount counts as set apart only when it stands this far above the typical amount. */
const SET_APART = 1.3;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor(s.length / 2)] ?? 0) : 0;
};

/**
 * Per amount: its height over the median money amount's (`h_amt`, capped at 3), whether it is printed
 * emphasised (`emph`) and whether it is the page's tallest amount, set apart from the rest (`tallest_amt`).
 * `heights` are the amounts' glyph heights (any unit), `money` marks the money-shaped ones the scale is taken from.
 */
export function emphasisOf(heights: number[], money: boolean[]): Record<(typeof EMPHASIS_FEATURES)[number], number>[] {
  const scale = heights.filter((_, i) => money[i]);
  const typical = median(scale.length ? scale : heights);
  const tallest = Math.max(0, ...(scale.length ? scale : heights));
  return heights.map((h, i) => {
    const rel = typical > 0 ? h / typical : 1;
    return {
      h_amt: Math.min(3, rel),
      emph: money[i] && rel >= EMPHASISED ? 1 : 0,
      tallest_amt: money[i] && h >= tallest - 1e-9 && typical > 0 && tallest / typical >= SET_APART ? 1 : 0,
    };
  });
}
