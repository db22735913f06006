import { describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import { totalWorse } from "../extract/rank/evidence";
import { boxToQuad } from "../ocr/geometry";
import type { Reading } from "../ocr/reread";
import { parseAmount } from "../parse/amount";
import { type DocumentResult, EngineError, type FieldSpec, type OcrWord } from "../types";
import { secondPass } from "./index";

// A frozen receipt line: "Total 8OZ", the amount malformed, so the second pass reads it again.
function word(id: string, text: string, x0: number, y: number, conf: number): OcrWord {
  const box = { x0, y0: y, x1: x0 + text.length * 10, y1: y + 20 };
  const symbols = [...text].map((c, i) => ({ text: c, box: { x0: x0 + i * 10, y0: y, x1: x0 + i * 10 + 8, y1: y + 20 }, conf }));
  return { id, text, box, quad: boxToQuad(box), conf, symbols, lineId: "l0" };
}
const page = ocrPage({
  words: [word("w0", "Total", 100, 200, 0.96), word("w1", "8OZ", 760, 200, 0.95)],
  lines: [{ id: "l0", wordIds: ["w0", "w1"], box: { x0: 100, y0: 200, x1: 900, y1: 220 }, angle: 0 }],
});
const fields: FieldSpec[] = [{ name: "total", type: "number" }];
const result = (value: string): DocumentResult => ({
  engineVersion: "t",
  extractor: "rules",
  data: {
    total: { value, bbox: { xmin: 760, ymin: 200, xmax: 790, ymax: 220 }, vertices: null, match_ratio: 1, bbox_source: "vision_symbol_match", page: 0 },
  },
  issues: [],
  pages: [],
});
const ocr = {
  recognize: async () => page,
  reread: async (): Promise<(Reading | null)[]> => [{ words: [word("r0", "802", 760, 200, 0.99)], conf: 0.99 }],
};

describe("the second-pass stage", () => {
  it("keeps the re-extraction unless the caller finds it worse than the first", async () => {
    const first = result("8OZ");
    const kept = await secondPass(ocr, [{ png: Buffer.alloc(0), width: 1000, height: 1000 } as never], [page], fields, first, async () => result("802"));
    expect(kept.result.data.total).toMatchObject({ value: "802" });
    const worse = await secondPass(
      ocr,
      [{ png: Buffer.alloc(0), width: 1000, height: 1000 } as never],
      [page],
      fields,
      first,
      async () => result("802"),
      () => true,
    );
    expect(worse.result.data.total).toMatchObject({ value: "8OZ" });
    expect(worse.pages[0]).toBe(page);
  });
});

describe("the second-pass stage past the re-read's safety net", () => {
  const img = [{ png: Buffer.alloc(0), width: 1000, height: 1000 } as never];
  it("keeps the first reading whole and says so, rather than a reading of some regions only", async () => {
    const over = {
      recognize: async () => page,
      reread: async (): Promise<(Reading | null)[]> => {
        throw new EngineError("unprocessable_image", "page 1 (re-read) is too complex to read");
      },
    };
    const first = result("8OZ");
    const got = await secondPass(over, img, [page], fields, first, async () => result("802"));
    expect(got.pages[0]).toBe(page);
    expect(got.result.data.total).toMatchObject({ value: "8OZ" });
    expect(got.result.issues).toContainEqual(expect.objectContaining({ code: "second_pass_incomplete", severity: "warning" }));
  });

  it("lets any other failure through", async () => {
    const broken = {
      recognize: async () => page,
      reread: async (): Promise<(Reading | null)[]> => {
        throw new Error("worker crashed");
      },
    };
    await expect(secondPass(broken, img, [page], fields, result("8OZ"), async () => result("802"))).rejects.toThrow("worker crashed");
  });
});

describe("totalWorse", () => {
  const backed = { source: "model" as const, support: { payment: 1, sum: 1, repeat: 0 } };
  it("calls a re-read that moves the total to an amount fewer structures back worse", () => {
    // "12.00" that the payment lines and the sum confirm, re-read as "712.00" that nothing confirms
    expect(
      totalWorse(
        { text: "12.00", evidence: backed },
        { text: "712.00", evidence: { source: "model", support: { payment: 0, sum: 0, repeat: 0 } } },
        parseAmount,
      ),
    ).toBe(true);
    // the digits of the amount lost: the total moves to another amount with less support
    expect(totalWorse({ text: "41.00", evidence: backed }, { text: "40.99", evidence: { source: "model", support: { sum: 1 } } }, parseAmount)).toBe(true);
    expect(totalWorse({ text: "41.00", evidence: backed }, null, parseAmount)).toBe(true);
  });
  it("lets the same amount, or a move to an equally backed one, stand", () => {
    expect(totalWorse({ text: "RM 12.00", evidence: backed }, { text: "12.00", evidence: { source: "model" } }, parseAmount)).toBe(false);
    expect(totalWorse({ text: "11.00", evidence: backed }, { text: "12.00", evidence: backed }, parseAmount)).toBe(false);
    expect(totalWorse(null, { text: "12.00" }, parseAmount)).toBe(false);
  });
});
