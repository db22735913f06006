import type { ReceiptLine } from "../memory/receipt.test-helpers";

/**
 * A made-up Malaysian cash receipt in the layout of SROIE's till receipts, shared by the receipt payment tests (not a
 * test file itself): 52.00 + GST 3.12 = 55.12, paid 55.10 with the printed rounding; the date split "15/01/ | 2018".
 */
export const lines = (rounding: string, extra: ReceiptLine[] = []): ReceiptLine[] => [
  [40, [["KEDAI BUKU MAJU SDN BHD", 120, 480]]],
  [
    80,
    [
      ["RECEIPT NO : CS1801/26717", 20, 300],
      ["DATE : 15/01/", 360, 500],
      ["2018", 512, 560],
    ],
  ],
  [
    160,
    [
      ["BADGE CLIP 100PCS", 20, 250],
      ["24.00", 480, 540],
    ],
  ],
  [
    200,
    [
      ["LAMINATING FILM", 20, 230],
      ["28.00", 480, 540],
    ],
  ],
  [
    260,
    [
      ["SUB-TOTAL (EX) :", 20, 220],
      ["52.00", 480, 540],
    ],
  ],
  [
    290,
    [
      ["TOTAL TAX :", 20, 160],
      ["3.12", 492, 540],
    ],
  ],
  [
    320,
    [
      ["ROUNDING :", 20, 150],
      [rounding, 540 - 12 * rounding.length, 540],
    ],
  ],
  [
    350,
    [
      ["TOTAL :", 20, 110],
      ["55.10", 480, 540],
    ],
  ],
  [
    380,
    [
      ["CASH :", 20, 100],
      ["55.10", 480, 540],
    ],
  ],
  [
    410,
    [
      ["CHANGE :", 20, 130],
      ["0.00", 492, 540],
    ],
  ],
  ...extra,
];
export const size = { width: 600, height: 1000 };
export const value = (r: { data: Record<string, unknown> }, f: string) => (r.data[f] as { value?: string | null } | undefined)?.value ?? null;
