/**
 * Fusion of two readings of one page, word by word along the first reading's lines. The
 * first reading (the ONNX reader: PP-OCR's clean line detection, strong on blurred Latin
 * and digits) leads; its dictionary has no €, ß, ö, ç or kana and it drops the narrow
 * spaces inside amounts ("1 234,50"). The second reading (tesseract: the whole charset of
 * the page's language) is aligned to it character by character: each of its symbols
 * belongs to the first reading's word whose quad holds the symbol's centre, so a line
 * tesseract split or joined differently on a tilted photo still aligns. Per word, the
 * reading that can have read it wins: the second where it only adds characters the first
 * cannot produce (or spaces), the more confident one where they really differ. Agreement
 * raises a word's confidence; a disagreement lowers it and keeps the other reading on the
 * word (`alt`), which the engine turns into a review doubt. Words only the second reading
 * has (a lone "€" the detector left out) are added when it is sure of them.
 * Pure: two OcrPages in, one OcrPage out (ids renumbered in reading order).
 */
import type { OcrLine, OcrPage, OcrSymbol, OcrWord, Point } from "../types";
import { unionBox } from "./geometry";

export interface FuseOptions {
  /** characters the first reader can produce (its dictionary); others can only come from the second. */
  firstCharset?: (ch: string) => boolean;
  /** a word only the second reader saw is added when its confidence is at least this (default 0.8). */
  addConf?: number;
  /** where the readings differ, the second wins when its confidence leads by more than this (default 0.1). */
  preferMargin?: number;
}

export interface FuseStats {
  words: number;
  agreed: number;
  /** words the second reading completed with characters the first lacks, or spaces. */
  completed: number;
  /** words where the readings differ: the second won / the first won. */
  secondWon: number;
  firstWon: number;
  /** words only the second reading had, added. */
  added: number;
}

/** Text compared across readers: NFKC, no spaces. */
const key = (s: string) => s.normalize("NFKC").replace(/\s+/gu, "");

/** Letters without their diacritics. */
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");

/**
 * Whether the second reading only adds what the first cannot produce: edit distance from
 * `a` (first) to `b` (second) where a character outside the first's charset may be inserted
 * or stand for any one character of `a` for free (PP-OCR reads "€" as "E" or not at all).
 */
function onlyBeyondCharset(a: string, b: string, ok: (ch: string) => boolean): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > y.filter((c) => !ok(c)).length) return false;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => y.slice(0, j).filter((c) => ok(c)).length);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const c = y[j - 1]!;
      const free = !ok(c);
      const sub = prev[j - 1]! + (x[i - 1] === c || free ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + (free ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length] === 0;
}

/** A word's frame in page pixels: origin at its top-left corner, u along the text, v across. */
interface Frame {
  ox: number;
  oy: number;
  ux: number;
  uy: number;
  len: number;
  h: number;
}

/** One symbol of the second reading, with the word it came from. */
interface Sym {
  s: OcrSymbol;
  word: OcrWord;
  c: Point;
}

/** Fuse `first` (the reading whose lines lead) with `second`; both read the same image. */
export function fusePages(first: OcrPage, second: OcrPage, opts: FuseOptions = {}): { page: OcrPage; stats: FuseStats } {
  const ok = opts.firstCharset ?? (() => true);
  const addConf = opts.addConf ?? 0.8;
  const margin = opts.preferMargin ?? 0.1;
  const sx = first.width / 1000;
  const sy = first.height / 1000;
  const px = (p: Point): Point => ({ x: p.x * sx, y: p.y * sy });
  const frameOf = (w: OcrWord): Frame => {
    const [tl, tr, , bl] = w.quad.map(px) as [Point, Point, Point, Point];
    const len = Math.hypot(tr.x - tl.x, tr.y - tl.y) || 1;
    return { ox: tl.x, oy: tl.y, ux: (tr.x - tl.x) / len, uy: (tr.y - tl.y) / len, len, h: Math.max(1, Math.hypot(bl.x - tl.x, bl.y - tl.y)) };
  };
  const uv = (f: Frame, p: Point) => ({ u: (p.x - f.ox) * f.ux + (p.y - f.oy) * f.uy, v: -(p.x - f.ox) * f.uy + (p.y - f.oy) * f.ux });
  const frames = first.words.map(frameOf);

  // Each symbol of the second reading goes to the first's word whose quad (grown by a
  // quarter height along, a fifth across) holds its centre; the nearest centreline wins.
  const syms: Sym[] = second.words.flatMap((word) =>
    word.symbols.filter((s) => s.text.trim()).map((s) => ({ s, word, c: px({ x: (s.box.x0 + s.box.x1) / 2, y: (s.box.y0 + s.box.y1) / 2 }) })),
  );
  const owner = new Int32Array(syms.length).fill(-1);
  const byY = first.words.map((_, i) => i).sort((a, b) => first.words[a]!.box.y0 - first.words[b]!.box.y0);
  for (const [k, sym] of syms.entries()) {
    let best = -1;
    let bestD = Infinity;
    for (const i of byY) {
      const w = first.words[i]!;
      if (w.box.y0 * sy > sym.c.y + 200) break;
      if (w.box.y1 * sy < sym.c.y - 200) continue;
      const f = frames[i]!;
      const { u, v } = uv(f, sym.c);
      if (u < -0.25 * f.h || u > f.len + 0.25 * f.h || v < -0.2 * f.h || v > 1.2 * f.h) continue;
      const d = Math.abs(v - f.h / 2);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    owner[k] = best;
  }
  // A second-reading word mostly inside one first word brings its other symbols along
  // (the "€" of "41.00 €" just past the detector's box).
  const bySecondWord = new Map<OcrWord, number[]>();
  for (const k of syms.keys()) {
    const list = bySecondWord.get(syms[k]!.word);
    if (list) list.push(k);
    else bySecondWord.set(syms[k]!.word, [k]);
  }
  for (const ks of bySecondWord.values()) {
    const counts = new Map<number, number>();
    for (const k of ks) if (owner[k]! >= 0) counts.set(owner[k]!, (counts.get(owner[k]!) ?? 0) + 1);
    if (counts.size !== 1) continue;
    const [i, n] = [...counts.entries()][0]!;
    if (n >= ks.length / 2) for (const k of ks) if (owner[k]! < 0) owner[k] = i;
  }
  // Segments: first words and second words linked by shared symbols (union-find), so a
  // word is always taken whole from one reading ("bisrueduChatau" against "bis rue du Château").
  const secondWords = [...bySecondWord.keys()];
  const sIndex = new Map(secondWords.map((w, j) => [w, j]));
  const nA = first.words.length;
  const parent = [...Array(nA + secondWords.length).keys()];
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const k of syms.keys()) if (owner[k]! >= 0) parent[find(nA + sIndex.get(syms[k]!.word)!)] = find(owner[k]!);
  const segs = new Map<number, { a: number[]; b: OcrWord[] }>();
  const seg = (r: number) => {
    const s = segs.get(r) ?? { a: [], b: [] };
    segs.set(r, s);
    return s;
  };
  for (let i = 0; i < nA; i++) seg(find(i)).a.push(i);
  secondWords.forEach((w, j) => {
    if (bySecondWord.get(w)!.some((k) => owner[k]! >= 0)) seg(find(nA + j)).b.push(w);
  });

  const stats: FuseStats = { words: first.words.length, agreed: 0, completed: 0, secondWon: 0, firstWon: 0, added: 0 };
  const out: { word: OcrWord; row: string; at: number }[] = [];
  // Each row's frame (its first word's): words and added words are ordered along it.
  const rows = new Map<string, { f: Frame; box: OcrLine["box"] }>();
  for (const l of first.lines) {
    const w0 = first.words[Number(l.wordIds[0]?.slice(1))];
    if (w0) rows.set(l.id, { f: frames[Number(w0.id.slice(1))]!, box: l.box });
  }
  const along = (row: string, b: OcrWord["box"]) => {
    const f = rows.get(row)?.f;
    return f ? uv(f, px({ x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 })).u : b.x0;
  };
  const conf = (ws: OcrWord[]) => {
    let s = 0;
    let n = 0;
    for (const w of ws) {
      const len = Math.max(1, w.text.length);
      s += w.conf * len;
      n += len;
    }
    return n ? s / n : 0;
  };
  for (const { a, b } of segs.values()) {
    const fa = a.map((i) => first.words[i]!);
    // A second word in several rows' segments lands on the row of its first first word.
    const rowOf = (w: OcrWord) => {
      const k = bySecondWord.get(w)!.find((x) => owner[x]! >= 0);
      return k === undefined ? fa[0]!.lineId : first.words[owner[k]!]!.lineId;
    };
    // `ws` are `from` changed word by word (confidence, alt); rows come from `from`.
    const place = (from: OcrWord[], row: (w: OcrWord) => string, change: (w: OcrWord) => OcrWord = (w) => w) => {
      for (const w of from) out.push({ word: change(w), row: row(w), at: along(row(w), w.box) });
    };
    const keep = (w: OcrWord) => w.lineId;
    if (b.length === 0) {
      place(fa, keep);
      continue;
    }
    const order = (ws: OcrWord[]) => [...ws].sort((x, y) => along(rowOf(x), x.box) - along(rowOf(y), y.box));
    const sb = order(b);
    const ta = fa.map((w) => w.text).join(" ");
    const tb = sb.map((w) => w.text).join(" ");
    const ca = conf(fa);
    const cb = conf(sb);
    if (key(ta) === key(tb)) {
      stats.agreed++;
      const both = (w: OcrWord): OcrWord => ({ ...w, conf: 1 - (1 - w.conf) * (1 - Math.max(ca, cb)) });
      // The same characters: the finer word breaks (the spaces inside "1 234,50" the first drops).
      if (sb.length > fa.length) place(sb, rowOf, both);
      else place(fa, keep, both);
      continue;
    }
    const [ka, kb] = [key(ta), key(tb)];
    if (onlyBeyondCharset(ka, kb, ok) || (fold(ka) === fold(kb) && kb.length === ka.length && kb !== fold(kb))) {
      // Only characters the first cannot produce (€, ß, kana) differ, or only diacritics the
      // second has: the second reading, which is the first's plus what it could not see.
      stats.completed++;
      place(sb, rowOf, (w) => ({ ...w, conf: Math.max(w.conf, ca) }));
      continue;
    }
    if (cb > ca + margin) {
      stats.secondWon++;
      place(sb, rowOf, (w) => ({ ...w, conf: w.conf * (1 - 0.5 * ca), alt: ta }));
    } else {
      stats.firstWon++;
      place(fa, keep, (w) => ({ ...w, conf: w.conf * (1 - 0.5 * cb), alt: tb }));
    }
  }
  // Second-reading words none of whose symbols found a first word: text the detector missed.
  for (const [word, ks] of bySecondWord) {
    if (ks.some((k) => owner[k]! >= 0) || word.conf < addConf || !/[\p{L}\p{N}€£¥￥$]/u.test(word.text)) continue;
    const c = px({ x: (word.box.x0 + word.box.x1) / 2, y: (word.box.y0 + word.box.y1) / 2 });
    let row = `x${word.lineId}`;
    let bestD = Infinity;
    for (const [id, r] of rows) {
      const { v } = uv(r.f, c);
      const d = Math.abs(v - r.f.h / 2);
      if (d < 0.5 * r.f.h && d < bestD) {
        bestD = d;
        row = id;
      }
    }
    out.push({ word: { ...word, lineId: row }, row, at: along(row, word.box) });
    stats.added++;
  }
  return { page: assemble(first, out), stats };
}

/** Rows in the first reading's order (new rows by position), words along each row, renumbered. */
function assemble(base: OcrPage, placed: { word: OcrWord; row: string; at: number }[]): OcrPage {
  const rows = new Map<string, { word: OcrWord; at: number }[]>();
  for (const p of placed) {
    const r = rows.get(p.row);
    if (r) r.push(p);
    else rows.set(p.row, [p]);
  }
  const baseOrder = new Map(base.lines.map((l, i) => [l.id, i]));
  const angleOf = new Map(base.lines.map((l) => [l.id, l.angle]));
  // Rows of added words only go before the first base row below them.
  const entries = [...rows.entries()].map(([id, ws]) => ({ id, ws, box: unionBox(ws.map((w) => w.word.box)) }));
  const key = (e: (typeof entries)[number]) => {
    const o = baseOrder.get(e.id);
    if (o !== undefined) return o;
    const cy = (e.box.y0 + e.box.y1) / 2;
    const next = base.lines.findIndex((l) => (l.box.y0 + l.box.y1) / 2 > cy);
    return (next < 0 ? base.lines.length : next) - 0.5;
  };
  entries.sort((a, b) => key(a) - key(b));
  const words: OcrWord[] = [];
  const lines: OcrLine[] = [];
  for (const e of entries) {
    const lineId = `l${lines.length}`;
    const wordIds: string[] = [];
    const ordered = [...e.ws].sort((a, b) => a.at - b.at);
    for (const { word } of ordered) {
      const id = `w${words.length}`;
      words.push({ ...word, id, lineId });
      wordIds.push(id);
    }
    lines.push({ id: lineId, wordIds, box: e.box, angle: angleOf.get(e.id) ?? 0 });
  }
  return { ...base, words, lines };
}
