import { describe, expect, it } from "vitest";
import { makePage } from "../layout/testing";
import { getTemplate } from "../templates";
import { houseNumber } from "./candidates";
import { createRulesExtractor } from "./rules";
import type { RawValue } from "./types";

const text = (v: unknown) => (v as RawValue | null)?.text;
type Rows = Parameters<typeof makePage>[0];
const receiptNo = async (rows: Rows) => text((await createRulesExtractor().extract([makePage(rows)], getTemplate("receipt")?.fields ?? [])).fields.receipt_no);

describe("a receipt's number", () => {
  it("is not the house number of the shop's address", async () => {
    const rows: Rows = [
      { y: 40, runs: [["YAM FRESH SDN BHD", 300]] },
      { y: 60, runs: [["No.145G, Jalan Rimbunan Raya 1,", 250]] },
      { y: 80, runs: [["52100 Kuala Lumpur", 300]] },
      {
        y: 120,
        runs: [
          ["Bill No.:", 60],
          ["001-3246", 300],
        ],
      },
    ];
    expect(await receiptNo(rows)).toBe("001-3246");
    // With no number printed anywhere else, the address still gives none.
    expect(await receiptNo(rows.slice(0, 3))).toBeUndefined();
  });

  it("is not the number a registration or contact label names", async () => {
    const rows: Rows = [
      { y: 40, runs: [["KEDAI BUKU SDN BHD", 300]] },
      { y: 60, runs: [["GST ID. No : 000181747712", 250]] },
      { y: 80, runs: [["Tel. No: 03-6092-1968", 250]] },
      { y: 120, runs: [["Invoice No : 18297/102/T0173", 60]] },
    ];
    expect(await receiptNo(rows)).toBe("18297/102/T0173");
    expect(await receiptNo(rows.slice(0, 3))).toBeUndefined();
  });

  it("a number sign on an address line is a house number, whichever side the street is on", () => {
    expect(houseNumber("No.", " 8, Jalan 7/118B, Desa Tun Razak")).toBe(true);
    expect(houseNumber("NO.", " 4 & 6,", "GROUND FLOOR,")).toBe(true);
    expect(houseNumber("No", " 1, JLN PJU 19/4")).toBe(true);
    // a date or a postcode after the number proves no address; a label of its own is no bare sign
    expect(houseNumber("No.", " 1234 12/03/2018")).toBe(false);
    expect(houseNumber("Bill No", " 001-3246")).toBe(false);
  });
});
