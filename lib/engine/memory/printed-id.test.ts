import { describe, expect, it } from "vitest";
import { letterheadIds } from "./identity";
import { findSupplier } from "./types";

describe("a supplier's number printed in its letterhead after a tax or registration label", () => {
  it("is read from the folded lines, up to the line's end or the next label", () => {
    expect(letterheadIds(["kedaimakmursdnbhd", "gstregno001234567890"])).toEqual(["001234567890"]);
    expect(letterheadIds(["coregno123456xgstid001234567890"])).toEqual(["123456x", "001234567890"]);
    expect(letterheadIds(["ustidnrde123456789"])).toEqual(["de123456789"]);
    // a phone, a heading, a label without a number after it: no id
    expect(letterheadIds(["tel0312345678", "taxinvoice", "gstregno"])).toEqual([]);
  });

  it("finds the one supplier whose reviewed letterheads print it, however misread the rest of the letterhead", () => {
    const rows = [
      { keys: ["name:kedaimakmursdnbhd"], letterheads: [["refno0", "goodssoldnotreturnable", "kedaimakmursdnbhd", "gstregno001234567890"]] },
      { keys: ["name:tokoserisdnbhd"], letterheads: [["tokoserisdnbhd", "gstregno009876543210"]] },
    ];
    const misread = ["k3dalmakrnur", "lot5jalan3", "gstregno001234567890", "invoiceno34867"];
    expect(findSupplier(rows, [], misread)).toBe(rows[0]);
    expect(findSupplier(rows, [], ["k3dalmakrnur", "lot5jalan3"])).toBeUndefined();
    // an id two suppliers' letterheads print (a franchisor's) names neither
    const shared = [rows[0]!, { ...rows[1]!, letterheads: [[...rows[1]!.letterheads[0]!, "gstregno001234567890"]] }];
    expect(findSupplier(shared, [], misread)).toBeUndefined();
    // a VAT id read that differs from the row's still names another supplier
    const taxed = [{ ...rows[0]!, keys: [...rows[0]!.keys, "tax:MY555000111"] }];
    expect(findSupplier(taxed, ["tax:MY999888777"], misread)).toBeUndefined();
  });
});
