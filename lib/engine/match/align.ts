/**
 * Approximate substring search: semi-global alignment (Sellers 1980).
 *
 * The value P (m code points) must be aligned in full; the page text T (n code points)
 * may be entered and left anywhere for free. D[i][j] = the least edits that turn P[0..i)
 * into some substring of T ending at j. One pass fills the (m+1)·(n+1) table in O(m·n)
 * (m ≈ 5–60, n ≈ 300–3000 per page: well under a millisecond per value), every local
 * minimum of the last row is an occurrence, and a traceback from it gives its start and
 * how many characters matched exactly. Unit costs: substitution, insertion and deletion
 * all 1 — the match ratio counts only exact character matches, so cheaper "confusable"
 * substitutions would not change what is reported, only which occurrence wins.
 */

/** One occurrence of the value in the page text. */
export interface Occurrence {
  /** first and last index in T covered by the alignment (inclusive). */
  start: number;
  end: number;
  /** edit distance of the alignment. */
  cost: number;
  /** indices in T of the characters that matched P exactly. */
  matched: number[];
  /** page characters inside the occurrence that the value does not have (gaps). */
  inserted: number;
}

let buf = new Uint16Array(1 << 16);

/** Code points of a string (astral characters count as one). */
export function codes(s: string): Int32Array {
  const out: number[] = [];
  for (const c of s) out.push(c.codePointAt(0)!);
  return Int32Array.from(out);
}

/**
 * All occurrences of `p` in `t` whose cost is at most `maxCost`, best first, at most
 * `limit` of them (one per run of adjacent end positions).
 */
export function findOccurrences(p: Int32Array, t: Int32Array, maxCost: number, limit = 40): Occurrence[] {
  const m = p.length;
  const n = t.length;
  if (m === 0 || n === 0) return [];
  const w = n + 1;
  const size = (m + 1) * w;
  if (buf.length < size) buf = new Uint16Array(Math.max(size, buf.length * 2));
  const d = buf;
  for (let j = 0; j <= n; j++) d[j] = 0;
  for (let i = 1; i <= m; i++) {
    const row = i * w;
    const prev = row - w;
    const pc = p[i - 1]!;
    d[row] = i;
    for (let j = 1; j <= n; j++) {
      const sub = d[prev + j - 1]! + (pc === t[j - 1]! ? 0 : 1);
      const del = d[prev + j]! + 1;
      const ins = d[row + j - 1]! + 1;
      d[row + j] = Math.min(sub, del, ins);
    }
  }
  // Ends: local minima of the last row within budget (a plateau counts once, at its start).
  // Runs of in-budget cells are not merged: two adjacent "158.00" must stay two occurrences.
  const last = m * w;
  const ends: Array<{ j: number; cost: number }> = [];
  for (let j = 1; j <= n; j++) {
    const c = d[last + j]!;
    if (c > maxCost) continue;
    if (j > 1 && d[last + j - 1]! <= c) continue;
    if (j < n && d[last + j + 1]! < c) continue;
    ends.push({ j, cost: c });
  }
  ends.sort((a, b) => a.cost - b.cost || a.j - b.j);
  return ends.slice(0, limit).map(({ j: end, cost }) => traceback(d, w, p, t, end, cost));
}

/** Walk back from (m, end), preferring exact diagonal steps, to recover the occurrence. */
function traceback(d: Uint16Array, w: number, p: Int32Array, t: Int32Array, end: number, cost: number): Occurrence {
  let i = p.length;
  let j = end;
  const matched: number[] = [];
  let inserted = 0;
  while (i > 0 && j > 0) {
    const here = d[i * w + j]!;
    const same = p[i - 1] === t[j - 1];
    if (here === d[(i - 1) * w + j - 1]! + (same ? 0 : 1)) {
      if (same) matched.push(j - 1);
      i--;
      j--;
    } else if (here === d[(i - 1) * w + j]! + 1) i--;
    else {
      j--;
      if (matched.length > 0) inserted++;
    }
  }
  matched.reverse();
  // Trim unmatched edges so the box covers only characters actually found.
  const start = matched.length > 0 ? matched[0]! : j;
  const stop = matched.length > 0 ? matched[matched.length - 1]! : end - 1;
  return { start, end: stop, cost, matched, inserted };
}
