/**
 * Boosted trees on the logistic model's residual: shallow regression trees fitted by Newton steps on the log-loss,
 * each added to the log-odds of the logistic regression (model.ts) with a shrinkage. The regression is one weight
 * per feature, so it cannot say "a table cell whose row adds up, read sure on a clean page, is surer than the sum of
 * those three weights"; a depth-2 or depth-3 tree can, without a hand-made interaction feature per case.
 *
 * Features that can only add doubt (DOUBT_FEATURES) stay monotone: a split on one may not give its higher side a
 * lower value, and its children's leaves are bounded by the split's midpoint (the "basic" monotone constraint of
 * gradient-boosting libraries), so no tree lowers the risk because a doubt is present.
 */

import { logLossAt, sigmoid } from "./logistic";

/** A fitted tree: a leaf's log-odds, or a split (`f` ≤ `t` goes left). */
export type Tree = number | { f: string; t: number; l: Tree; r: Tree };

/** Fitted trees and the most their sum may move the regression's log-odds either way. */
export interface Boosted {
  trees: Tree[];
  cap: number;
}

/** The trees' sum for one feature vector (features the trees do not know count 0), uncapped. */
function treeSum(trees: readonly Tree[], features: Record<string, number>): number {
  let z = 0;
  for (const tree of trees) {
    let n = tree;
    while (typeof n !== "number") n = (features[n.f] ?? 0) <= n.t ? n.l : n.r;
    z += n;
  }
  return z;
}

/** What the trees add to the log-odds: their sum, held within ±cap. */
export const boostLogit = (b: Boosted, features: Record<string, number>): number => clampTo(treeSum(b.trees, features), -b.cap, b.cap);

/** Settings of the boosting. */
export interface BoostOptions {
  /** trees to fit (the most; early stopping may keep fewer). */
  rounds: number;
  depth: number;
  /** factor on each tree's Newton step. */
  shrinkage: number;
  /** L2 penalty on a leaf's value (added to its Hessian). */
  lambda: number;
  /** examples a leaf needs at least. */
  minLeaf: number;
  /** the most the trees' sum moves the regression's log-odds either way: on a layout none of the training folds
   * holds, a tree's region can be confidently wrong (held-out layouts' wrong values fell to −9 uncapped), and the
   * regression stays the judge beyond the cap. */
  cap: number;
  /** features whose higher value may never lower the trees' output. */
  monotone?: readonly string[];
  /** the features the trees may split on (default: every feature seen). */
  use?: (name: string) => boolean;
}

export const DEFAULT_BOOST: BoostOptions = { rounds: 100, depth: 2, shrinkage: 0.1, lambda: 5, minLeaf: 50, cap: 1.5 };

const clampTo = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** Mean log-loss of log-odds against labels. */
export function meanLogLoss(z: readonly number[], y: readonly number[]): number {
  let l = 0;
  z.forEach((zi, i) => {
    l += logLossAt(zi, y[i]!);
  });
  return l / Math.max(1, z.length);
}

/** Per feature: its split thresholds and, for every example where it is not 0, the bin of its value. */
interface Column {
  name: string;
  thresholds: number[];
  /** bin of the value 0 (the examples not listed). */
  zeroBin: number;
  rows: Int32Array;
  bins: Int32Array;
}

const MAX_THRESHOLDS = 15;

function columns(xs: ReadonlyArray<Record<string, number>>, use: (name: string) => boolean): Column[] {
  const byName = new Map<string, Array<[number, number]>>();
  xs.forEach((x, i) => {
    for (const [k, v] of Object.entries(x)) {
      if (v === 0 || !use(k)) continue;
      const list = byName.get(k) ?? [];
      if (list.length === 0) byName.set(k, list);
      list.push([i, v]);
    }
  });
  const out: Column[] = [];
  for (const [name, list] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const values = [...new Set([0, ...list.map(([, v]) => v)])].sort((a, b) => a - b);
    // midpoints between distinct values; quantiles of them where there are many
    const mids = values.slice(1).map((v, i) => (v + values[i]!) / 2);
    const thresholds =
      mids.length <= MAX_THRESHOLDS
        ? mids
        : [...new Set(Array.from({ length: MAX_THRESHOLDS }, (_, q) => mids[Math.floor(((q + 0.5) * mids.length) / MAX_THRESHOLDS)]!))];
    const binOf = (v: number) => {
      let b = 0;
      while (b < thresholds.length && v > thresholds[b]!) b++;
      return b;
    };
    out.push({ name, thresholds, zeroBin: binOf(0), rows: Int32Array.from(list.map(([i]) => i)), bins: Int32Array.from(list.map(([, v]) => binOf(v))) });
  }
  return out;
}

/** A node being grown: its examples' gradient and Hessian sums, count, and the bounds a monotone split set on it. */
interface Grow {
  g: number;
  h: number;
  n: number;
  lo: number;
  hi: number;
  split?: Split;
}

/** A node's best split: the column and the last bin going left, its gain, the left side's sums, the children. */
interface Split {
  col: number;
  bin: number;
  gain: number;
  gl: number;
  hl: number;
  nl: number;
  left: number;
  right: number;
}

/**
 * Fit `rounds` trees on top of the log-odds `base` (one per example). `valid`: examples scored after every tree
 * (with their own base log-odds); their loss per number of trees is returned for early stopping.
 */
export function fitBoost(
  xs: ReadonlyArray<Record<string, number>>,
  wrong: readonly boolean[],
  base: readonly number[],
  opts: BoostOptions,
  valid?: { xs: ReadonlyArray<Record<string, number>>; wrong: readonly boolean[]; base: readonly number[] },
): { boosted: Boosted; validLoss: number[] } {
  const cols = columns(xs, opts.use ?? (() => true));
  const monotone = new Set(opts.monotone ?? []);
  const y = wrong.map((w) => (w ? 1 : 0));
  // the trees' running sums; the log-odds are the base plus the sum held within the cap
  const sum = new Float64Array(xs.length);
  const vsum = new Float64Array(valid?.xs.length ?? 0);
  const capped = (b: readonly number[], s: Float64Array) => b.map((v, i) => v + clampTo(s[i]!, -opts.cap, opts.cap));
  const vy = valid?.wrong.map((w) => (w ? 1 : 0)) ?? [];
  const validLoss: number[] = valid ? [meanLogLoss(valid.base, vy)] : [];
  const trees: Tree[] = [];
  const g = new Float64Array(xs.length);
  const h = new Float64Array(xs.length);
  const node = new Int32Array(xs.length);
  for (let round = 0; round < opts.rounds; round++) {
    const z = capped(base, sum);
    for (let i = 0; i < xs.length; i++) {
      const p = sigmoid(z[i]!);
      g[i] = p - y[i]!;
      h[i] = Math.max(p * (1 - p), 1e-9);
    }
    node.fill(0);
    const tree = growTree(cols, g, h, node, opts, monotone);
    const scaled = scale(tree, opts.shrinkage);
    for (let i = 0; i < xs.length; i++) sum[i]! += treeSum([scaled], xs[i]!);
    if (valid) {
      for (let i = 0; i < vsum.length; i++) vsum[i]! += treeSum([scaled], valid.xs[i]!);
      validLoss.push(meanLogLoss(capped(valid.base, vsum), vy));
    }
    trees.push(scaled);
  }
  return { boosted: { trees, cap: opts.cap }, validLoss };
}

const scale = (t: Tree, s: number): Tree => (typeof t === "number" ? Math.round(t * s * 1e6) / 1e6 : { ...t, l: scale(t.l, s), r: scale(t.r, s) });

/** Grow one tree level by level: every node of a level finds its best split from one pass over the columns. */
function growTree(cols: Column[], g: Float64Array, h: Float64Array, node: Int32Array, opts: BoostOptions, monotone: Set<string>): Tree {
  let gt = 0;
  let ht = 0;
  for (let i = 0; i < g.length; i++) {
    gt += g[i]!;
    ht += h[i]!;
  }
  const nodes: Grow[] = [{ g: gt, h: ht, n: g.length, lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY }];
  let level = [0];
  const leafValue = (s: Grow) => clampTo(-s.g / (s.h + opts.lambda), s.lo, s.hi);
  // the penalized loss of a leaf holding value w: G·w + ½(H + λ)·w²
  const leafLoss = (G: number, H: number, w: number) => G * w + 0.5 * (H + opts.lambda) * w * w;
  for (let d = 0; d < opts.depth && level.length > 0; d++) {
    const slot = new Map(level.map((id, s) => [id, s]));
    const next: number[] = [];
    for (const [c, col] of cols.entries()) {
      const nb = col.thresholds.length + 1;
      // per node of the level: G, H, count per bin of the examples where the feature is not 0
      const hist = level.map(() => ({ g: new Float64Array(nb), h: new Float64Array(nb), n: new Int32Array(nb) }));
      for (let k = 0; k < col.rows.length; k++) {
        const s = slot.get(node[col.rows[k]!]!);
        if (s === undefined) continue;
        const hb = hist[s]!;
        const b = col.bins[k]!;
        hb.g[b]! += g[col.rows[k]!]!;
        hb.h[b]! += h[col.rows[k]!]!;
        hb.n[b]!++;
      }
      level.forEach((id, s) => {
        const parent = nodes[id]!;
        const hb = hist[s]!;
        let gz = parent.g;
        let hz = parent.h;
        let nz = parent.n;
        for (let b = 0; b < nb; b++) {
          gz -= hb.g[b]!;
          hz -= hb.h[b]!;
          nz -= hb.n[b]!;
        }
        hb.g[col.zeroBin]! += gz;
        hb.h[col.zeroBin]! += hz;
        hb.n[col.zeroBin]! += nz;
        const base = leafLoss(parent.g, parent.h, leafValue(parent));
        let gl = 0;
        let hl = 0;
        let nl = 0;
        for (let b = 0; b < nb - 1; b++) {
          gl += hb.g[b]!;
          hl += hb.h[b]!;
          nl += hb.n[b]!;
          const nr = parent.n - nl;
          if (nl < opts.minLeaf || nr < opts.minLeaf) continue;
          const wl = clampTo(-gl / (hl + opts.lambda), parent.lo, parent.hi);
          const wr = clampTo(-(parent.g - gl) / (parent.h - hl + opts.lambda), parent.lo, parent.hi);
          if (monotone.has(col.name) && wl > wr) continue;
          const gain = base - leafLoss(gl, hl, wl) - leafLoss(parent.g - gl, parent.h - hl, wr);
          if (gain > 1e-9 && gain > (parent.split?.gain ?? 0)) parent.split = { col: c, bin: b, gain, gl, hl, nl, left: -1, right: -1 };
        }
      });
    }
    for (const id of level) {
      const p = nodes[id]!;
      const sp = p.split;
      if (!sp) continue;
      const { lo, hi } = p;
      const left: Grow = { g: sp.gl, h: sp.hl, n: sp.nl, lo, hi };
      const right: Grow = { g: p.g - sp.gl, h: p.h - sp.hl, n: p.n - sp.nl, lo, hi };
      if (monotone.has(cols[sp.col]!.name)) {
        // the left side's leaves stay at or below the midpoint, the right side's at or above it
        const mid = (leafValue(left) + leafValue(right)) / 2;
        left.hi = Math.min(hi, mid);
        right.lo = Math.max(lo, mid);
      }
      sp.left = nodes.push(left) - 1;
      sp.right = nodes.push(right) - 1;
      next.push(sp.left, sp.right);
    }
    // move every example of a split node to its child
    const splitCols = new Map<number, number[]>();
    for (const id of level) {
      const sp = nodes[id]!.split;
      if (sp) splitCols.set(sp.col, [...(splitCols.get(sp.col) ?? []), id]);
    }
    const routed = new Uint8Array(node.length);
    for (const [c, ids] of splitCols) {
      const col = cols[c]!;
      for (let k = 0; k < col.rows.length; k++) {
        const i = col.rows[k]!;
        const sp = ids.includes(node[i]!) ? nodes[node[i]!]!.split! : undefined;
        if (!sp || routed[i]) continue;
        node[i] = col.bins[k]! <= sp.bin ? sp.left : sp.right;
        routed[i] = 1;
      }
      // the examples where the feature is 0 go by the zero bin
      for (let i = 0; i < node.length; i++) {
        if (routed[i] || !ids.includes(node[i]!)) continue;
        const sp = nodes[node[i]!]!.split!;
        node[i] = col.zeroBin <= sp.bin ? sp.left : sp.right;
        routed[i] = 1;
      }
    }
    level = next;
  }
  const build = (id: number): Tree => {
    const n = nodes[id]!;
    if (!n.split) return Math.round(leafValue(n) * 1e6) / 1e6;
    const col = cols[n.split.col]!;
    return { f: col.name, t: col.thresholds[n.split.bin]!, l: build(n.split.left), r: build(n.split.right) };
  };
  return build(0);
}
