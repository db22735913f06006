import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getTemplate } from "../templates";
import type { OcrPage } from "../types";
import { createRulesExtractor } from "./rules";
import type { RawRow, RawValue } from "./types";

// Frozen text-layer pages of rendered documents (EN/DE/FR/JA, invoice/delivery/receipt)
// with their ground truth: the rules extractor runs without OCR or PDF code.
const dir = path.join(import.meta.dirname, "__fixtures__");
const ids = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".expected.json"))
  .map((f) => f.replace(".expected.json", ""));
const norm = (s: string | null | undefined) => (s ?? "").replace(/[\s\u00A0\u202F]+/g, " ").trim();

interface Expected {
  template: string;
  fields: Record<string, string>;
  line_items: Record<string, string | null>[];
  min_cell_f1: number;
}

describe("rules extractor on frozen pages", () => {
  it("has fixtures", () => expect(ids.length).toBeGreaterThanOrEqual(5));

  for (const id of ids) {
    it(id, async () => {
      const pages = JSON.parse(fs.readFileSync(path.join(dir, `${id}.pages.json`), "utf8")) as OcrPage[];
      const exp = JSON.parse(fs.readFileSync(path.join(dir, `${id}.expected.json`), "utf8")) as Expected;
      const tpl = getTemplate(exp.template);
      expect(tpl).toBeDefined();
      const out = await createRulesExtractor().extract(pages, tpl?.fields ?? []);
      for (const [name, want] of Object.entries(exp.fields)) {
        expect(norm((out.fields[name] as RawValue | null)?.text), name).toBe(norm(want));
      }
      // Line items: cell-level F1 against the truth rows, by row order.
      const got = (out.fields.line_items ?? []) as RawRow[];
      const children = tpl?.fields.find((f) => f.type === "array")?.children?.map((c) => c.name) ?? [];
      let tp = 0;
      let pred = 0;
      let truth = 0;
      for (let i = 0; i < Math.max(got.length, exp.line_items.length); i++) {
        for (const c of children) {
          const p = got[i]?.cells[c]?.text;
          const t = exp.line_items[i]?.[c];
          if (p) pred++;
          if (t) truth++;
          if (p && t && norm(p) === norm(t)) tp++;
        }
      }
      const f1 = tp === 0 ? 0 : (2 * tp) / (pred + truth);
      expect(f1).toBeGreaterThanOrEqual(exp.min_cell_f1);
    });
  }
});
