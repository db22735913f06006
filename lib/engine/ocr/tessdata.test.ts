import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { createWorker } from "tesseract.js";
import { afterAll, describe, expect, it } from "vitest";
import { lstmLangDir, makeLangDir } from "./tessdata";

const root = mkdtempSync(path.join(os.tmpdir(), "vouch-tessdata-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The entries present in a traineddata file (offset ≥ 0). */
function entries(file: string): number[] {
  const d = readFileSync(file);
  const n = d.readInt32LE(0);
  return Array.from({ length: n }, (_, i) => i).filter((i) => d.readBigInt64LE(4 + 8 * i) >= 0n);
}

describe("lstmLangDir", () => {
  it("makes uncompressed copies holding only the LSTM entries, once", () => {
    const dir = lstmLangDir("eng+deu", "fast", root);
    expect(dir).not.toBeNull();
    const eng = path.join(dir!, "eng.traineddata");
    expect(entries(eng)).toEqual([17, 18, 19, 20, 21, 22, 23]);
    expect(entries(path.join(dir!, "deu.traineddata"))).toContain(17);
    const made = statSync(eng).mtimeMs;
    expect(lstmLangDir("eng", "fast", root)).toBe(dir);
    expect(statSync(eng).mtimeMs).toBe(made);
  });

  it("makes a copy again when its source's stamp does not match", () => {
    const dir = lstmLangDir("fra", "fast", root)!;
    const file = path.join(dir, "fra.traineddata");
    writeFileSync(file, "not a model");
    writeFileSync(`${file}.source`, "another source");
    lstmLangDir("fra", "fast", root);
    expect(entries(file)).toContain(17);
  });

  it("is null where the folder cannot be written", () => {
    const notDir = path.join(root, "a-file");
    writeFileSync(notDir, "");
    expect(lstmLangDir("eng", "fast", notDir)).toBeNull();
  });

  it("a tesseract.js worker reads a page from the copies as from the shipped files", async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="520" height="90"><rect width="100%" height="100%" fill="#fff"/><text x="12" y="58" font-size="34" font-family="DejaVu Sans">Gesamtbetrag 12,50</text></svg>';
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    const shipped = await makeLangDir("fast");
    const read = async (langPath: string, gzip: boolean) => {
      const w = await createWorker("deu", 1, { langPath, gzip, cacheMethod: "none" });
      try {
        return (await w.recognize(png)).data.text;
      } finally {
        await w.terminate();
      }
    };
    try {
      const fromCopy = await read(lstmLangDir("deu", "fast", root)!, false);
      expect(fromCopy).toContain("12,50");
      expect(fromCopy).toBe(await read(shipped.dir, true));
    } finally {
      await shipped.dispose();
    }
  });
});
