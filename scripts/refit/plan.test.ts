import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { datasetOf, planExamples, planGroups, type Scored, summary } from "./plan";

function folder(root: string, name: string, files: string[]): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(path.join(dir, f), "");
  return dir;
}

describe("refit plan", () => {
  const root = mkdtempSync(path.join(tmpdir(), "refit-plan-"));
  const caches = path.join(root, "caches");
  mkdirSync(path.join(caches, "ocr-scans", "v1"), { recursive: true });
  writeFileSync(path.join(caches, "ocr-scans", "v1", "k.page.json"), "{}");
  const scans = datasetOf(folder(root, "scans", ["a.png", "a.pdf", "a.truth.json"]), caches);
  const pdfs = datasetOf(folder(root, "pdfs", ["b.pdf", "b.truth.json"]), caches);
  const photos = datasetOf(folder(root, "photos", ["c.jpg", "c.truth.json"]), caches);
  const dirs = { groups: "G", examples: "E", logs: "L" };

  it("reads a folder through OCR only from its cache, and from its text layer where it has PDFs", () => {
    const steps = planExamples([scans, pdfs, photos], dirs, "P:5");
    expect(steps.map((s) => s.label)).toEqual(["examples scans (image)", "examples scans (textlayer)", "examples pdfs (textlayer)"]);
    const image = steps[0]!.args;
    expect(image.slice(image.indexOf("--ocr-cache"), image.indexOf("--ocr-cache") + 3)).toEqual([
      "--ocr-cache",
      path.join(caches, "ocr-scans"),
      "--ocr-cache-reuse",
    ]);
    expect(steps[1]!.args).not.toContain("--ocr-cache");
    for (const s of steps) expect(s.args).toEqual(expect.arrayContaining(["--no-baseline", "--rank-folds", "P:5"]));
    expect(image).not.toContain("--ocr-cache-only");
    // a cache still being filled: what it holds is counted, and --cached-only keeps the bench from OCRing the rest
    expect([scans.cachedPages, scans.images, photos.cachedPages]).toEqual([1, 1, 0]);
    expect(planExamples([scans], dirs, "P:5", [], { cachedOnly: true })[0]!.args).toContain("--ocr-cache-only");
  });

  it("collects groups through OCR only for folders with images, never over the shipped ranker", () => {
    const steps = planGroups([scans, pdfs, photos], dirs, ["--limit", "2"]);
    expect(steps.map((s) => s.label)).toEqual(["groups scans (OCR)", "groups scans (text layer)", "groups pdfs (text layer)"]);
    for (const s of steps) {
      expect(s.args[s.args.indexOf("--out") + 1]).toMatch(/^L/);
      expect(s.args.slice(-2)).toEqual(["--limit", "2"]);
    }
    expect(steps[2]!.args).toContain("--textlayer");
  });

  it("counts a value auto-accepted under 0.5 % risk, found on the page and named by no check", () => {
    const row = (risk: number, cv: number, correct: boolean, extra: Partial<Scored> = {}) =>
      ({ kind: "receipt", dataset: "r", correct, ratio: 1, flaggedOther: false, risk, tuned: risk, cv, ...extra }) as Scored;
    const rows = [row(0.001, 0.004, true), row(0.001, 0.006, true), row(0.001, 0.001, false), row(0.001, 0.001, true, { ratio: 0.5 })];
    const line = summary(rows)
      .split("\n")
      .find((l) => l.startsWith("| receipt"))!;
    // before: 3 of 4 pass (the half-found one does not), 1 wrong; CV: 2 of 4, 1 wrong
    expect(line).toContain("| 75.0 % / 66.7 % (1 wrong) |");
    expect(line).toContain("**50.0 % / 50.0 % (1 wrong)**");
  });
});
