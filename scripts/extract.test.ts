import { describe, expect, it } from "vitest";
import type { DocumentResult, FieldValue } from "../lib/engine";
import { resultToCsv } from "./extract";

const v = (value: string | null): FieldValue => ({
  value,
  bbox: null,
  vertices: null,
  match_ratio: value ? 1 : 0,
  bbox_source: value ? "vision_symbol_match" : null,
  page: 0,
});

describe("resultToCsv", () => {
  it("unfolds line items with the document's scalars repeated, quoted and formula-safe", () => {
    const res: DocumentResult = {
      engineVersion: "t",
      extractor: "rules",
      issues: [],
      pages: [],
      data: {
        vendor: v("ACME, Inc."),
        total: v("=1+2"),
        line_items: {
          value: [{ field_bboxes: { description: v("Bolt"), amount: v("-1.00") } }, { field_bboxes: { description: v('Nut "M6"'), amount: v("2.00") } }],
        },
      },
    };
    expect(resultToCsv(res)).toBe(
      '\uFEFFvendor,total,line_items.description,line_items.amount\r\n"ACME, Inc.",\'=1+2,Bolt,-1.00\r\n"ACME, Inc.",\'=1+2,"Nut ""M6""",2.00\r\n',
    );
  });
});
