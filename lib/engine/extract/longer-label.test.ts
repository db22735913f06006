import { describe, expect, it } from "vitest";
import { type ReceiptLine, receipt } from "../memory/receipt.test-helpers";
import { getTemplate } from "../templates";
import { claimedByLonger } from "./labels";
import { createRulesExtractor } from "./rules";
import { lines, size } from "./till-receipt.test-helpers";
import type { RawValue } from "./types";

const fields = getTemplate("receipt")?.fields ?? [];
const read = async (all: ReceiptLine[]) => {
  const raw = (await createRulesExtractor().extract(receipt(all, size), fields)).fields;
  return (f: string) => (raw[f] as RawValue | null)?.text ?? null;
};

describe("a tax label inside a longer label of another field", () => {
  it('is not the tax: "GST Reg No", its misreads and a "TAX INVOICE" heading leave the small numbers near them', async () => {
    // a till receipt that prints no tax line: nothing on it is the tax
    const base = lines("-0.02").filter(([y]) => y >= 160 && y !== 290);
    const text = await read([
      [40, [["KEDAI BUKU MAJU SDN BHD", 120, 480]]],
      [60, [["GST 1D.N0:000181747712", 120, 480]]],
      [80, [["(GST Rey No. 001492992000)", 120, 480]]],
      [100, [["TAX INVOICE", 200, 400]]],
      [120, [["MFY Side 1", 200, 400]]],
      ...base,
    ]);
    expect(text("tax")).toBeNull();
  });

  it("claims only words that continue the longer label, never a number after the short one", () => {
    const all = { tax: ["gst", "tax"], vendor_tax_id: ["gstregno", "gstidno"], receipt_no: ["taxinvoiceno"] };
    expect(claimedByLonger("gstregno001", "gst", "tax", all)).toBe(true);
    expect(claimedByLonger("gstreyno001", "gst", "tax", all)).toBe(true);
    expect(claimedByLonger("gst1dn0000181", "gst", "tax", all)).toBe(true);
    expect(claimedByLonger("taxinvoice", "tax", "tax", all)).toBe(true);
    expect(claimedByLonger("gst1000", "gst", "tax", all)).toBe(false);
    expect(claimedByLonger("gst6", "gst", "tax", all)).toBe(false);
    expect(claimedByLonger("gstincluded", "gst", "tax", all)).toBe(false);
    expect(claimedByLonger("taxincl150", "tax", "tax", all)).toBe(false);
  });
});
