/**
 * Dev helper: OCR a dataset's page images once with the default engine and freeze the
 * OcrPage[] per document as JSON, so the rules extractor can be scored on OCR output fast:
 *   npx tsx scripts/dev-ocr-pages.ts ../shared/datasets/synthetic-dev /tmp/ocr-pages [--photo]
 *   npx tsx scripts/dev-rules.ts ../shared/datasets/synthetic-dev --pages /tmp/ocr-pages
 * Documents already in the output folder are skipped (the run can be resumed).
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { createOcrEngine } from "../lib/engine/ocr";

const [dir, out] = process.argv.slice(2);
if (!dir || !out) throw new Error("usage: dev-ocr-pages.ts <dataset dir> <out dir> [--photo]");
const photo = process.argv.includes("--photo");
type Doc = { id: string; files: { png: string[]; photo?: string } };
// synthetic sets list their documents in index.json; real-dev folders have one truth file per image.
const idx: { docs: Doc[] } = fs.existsSync(path.join(dir, "index.json"))
  ? JSON.parse(fs.readFileSync(path.join(dir, "index.json"), "utf8"))
  : {
      docs: fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".truth.json"))
        .map((f) => ({ id: f.replace(".truth.json", ""), file: (JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { file: string }).file }))
        .filter((d) => /\.(jpe?g|png)$/i.test(d.file))
        .map((d) => ({ id: d.id, files: { png: [d.file] } })),
    };
fs.mkdirSync(out, { recursive: true });
const engine = createOcrEngine({ max: 1 });
try {
  for (const doc of idx.docs) {
    const target = path.join(out, `${doc.id}.pages.json`);
    const files = photo ? (doc.files.photo ? [doc.files.photo] : []) : doc.files.png;
    if (files.length === 0 || fs.existsSync(target)) continue;
    const pages = [];
    for (const [index, f] of files.entries()) {
      const { data, info } = await sharp(path.join(dir, f)).rotate().png().toBuffer({ resolveWithObject: true });
      pages.push(await engine.recognize({ png: data, width: info.width, height: info.height }, { index }));
    }
    fs.writeFileSync(target, JSON.stringify(pages));
    console.log(doc.id);
  }
} finally {
  await engine.close();
}
