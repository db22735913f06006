/**
 * Where Tesseract language data comes from: npm packages for eng/deu/fra, a system or
 * vendored copy of the Japanese script model. Never the CDN.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { packageDir } from "../package-dir";

/** Language models the engine knows how to load. */
export type TessLang = "eng" | "deu" | "fra" | "lav" | "pol" | "ces" | "Japanese";

// Latvian, Polish and Czech read letters the others lack (ā ē ī ū ķ ļ ņ ģ, ą ę ł ń ś ź ż, ě ř ů).
const NPM_LANGS = new Set<TessLang>(["eng", "deu", "fra", "lav", "pol", "ces"]);

function vendoredDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, "tessdata"), path.join(process.cwd(), "lib/engine/ocr/tessdata")];
  return candidates.find((d) => existsSync(path.join(d, "Japanese.traineddata.gz"))) ?? candidates[0]!;
}

/** A system copy of the Japanese script model, if Tesseract is installed. */
function systemJapanese(): string | null {
  const roots: string[] = [];
  if (process.env.TESSDATA_PREFIX) roots.push(process.env.TESSDATA_PREFIX);
  const base = "/usr/share/tesseract-ocr";
  if (existsSync(base)) {
    for (const v of readdirSync(base)) roots.push(path.join(base, v, "tessdata"));
  }
  roots.push("/usr/share/tessdata", "/usr/local/share/tessdata");
  for (const root of roots) {
    for (const f of [path.join(root, "script", "Japanese.traineddata"), path.join(root, "Japanese.traineddata")]) {
      if (existsSync(f)) return f;
    }
  }
  return null;
}

/** Path of one language's traineddata file (gzipped or not). */
export function traineddataPath(lang: TessLang, variant: "fast" | "best_int" = "fast"): string {
  if (NPM_LANGS.has(lang)) {
    const dir = variant === "fast" ? "4.0.0" : "4.0.0_best_int";
    return path.join(packageDir(`@tesseract.js-data/${lang}`), dir, `${lang}.traineddata.gz`);
  }
  return systemJapanese() ?? path.join(vendoredDir(), "Japanese.traineddata.gz");
}

/**
 * A directory holding `<lang>.traineddata.gz` links for every language, because
 * tesseract.js reads all of a worker's languages from one `langPath`. The names all end
 * in `.gz` (one `gzip` setting per worker); tesseract.js sniffs the gzip magic bytes,
 * so an uncompressed system file behind such a link still loads.
 */
export async function makeLangDir(variant: "fast" | "best_int" = "fast"): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "vouch-tessdata-"));
  for (const lang of ["eng", "deu", "fra", "lav", "pol", "ces", "Japanese"] as const) {
    await symlink(traineddataPath(lang, variant), path.join(dir, `${lang}.traineddata.gz`));
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Entries of a traineddata file LSTM recognition (OEM 1) reads: lstm … lstm-recoder, version. */
const LSTM_ENTRIES = [17, 18, 19, 20, 21, 22, 23];

/**
 * A traineddata file with only its LSTM entries. The format: int32 entry count, int64
 * offsets (-1 = absent), then the entries back to back (little-endian). With OEM 1 Tesseract
 * reads none of the others (the legacy classifier's templates and dictionaries); the shipped
 * eng/deu/fra files carry no config entry (0). A file without an LSTM model is left whole.
 */
export function lstmOnly(data: Buffer): Buffer {
  const n = data.readInt32LE(0);
  if (n <= 0 || n > 64) throw new Error("not a traineddata file");
  const offsets = Array.from({ length: n }, (_, i) => Number(data.readBigInt64LE(4 + 8 * i)));
  const end = (i: number) => offsets.slice(i + 1).find((o) => o >= 0) ?? data.length;
  const parts = LSTM_ENTRIES.filter((i) => i < n && offsets[i]! >= 0).map((i) => ({ i, bytes: data.subarray(offsets[i]!, end(i)) }));
  if (!parts.some((p) => p.i === 17)) return data; // no LSTM model: leave it whole
  const header = Buffer.alloc(4 + 8 * n);
  header.writeInt32LE(n, 0);
  let at = header.length;
  for (let i = 0; i < n; i++) {
    const p = parts.find((x) => x.i === i);
    header.writeBigInt64LE(BigInt(p ? at : -1), 4 + 8 * i);
    if (p) at += p.bytes.length;
  }
  return Buffer.concat([header, ...parts.map((p) => p.bytes)]);
}

/**
 * A directory of LSTM-only, uncompressed `<lang>.traineddata` files holding `langs` ("eng+Japanese"), or null when the
 * temporary folder cannot be written (the caller then reads the shipped files). Each language's copy is made the first
 * time it is asked for on this machine and again when its source changed (its size and mtime kept beside it). The
 * shipped eng file is 23.5 MB unpacked of which 5.2 MB is LSTM (deu 15.4 → 2.1, fra 14.2 → 1.2 MB): a tesseract.js
 * worker gunzipped and copied all of it into its heap for nothing, ~0.2 s CPU and ~75 MB a worker start.
 * `root` (tests): where the directory is made instead of the system's temporary folder.
 */
export function lstmLangDir(langs: string, variant: "fast" | "best_int" = "fast", root = os.tmpdir()): string | null {
  const dir = path.join(root, `vouch-tessdata-lstm-${variant}-${process.getuid?.() ?? 0}`);
  try {
    mkdirSync(dir, { recursive: true });
    for (const lang of langs.split("+") as TessLang[]) {
      const source = traineddataPath(lang, variant);
      const st = statSync(source);
      const stamp = `${source} ${st.size} ${st.mtimeMs}`;
      const file = path.join(dir, `${lang}.traineddata`);
      const stampFile = `${file}.source`;
      if (existsSync(file) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) continue;
      const raw = readFileSync(source);
      const data = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
      // Written aside and renamed: a process reading the copy never sees half of it.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, lstmOnly(data));
      renameSync(tmp, file);
      writeFileSync(`${stampFile}.${process.pid}.tmp`, stamp);
      renameSync(`${stampFile}.${process.pid}.tmp`, stampFile);
    }
    return dir;
  } catch {
    return null;
  }
}
