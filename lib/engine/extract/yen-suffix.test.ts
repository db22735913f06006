import { describe, expect, it } from "vitest";
import { analyzePage } from "../layout/rows";
import { makePage } from "../layout/testing";
import { resolveFields } from "..";
import { extractFromLayouts } from "./rules";

const fields = resolveFields({ templateId: "invoice" });

/** A Japanese invoice's totals whose 円 the OCR read as a glued capital ("1,543,800M"). */
function page(itemSuffix: string) {
  return makePage([
    {
      y: 100,
      runs: [
        ["品名", 80],
        ["数量", 500],
        ["単価", 700],
        ["金額", 860],
      ],
    },
    {
      y: 130,
      runs: [
        ["LED デスクライト", 80],
        ["1", 500],
        [`4,200${itemSuffix}`, 700],
        [`4,200${itemSuffix}`, 860],
      ],
    },
    {
      y: 160,
      runs: [
        ["コピー用紙", 80],
        ["50", 500],
        [`790${itemSuffix}`, 700],
        [`39,500${itemSuffix}`, 860],
      ],
    },
    {
      y: 300,
      runs: [
        ["小計", 620],
        ["43,700M", 840],
      ],
    },
    {
      y: 330,
      runs: [
        ["消費税", 620],
        ["4,370M", 850],
      ],
    },
    {
      y: 360,
      runs: [
        ["合計", 620],
        ["48,070M", 840],
      ],
    },
  ]);
}

describe("restoreYenSuffix: 円 read as a glued Latin capital", () => {
  it("restores the 円 when the page prints its other amounts with 円", () => {
    const out = extractFromLayouts([analyzePage(page("円"))], fields);
    expect(out.fields.total).toMatchObject({ text: "48,070円" });
    expect(out.fields.subtotal).toMatchObject({ text: "43,700円" });
  });

  it("leaves the amount alone on a page that prints no 円 (a glued letter is something else there)", () => {
    const out = extractFromLayouts([analyzePage(page(""))], fields);
    expect(out.fields.total).toMatchObject({ text: "48,070" });
  });
});
