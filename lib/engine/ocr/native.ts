/**
 * An optional native `tesseract` binary (≥ 4, found on PATH), behind the same worker shape
 * as tesseract.js so the pool, the page passes and the re-reads use it unchanged. It reads
 * the same language models as tesseract.js (the npm / vendored traineddata), stripped to
 * their LSTM parts: with OEM 1 the legacy parts are never used, and loading them was half of
 * a call's start-up (eng: 0.56 → 0.24 s CPU, same text on a page). Off by default (measured
 * slower: each call is a process loading its model, see the notes in the README); on with the
 * engine option `native` or VOUCH_OCR_NATIVE=1. Never required.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { trackChild } from "./budget";
import { blocksFromHocr } from "./hocr";
import { lstmLangDir } from "./tessdata";

/** The first `tesseract` on a PATH string if it runs and is version 4 or later. */
export function findTesseract(pathList: string): string | null {
  for (const dir of pathList.split(path.delimiter).filter(Boolean)) {
    const bin = path.join(dir, "tesseract");
    try {
      accessSync(bin, constants.X_OK);
    } catch {
      continue;
    }
    try {
      const v = execFileSync(bin, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 5000 });
      return Number(/tesseract\s+v?(\d+)/iu.exec(v)?.[1] ?? 0) >= 4 ? bin : null;
    } catch {
      return null; // not a working tesseract
    }
  }
  return null;
}

/**
 * The binary a reader with this `native` option uses: false (the default unless
 * VOUCH_OCR_NATIVE=1) = none, "auto" = one on PATH if any, true = one on PATH or an error.
 */
export function nativeChoice(opt: "auto" | boolean | undefined): string | null {
  const want = opt ?? (process.env.VOUCH_OCR_NATIVE === "1" ? "auto" : false);
  if (want === false) return null;
  const bin = nativeTesseract();
  if (want === true && !bin) throw new Error("native tesseract asked for, but none ≥ 4 on PATH");
  return bin;
}

let found: string | null | undefined;

/** The native binary's path, or null (none on PATH, older than 4, not Linux, or VOUCH_OCR_NATIVE=0). */
export function nativeTesseract(): string | null {
  // Its CPU time is read from /proc (the page budget must see a child's time).
  if (process.platform !== "linux" || process.env.VOUCH_OCR_NATIVE === "0") return null;
  if (found === undefined) found = findTesseract(process.env.PATH ?? "");
  return found;
}

/** A directory of LSTM-only `<lang>.traineddata` files for the native binary (tessdata.ts lstmLangDir). */
export function nativeLangDir(langs: string, variant: "fast" | "best_int" = "fast"): string {
  const dir = lstmLangDir(langs, variant);
  if (!dir) throw new Error("cannot write the LSTM-only language files to the temporary folder");
  return dir;
}

/** The part of tesseract.js's recognize result the engine reads. */
export interface NativeResult {
  data: { blocks: ReturnType<typeof blocksFromHocr>["blocks"]; text: string; rotateRadians: number };
}

/** Options tesseract.js takes that are not Tesseract parameters (the binary deskews by itself). */
const JS_ONLY = new Set(["rotateAuto", "rotateRadians", "rectangle", "pdfTitle", "pdfTextOnly"]);

/** One language set on the native binary; each recognize call is one process (one page or crop). */
export class NativeWorker {
  private params: Record<string, string> = {};
  private running = new Set<ChildProcess>();

  constructor(
    private readonly bin: string,
    private readonly langs: string,
    private readonly dir: string,
  ) {}

  async setParameters(p: Record<string, unknown>): Promise<void> {
    for (const [k, v] of Object.entries(p)) this.params[k] = String(v);
  }

  recognize(png: Buffer, options: Record<string, unknown> = {}): Promise<NativeResult> {
    const params = { ...this.params };
    for (const [k, v] of Object.entries(options)) if (!JS_ONLY.has(k)) params[k] = String(v);
    const psm = params.tessedit_pageseg_mode ?? "6";
    delete params.tessedit_pageseg_mode;
    const args = ["stdin", "stdout", "-l", this.langs, "--oem", "1", "--psm", psm, "--tessdata-dir", this.dir];
    for (const [k, v] of Object.entries({ ...params, hocr_char_boxes: "1", tessedit_create_hocr: "1" })) args.push("-c", `${k}=${v}`);
    return new Promise((resolve, reject) => {
      // One thread: the engine shares two cores; OpenMP threads only add CPU time.
      const child = spawn(this.bin, args, { env: { ...process.env, OMP_THREAD_LIMIT: "1" }, stdio: ["pipe", "pipe", "pipe"] });
      this.running.add(child);
      const untrack = trackChild(child.pid);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (b: Buffer) => out.push(b));
      child.stderr.on("data", (b: Buffer) => err.push(b));
      child.stdin.on("error", () => {});
      child.on("error", (e) => {
        untrack();
        this.running.delete(child);
        reject(e);
      });
      child.on("close", (code, signal) => {
        untrack();
        this.running.delete(child);
        if (code !== 0) {
          reject(new Error(`tesseract exited with ${signal ?? code}: ${Buffer.concat(err).toString("utf8").slice(0, 300)}`));
          return;
        }
        const { blocks, text } = blocksFromHocr(Buffer.concat(out).toString("utf8"));
        resolve({ data: { blocks, text, rotateRadians: 0 } });
      });
      child.stdin.end(png);
    });
  }

  async terminate(): Promise<void> {
    for (const c of this.running) c.kill("SIGKILL");
    this.running.clear();
  }
}
