import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packageDir } from "./package-dir";

describe("packageDir", () => {
  it("finds installed packages, scoped ones too", () => {
    expect(existsSync(path.join(packageDir("pdfjs-dist"), "legacy/build/pdf.mjs"))).toBe(true);
    expect(existsSync(path.join(packageDir("@tesseract.js-data/eng"), "4.0.0/eng.traineddata.gz"))).toBe(true);
  });
  it("says which package is missing", () => {
    expect(() => packageDir("@vouch/not-installed")).toThrow(/@vouch\/not-installed is not installed/);
  });
});
