/**
 * Where Tesseract language data comes from: npm packages for eng/deu/fra, a system or
 * vendored copy of the Japanese script model. Never the CDN.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
