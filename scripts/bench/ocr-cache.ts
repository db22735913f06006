/**
 * OCR once, iterate many times: an OcrAdapter around the embedded tesseract.js engine that
 * keeps every recognized page (and every second-pass re-read) as JSON in a folder, keyed by
 * a hash of the decoded image, the language hint and the OCR code's own files. A second
 * bench or training run over the same pages reads the cache and spends no OCR CPU; an edit
 * under lib/engine/ocr or lib/engine/preprocess changes the key, so stale pages are never used.
 *   npm run bench -- <dir> --ocr-cache .scratch/ocr-cache
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { OcrAdapter } from "../../lib/engine";
import type { CrossReading, CrossRegion } from "../../lib/engine/ocr/crossread";
import type { Reading, RereadRegion } from "../../lib/engine/ocr/reread";
import type { OcrPage } from "../../lib/engine/types";

type Img = { png: Buffer; width: number; height: number };

/** A hash of the OCR and preprocessing sources: the cache is only valid for the code that filled it. */
function codeHash(): string {
  const h = createHash("sha256");
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) {
        if (f !== "__fixtures__") walk(p);
      } else if (f.endsWith(".ts") && !f.endsWith(".test.ts")) h.update(f).update(readFileSync(p));
    }
  };
  const root = path.join(import.meta.dirname, "../../lib/engine");
  for (const d of ["ocr", "preprocess", "image"]) walk(path.join(root, d));
  return h.digest("hex").slice(0, 12);
}

/** Wrap an adapter (created lazily) so its results are read from / written to `dir`. */
export function cachedOcr(
  dir: string,
  make: () => Promise<OcrAdapter>,
  opts: { reuse?: boolean } = {},
): OcrAdapter & { hits: number; misses: number; crossHits: number; crossMisses: number; crossCpuMs: number } {
  // reuse: read the newest filled version even if the OCR code changed since (iterating on extraction only).
  const newest =
    opts.reuse && existsSync(dir)
      ? readdirSync(dir)
          .filter((d) => statSync(path.join(dir, d)).isDirectory())
          .sort((a, b) => statSync(path.join(dir, b)).mtimeMs - statSync(path.join(dir, a)).mtimeMs)[0]
      : undefined;
  const version = newest ?? codeHash();
  const root = path.join(dir, version);
  mkdirSync(root, { recursive: true });
  let inner: OcrAdapter | undefined;
  const get = async () => {
    inner ??= await make();
    return inner;
  };
  const key = (img: Img, extra: unknown) => createHash("sha256").update(img.png).update(JSON.stringify(extra)).digest("hex").slice(0, 32);
  const self = {
    hits: 0,
    misses: 0,
    crossHits: 0,
    crossMisses: 0,
    /** CPU spent in cross reads that missed the cache (ms). */
    crossCpuMs: 0,
    async recognize(img: Img, opts: { index: number; lang?: string }): Promise<OcrPage> {
      const f = path.join(root, `${key(img, { lang: opts.lang ?? null })}.page.json`);
      if (existsSync(f)) {
        self.hits++;
        return { ...(JSON.parse(readFileSync(f, "utf8")) as OcrPage), index: opts.index };
      }
      self.misses++;
      const page = await (await get()).recognize(img, opts);
      writeFileSync(f, JSON.stringify(page));
      return page;
    },
    async reread(img: Img, page: OcrPage, regions: RereadRegion[]): Promise<(Reading | null)[]> {
      const f = path.join(root, `${key(img, { words: page.words.length, regions })}.reread.json`);
      if (existsSync(f)) return JSON.parse(readFileSync(f, "utf8")) as (Reading | null)[];
      const a = await get();
      const out = a.reread ? await a.reread(img, page, regions) : regions.map(() => null);
      writeFileSync(f, JSON.stringify(out));
      return out;
    },
    // The second reader's crop readings (cross-read stage), keyed by the image and the regions asked for.
    async crossRead(img: Img, page: OcrPage, regions: CrossRegion[]): Promise<(CrossReading | null)[]> {
      const f = path.join(root, `${key(img, { cross: regions, source: page.source })}.cross.json`);
      if (existsSync(f)) {
        self.crossHits++;
        return JSON.parse(readFileSync(f, "utf8")) as (CrossReading | null)[];
      }
      self.crossMisses++;
      const a = await get();
      const c0 = process.cpuUsage();
      const out = a.crossRead ? await a.crossRead(img, page, regions) : regions.map(() => null);
      const c = process.cpuUsage(c0);
      self.crossCpuMs += (c.user + c.system) / 1000;
      writeFileSync(f, JSON.stringify(out));
      return out;
    },
    async close() {
      await inner?.close?.();
      inner = undefined;
    },
  };
  return self;
}
