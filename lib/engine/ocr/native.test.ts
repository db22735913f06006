import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { childCpuMs } from "./budget";
import { blocksFromHocr } from "./hocr";
import { findTesseract, NativeWorker, nativeChoice } from "./native";
import { lstmOnly } from "./tessdata";
import { splitStack, stackCrops } from "./stack";

const HOCR = `<div class='ocr_page' id='page_1' title='image "stdin"; bbox 0 0 300 80'>
 <div class='ocr_carea' id='block_1_1' title="bbox 10 29 150 50">
  <p class='ocr_par' id='par_1_1' lang='eng' title="bbox 10 29 150 50">
   <span class='ocr_line' id='line_1_1' title="bbox 10 29 150 50; baseline 0.01 -2; x_size 26">
    <span class='ocrx_word' id='word_1_1' title='bbox 10 29 50 50; x_wconf 96'>
     <span class='ocrx_cinfo' title='x_bboxes 10 30 28 50; x_conf 99.5'>R</span>
     <span class='ocrx_cinfo' title='x_bboxes 30 30 48 50; x_conf 90'>&amp;</span>
     <span class='ocrx_cinfo' title='x_bboxes 49 30 50 50; x_conf 80'>D</span>
    </span>
    <span class='ocrx_word' id='word_1_2' title='bbox 93 29 150 50; x_wconf 61'>
     <span class='ocrx_cinfo' title='x_bboxes 93 29 150 50; x_conf 61.25'>€</span>
    </span>
   </span>
  </p>
 </div>
 <div class='ocr_carea' id='block_1_2' title="bbox 10 60 90 75">
  <p class='ocr_par' id='par_1_2' lang='eng' title="bbox 10 60 90 75">
   <span class='ocr_header' id='line_1_2' title="bbox 10 60 90 75; baseline 0 0">
    <span class='ocrx_word' id='word_1_3' title='bbox 10 60 90 75; x_wconf 88'>
     <span class='ocrx_cinfo' title='x_bboxes 10 60 90 75; x_conf 88'>&lt;1&gt;</span>
    </span>
   </span>
  </p>
 </div>
</div>`;

describe("blocksFromHocr", () => {
  it("gives tesseract.js's block tree: words from their character boxes, confidences, baselines, entities decoded", () => {
    const { blocks, text } = blocksFromHocr(HOCR);
    expect(text).toBe("R&D €\n<1>");
    expect(blocks).toHaveLength(2);
    const line = blocks[0]!.paragraphs[0]!.lines[0]!;
    expect(line.words.map((w) => [w.text, w.confidence])).toEqual([
      ["R&D", 96],
      ["€", 61],
    ]);
    expect(line.words[0]!.symbols.map((s) => [s.text, s.confidence, s.bbox.x0])).toEqual([
      ["R", 99.5, 10],
      ["&", 90, 30],
      ["D", 80, 49],
    ]);
    // baseline 0.01 -2 from the bottom-left corner (10, 50): y = 48 at x 10, 48 + 1.4 at x 150.
    expect(line.baseline.y0).toBe(48);
    expect(line.baseline.y1).toBeCloseTo(49.4, 5);
    expect(blocks[1]!.paragraphs[0]!.lines[0]!.words[0]!.text).toBe("<1>");
  });
});

/** A traineddata-shaped buffer: entries 1 (legacy unicharset), 17 (lstm) and 23 (version) present. */
function traineddata(entries: Record<number, string>): Buffer {
  const n = 24;
  const header = Buffer.alloc(4 + 8 * n);
  header.writeInt32LE(n, 0);
  let at = header.length;
  const parts: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const body = entries[i];
    header.writeBigInt64LE(BigInt(body === undefined ? -1 : at), 4 + 8 * i);
    if (body !== undefined) {
      parts.push(Buffer.from(body));
      at += body.length;
    }
  }
  return Buffer.concat([header, ...parts]);
}

describe("lstmOnly", () => {
  it("keeps the LSTM entries and the version, drops the legacy ones", () => {
    const out = lstmOnly(traineddata({ 1: "legacy-unicharset", 14: "bigram-dawg", 17: "LSTM", 21: "lstm-unicharset", 23: "5.0" }));
    expect(out).toEqual(traineddata({ 17: "LSTM", 21: "lstm-unicharset", 23: "5.0" }));
  });
  it("leaves a file without an LSTM model whole", () => {
    const legacy = traineddata({ 1: "legacy-unicharset", 3: "inttemp" });
    expect(lstmOnly(legacy)).toBe(legacy);
  });
});

// A stand-in `tesseract` (a shell script): answers --version, and for a page prints hOCR
// whose one word names the page segmentation mode and whitelist it was given, after
// burning some CPU (the page budget must see a child's CPU time).
const dir = mkdtempSync(path.join(os.tmpdir(), "vouch-native-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fake = path.join(dir, "tesseract");
writeFileSync(
  fake,
  `#!/bin/sh
if [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi
psm=""; wl="none"; prev=""
for a in "$@"; do
  [ "$prev" = "--psm" ] && psm="$a"
  case "$a" in tessedit_char_whitelist=*) wl="\${a#tessedit_char_whitelist=}";; esac
  prev="$a"
done
cat > /dev/null
i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done
echo "<span class='ocr_line' id='l' title=\\"bbox 0 0 40 10; baseline 0 0\\"><span class='ocrx_word' id='w' title='bbox 0 0 40 10; x_wconf 90'><span class='ocrx_cinfo' title='x_bboxes 0 0 40 10; x_conf 90'>psm$psm:$wl</span></span></span>"
`,
);
chmodSync(fake, 0o755);

describe("NativeWorker", () => {
  it("is found on PATH by its version, and absent PATH entries are passed over", () => {
    expect(findTesseract([path.join(dir, "missing"), dir].join(path.delimiter))).toBe(fake);
    expect(findTesseract(path.join(dir, "missing"))).toBeNull();
    // Off unless asked for (option or VOUCH_OCR_NATIVE=1), whatever is on PATH.
    if (process.env.VOUCH_OCR_NATIVE !== "1") expect(nativeChoice(undefined)).toBeNull();
    expect(nativeChoice(false)).toBeNull();
  });

  it("passes the worker's and the call's Tesseract parameters, and its CPU time counts for the page", async () => {
    const w = new NativeWorker(fake, "eng", dir);
    await w.setParameters({ tessedit_pageseg_mode: "6" });
    const before = childCpuMs();
    const page = await w.recognize(Buffer.from("png"), { rotateAuto: true });
    expect(page.data.text).toBe("psm6:none");
    expect(childCpuMs()).toBeGreaterThan(before);
    const line = await w.recognize(Buffer.from("png"), { tessedit_pageseg_mode: "7", tessedit_char_whitelist: "0123" });
    expect(line.data.text).toBe("psm7:0123");
    expect(line.data.rotateRadians).toBe(0);
    await w.terminate();
  });
});

describe("stackCrops / splitStack", () => {
  it("hands every line of the stacked reading back to its crop, in the crop's own pixels", async () => {
    const crop = async (width: number, height: number) => ({
      png: await sharp({ create: { width, height, channels: 3, background: "#000" } })
        .png()
        .toBuffer(),
      left: 0,
      top: 0,
      width,
      height,
    });
    const crops = [await crop(100, 20), await crop(60, 40)];
    const stack = await stackCrops(crops, 32);
    expect(stack.tops).toEqual([32, 84]);
    expect([stack.width, stack.height]).toEqual([164, 156]);
    const data = await sharp(stack.png).extractChannel(0).raw().toBuffer();
    expect(data[90 * stack.width + 40]).toBe(0); // inside crop 2
    expect(data[70 * stack.width + 40]).toBe(255); // the gap
    const line = (y0: number, y1: number, text: string) => ({
      bbox: { x0: 40, y0, x1: 80, y1 },
      baseline: { x0: 40, y0: y1, x1: 80, y1 },
      words: [{ text, confidence: 90, bbox: { x0: 40, y0, x1: 80, y1 }, symbols: [] }],
    });
    const split = splitStack([{ paragraphs: [{ lines: [line(34, 50, "a"), line(90, 110, "b")] }] }], stack, crops, 32);
    const lines = split.map((b) => b[0]!.paragraphs[0]!.lines);
    expect(lines.map((ls) => ls.map((l) => l.words[0]!.text))).toEqual([["a"], ["b"]]);
    expect(lines[1]![0]!.bbox).toEqual({ x0: 8, y0: 6, x1: 48, y1: 26 });
  });
});
