import { describe, expect, it } from "vitest";
import { analyzePage } from "../layout/rows";
import { makePage } from "../layout/testing";
import { repairLegalForm } from "../templates/legal-forms";
import type { FieldSpec } from "../types";
import { createRulesExtractor } from "./rules";
import type { RawValue } from "./types";
import { vendorCandidates } from "./vendor";
import { closedBracket, continuesName, formOnly, nameOnly, spacedBrackets } from "./vendor-lines";

// Frozen synthetic receipt tops (made-up names): the vendor is the whole printed name, from structure.
const fields: FieldSpec[] = [{ name: "vendor", type: "string" }];
const vendorOf = async (rows: Parameters<typeof makePage>[0]) =>
  ((await createRulesExtractor().extract([makePage(rows)], fields)).fields.vendor as RawValue | null)?.text;
const address = [
  { y: 150, runs: [["NO 12, JALAN MERANTI 3,", 300]] as [string, number][] },
  { y: 170, runs: [["47100 PUCHONG, SELANGOR", 300]] as [string, number][] },
];

describe("the vendor's whole printed name", () => {
  it("joins a name the OCR cut into runs on one row, a label word inside it included", async () => {
    const v = await vendorOf([
      {
        y: 100,
        runs: [
          ["ZOLT", 300],
          ["CASH", 352],
          ["&", 404],
          ["CARRY", 424],
        ],
      },
      { y: 120, runs: [["(0021-V)", 340]] },
      ...address,
    ]);
    expect(v).toBe("ZOLT CASH & CARRY");
  });

  it("leaves a monogram beside the name out of it", async () => {
    const v = await vendorOf([
      {
        y: 100,
        runs: [
          ["Q", 260],
          ["Quellwerk Papier GmbH", 290],
        ],
        h: 20,
      },
      ...address,
    ]);
    expect(v).toBe("Quellwerk Papier GmbH");
  });

  it("keeps an initial joined to the name by a connector the OCR set in the name's run", async () => {
    const v = await vendorOf([
      {
        y: 100,
        runs: [
          ["K", 196],
          ["& BEST KOPITIAM", 223],
        ],
        h: 20,
      },
      { y: 124, runs: [["(001610235-P)", 300]] },
      ...address,
    ]);
    expect(v).toBe("K & BEST KOPITIAM");
  });

  it("takes the legal form printed on the line under the name", async () => {
    const v = await vendorOf([
      { y: 80, runs: [["KORVANTI PRESS", 300]], h: 20 },
      { y: 104, runs: [["CO. (M) SDN BHD", 300]], h: 20 },
      { y: 130, runs: [["(Co. No. 113825-W)", 300]] },
      ...address,
    ]);
    expect(v).toBe("KORVANTI PRESS CO. (M) SDN BHD");
  });

  it("takes the name above a line that is only the legal form, past a speck between them", async () => {
    const v = await vendorOf([
      { y: 60, runs: [["VELMORA HOLDINGS", 300]], h: 20 },
      { y: 84, runs: [["@", 320]], h: 4 },
      { y: 92, runs: [["SDN. BHD.", 330]], h: 24 },
      { y: 124, runs: [["249336-T", 330]] },
      ...address,
    ]);
    expect(v).toBe("VELMORA HOLDINGS SDN. BHD.");
  });

  it("keeps a name with a digit and its bracketed registration number, not the address under it", async () => {
    const v = await vendorOf([{ y: 100, runs: [["88 TORVEK MART S/B (519537-X),", 280]] }, ...address]);
    expect(v).toBe("88 TORVEK MART S/B");
  });

  it("keeps a name whose legal form the OCR misread when its registration number follows it, the form repaired", async () => {
    const v = await vendorOf([{ y: 100, runs: [["77 ORBIT MART 5/8 (519537-X)", 280]] }, ...address]);
    expect(v).toBe("77 ORBIT MART S/B");
  });

  it("never takes a closing sentence printed above the name", async () => {
    const v = await vendorOf([{ y: 40, runs: [["Thank You, Please come again.", 280]], h: 20 }, { y: 100, runs: [["Brannik Trading", 300]] }, ...address]);
    expect(v).toBe("Brannik Trading");
  });

  it("never takes a column heading line or a dashed title", async () => {
    const v = await vendorOf([
      { y: 40, runs: [["- TAX INVOICE -", 320]], h: 16 },
      { y: 70, runs: [["Qty Size Item", 300]], h: 16 },
      { y: 100, runs: [["Brannik Trading", 300]] },
      ...address,
    ]);
    expect(v).toBe("Brannik Trading");
  });

  it("joins a word of the name the OCR boxed smaller, set close to it on the row", async () => {
    const v = await vendorOf([{ y: 104, runs: [["KAI", 240]], h: 13 }, { y: 100, runs: [["LOR RESTAURANT", 300]], h: 22 }, ...address]);
    expect(v).toBe("KAI LOR RESTAURANT");
  });

  it("takes the name alone from a sender line with the address after it", async () => {
    const v = await vendorOf([
      { y: 60, runs: [["Quorvent Hosting AG - Auenweg 12-14 - D-61234 Musterstadt", 60]], h: 10 },
      { y: 100, runs: [["Brisk Ltd.", 60]] },
      { y: 114, runs: [["93B Harbour Road", 60]] },
    ]);
    expect(v).toBe("Quorvent Hosting AG");
  });

  it("ends the name at its legal form when a bare registration number follows it", async () => {
    const v = await vendorOf([{ y: 100, runs: [["TALVIR BAKERY S/B 123456-U (KSB)", 280]] }, ...address]);
    expect(v).toBe("TALVIR BAKERY S/B");
  });

  it("does not join a line under a name that already ends in its legal form", async () => {
    const v = await vendorOf([{ y: 80, runs: [["Lumeno Foods Sdn Bhd", 300]] }, { y: 96, runs: [["Trading", 300]] }, ...address]);
    expect(v).toBe("Lumeno Foods Sdn Bhd");
  });
  it("leaves a till's code in front of the name out, and keeps the name as a candidate", async () => {
    const v = await vendorOf([{ y: 100, runs: [["#000002 KORVANTI (M) Sdn Bhd", 280]], h: 20 }, { y: 124, runs: [["COMPANY NO(814198-X)", 280]] }, ...address]);
    expect(v).toBe("KORVANTI (M) Sdn Bhd");
  });

  it("keeps a name whose legal form closes it with letters the OCR read as digits", async () => {
    const v = await vendorOf([{ y: 100, runs: [["MR. 0.1.7. (M) SDN BHD", 280]], h: 16 }, { y: 120, runs: [["(860671-D)", 330]] }, ...address]);
    expect(v).toBe("MR. 0.1.7. (M) SDN BHD");
  });

  it("keeps a name whose legal form has a misread letter and a registration number after it, never the table's heading", async () => {
    // an item table: its heading right over the priced rows
    const table: Parameters<typeof makePage>[0] = [
      { y: 300, runs: ["Code", "Desc", "Bty", "RM", "DX", "Amt"].map((t, i) => [t, [80, 260, 470, 600, 690, 790][i]!] as [string, number]) },
      { y: 330, runs: ["201019 KAYA PUFF", "4", "1.60", "OD", "4.408"].map((t, i) => [t, [80, 470, 560, 690, 790][i]!] as [string, number]) },
      { y: 350, runs: ["231027 SLICE CAKE", "1", "8.70", "0", "8.70"].map((t, i) => [t, [80, 470, 560, 690, 790][i]!] as [string, number]) },
    ];
    expect(await vendorOf([{ y: 100, runs: [["TALVIR BAKERY §/B 273500-U (KSB)", 280]] }, ...address, ...table])).toBe("TALVIR BAKERY S/B");
    // without the name, no line of the page is a vendor: the heading over the priced rows is none
    expect(await vendorOf([...address, ...table])).toBeUndefined();
  });

  it("joins a name continued on the next line up to its legal form, not an address or a line in another size", async () => {
    const two: Parameters<typeof makePage>[0] = [
      { y: 80, runs: [["KORVANTI NAGA", 300]], h: 20 },
      { y: 104, runs: [["PAPER & PRINT SDN BHD", 280]], h: 20 },
      { y: 130, runs: [["(Co. No. 113825-W)", 300]] },
      ...address,
    ];
    // the heading line gives the joined name; the line closed by its legal form is a whole name too (a brand over the
    // company prints the same way: "CITYMARK" / "R&Q VENTURE SDN BHD"), so both are candidates and the ranking chooses
    const extents = (rows: Parameters<typeof makePage>[0]) =>
      Object.fromEntries(vendorCandidates(analyzePage(makePage(rows)), () => false).map((c) => [c.seg.text, c.name.text]));
    expect(extents(two)).toMatchObject({ "KORVANTI NAGA": "KORVANTI NAGA PAPER & PRINT SDN BHD", "PAPER & PRINT SDN BHD": "PAPER & PRINT SDN BHD" });
    expect(["KORVANTI NAGA PAPER & PRINT SDN BHD", "PAPER & PRINT SDN BHD"]).toContain(await vendorOf(two));
    // a brand heading set larger above the legal name is not part of it
    const brand = [{ ...two[0]!, h: 34 }, ...two.slice(1)];
    expect(await vendorOf(brand)).not.toBe("KORVANTI NAGA PAPER & PRINT SDN BHD");
    expect(Object.values(extents(brand))).not.toContain("KORVANTI NAGA PAPER & PRINT SDN BHD");
    const segs = (rows: Parameters<typeof makePage>[0]) => analyzePage(makePage(rows)).segments;
    const [name, rest] = segs(two.slice(0, 2));
    expect(continuesName("KORVANTI NAGA", name!, rest!)).toBe(true);
    const [, street] = segs([two[0]!, { y: 104, runs: [["12 JALAN KORVANTI SDN BHD", 280]], h: 20 }]);
    expect(continuesName("KORVANTI NAGA", name!, street!)).toBe(false);
    const [, lower] = segs([two[0]!, { y: 104, runs: [["Paper & Print Sdn Bhd", 280]], h: 20 }]);
    expect(continuesName("KORVANTI NAGA", name!, lower!)).toBe(false);
  });

  it("cuts only the last bracket of a registration number, not a bracket the OCR left open inside the name", async () => {
    const v = await vendorOf([{ y: 100, runs: [["NORDIX(MALAYSIA SDNBHD（8199K）", 280]], h: 18 }, ...address]);
    // (the bracket the name keeps set apart from the word before it: spacedBrackets; the one the reader left open is
    // closed before the legal form: closedBracket)
    expect(v).toBe("NORDIX (MALAYSIA) SDNBHD");
  });

  it("leaves a stamp overlapping the name's row out of it", async () => {
    // a tall stamp printed across the top right, its foot reaching into the name's row: each is a line of its own
    // (which one is the vendor is the ranking's call)
    const cands = vendorCandidates(
      analyzePage(
        makePage([
          { y: 90, runs: [["FILED", 200]], h: 48 },
          { y: 123, runs: [["ORVIK TRADING", 84]], h: 29 },
        ]),
      ),
      () => false,
    );
    expect(cands.find((c) => c.seg.text === "ORVIK TRADING")?.name.text).toBe("ORVIK TRADING");
    expect(cands.find((c) => c.seg.text === "FILED")?.name.text).toBe("FILED");
  });
});

describe("a bracket the reader left open", () => {
  it("closes before the legal form that ends the name, and only there", () => {
    expect(closedBracket("KORVANTI (M SDN BHD")).toBe("KORVANTI (M) SDN BHD");
    expect(closedBracket("THE NORDIX (MALAYSIA SDN BHD")).toBe("THE NORDIX (MALAYSIA) SDN BHD");
    expect(closedBracket("Lumeno (Nord GmbH")).toBe("Lumeno (Nord) GmbH");
    // closed already, a number inside, no legal form after it, or nothing but the form after it: as printed
    expect(closedBracket("KORVANTI (KL) SDN BHD")).toBe("KORVANTI (KL) SDN BHD");
    expect(closedBracket("KORVANTI (1234 SDN BHD")).toBe("KORVANTI (1234 SDN BHD");
    expect(closedBracket("KORVANTI (KEPONG")).toBe("KORVANTI (KEPONG");
    expect(closedBracket("KORVANTI (SDN BHD")).toBe("KORVANTI (SDN BHD");
  });
});

describe("the name alone", () => {
  it("cuts a sender line or a registration number after the legal form, and nothing else", () => {
    expect(nameOnly("Quorvent AG · Auenweg 12 · 61234 Musterstadt")).toBe("Quorvent AG");
    expect(nameOnly("Quorvent AG | Auenweg 12")).toBe("Quorvent AG");
    expect(nameOnly("Lumeno Foods Sdn Bhd 1234567-K")).toBe("Lumeno Foods Sdn Bhd");
    // a digit in the first part: a name with a number or a shop code, not a sender line
    expect(nameOnly("CT42 - ORBIT TEA KEPONG")).toBe("CT42 - ORBIT TEA KEPONG");
    // no digit after the separator: a name in parts ("Bar - Café")
    expect(nameOnly("Brannik Bar - Café")).toBe("Brannik Bar - Café");
    // words after the legal form: not a registration number
    expect(nameOnly("Lumeno GmbH Niederlassung 2024")).toBe("Lumeno GmbH Niederlassung 2024");
    expect(nameOnly("Lumeno Foods Sdn Bhd")).toBe("Lumeno Foods Sdn Bhd");
  });

  it("keeps the company an operator's words introduce, not the brand before them", () => {
    expect(nameOnly("ORBIT TEA OWN BY: LUMENO FOODS SDN BHD")).toBe("LUMENO FOODS SDN BHD");
    expect(nameOnly("Owned by Lumeno Foods Sdn Bhd (123456-X)")).toBe("Lumeno Foods Sdn Bhd");
    expect(nameOnly("Café Brannik, betrieben von Brannik Gastro GmbH")).toBe("Brannik Gastro GmbH");
    // no company after the words (a person, a terminal id): unchanged
    expect(nameOnly("ORBIT TEA OWNED BY: JOHN TAN")).toBe("ORBIT TEA OWNED BY: JOHN TAN");
    expect(nameOnly("Karteninhaber Quorvent AG")).toBe("Karteninhaber Quorvent AG");
  });

  it("reads the name after an operator's line as the vendor, the brand above it aside", async () => {
    const v = await vendorOf([
      { y: 78, runs: [["ORBIT TEA", 300]], h: 20 },
      { y: 100, runs: [["OWN BY: LUMENO FOODS SDN BHD", 260]], h: 20 },
      { y: 124, runs: [["CO. NO. (458592-T)", 300]] },
      ...address,
    ]);
    expect(v).toBe("LUMENO FOODS SDN BHD");
  });
});

describe("legal-form data", () => {
  it("repairs a misread letter in a two-word legal form closing a name, and nothing else", () => {
    expect(repairLegalForm("KORVANTI SDN 8HD")).toBe("KORVANTI SDN BHD");
    expect(repairLegalForm("MR. ZED (M) SON BHD")).toBe("MR. ZED (M) SDN BHD");
    expect(repairLegalForm("Acme Pty LTO")).toBe("Acme Pty Ltd");
    expect(repairLegalForm("77 ORBIT MART S/8")).toBe("77 ORBIT MART S/B");
    expect(repairLegalForm("JALAN 5/8")).toBe("JALAN 5/8");
    // both words misread: no word to anchor the repair
    expect(repairLegalForm("KORVANTI 5ON 8HD")).toBe("KORVANTI 5ON 8HD");
    // not at the end of the name
    expect(repairLegalForm("SON BHD JALAN")).toBe("SON BHD JALAN");
    expect(repairLegalForm("Lumeno Foods Sdn Bhd")).toBe("Lumeno Foods Sdn Bhd");
  });

  it("repairs a form misread throughout when a company number with its check letter follows it", () => {
    expect(repairLegalForm("77 ORBIT MART 5/8 (512345-X)")).toBe("77 ORBIT MART S/B (512345-X)");
    expect(repairLegalForm("77 ORBIT MART 5/8 {512345-X)")).toBe("77 ORBIT MART S/B {512345-X)");
    expect(repairLegalForm("KORVANTI 5ON 8HD 123456-K")).toBe("KORVANTI SDN BHD 123456-K");
    // R for B, one part read right
    expect(repairLegalForm("KORVANTI S/R 273500-U (KL)")).toBe("KORVANTI S/B 273500-U (KL)");
    // a number without a check letter (a postcode, a phone number) anchors nothing
    expect(repairLegalForm("JALAN 5/8 47100")).toBe("JALAN 5/8 47100");
  });

  it("takes a name whose registration bracket the OCR misread, with its form repaired", async () => {
    const v = await vendorOf([{ y: 100, runs: [["77 ORBIT MART 5/B {512345-X)", 300]] }, { y: 125, runs: [["TAMAN KORVANTI", 320]] }, ...address]);
    expect(v).toBe("77 ORBIT MART S/B");
  });

  it("repairs any one-letter misreading of a form word of three letters when the other word is right", () => {
    expect(repairLegalForm("KORVANTI HEALTHCARE SIN BHD")).toBe("KORVANTI HEALTHCARE SDN BHD");
    expect(repairLegalForm("KORVANTI BAKERIES (KL) SDN THD")).toBe("KORVANTI BAKERIES (KL) SDN BHD");
    expect(repairLegalForm("Lumeno Cash & Carry Sdn.BRhd")).toBe("Lumeno Cash & Carry Sdn.Bhd");
    expect(repairLegalForm("Lumeno Cash & Carry Sdn.Ehd")).toBe("Lumeno Cash & Carry Sdn.Bhd");
    // two words wrong, or a word two letters away: no anchor
    expect(repairLegalForm("KORVANTI SON BID")).toBe("KORVANTI SON BID");
    expect(repairLegalForm("KORVANTI TAN BHD")).toBe("KORVANTI TAN BHD");
    expect(repairLegalForm("Lumeno Holdings Berhad")).toBe("Lumeno Holdings Berhad");
  });

  it("tells a line of legal-form and trade words from a name", () => {
    expect(formOnly("SDN. BHD.")).toBe(true);
    expect(formOnly("CO. (M) SDN BHD")).toBe(true);
    expect(formOnly("TRADING")).toBe(true);
    expect(formOnly("Sp. z o.o.")).toBe(true);
    expect(formOnly("POPULAR BOOK")).toBe(false);
    expect(formOnly("(1125830-V)")).toBe(false);
  });
});

describe("spacedBrackets", () => {
  it("sets a name's brackets apart from the words the reader glued to them", () => {
    expect(spacedBrackets("LUMENO BAKERIES(KL)SDN BHD")).toBe("LUMENO BAKERIES (KL) SDN BHD");
    expect(spacedBrackets("ORBIT.(KUCHAI) SDN BHD")).toBe("ORBIT. (KUCHAI) SDN BHD");
    // spaced already, a word's own ending, CJK brackets: unchanged
    expect(spacedBrackets("LUMENO (M) SDN BHD")).toBe("LUMENO (M) SDN BHD");
    expect(spacedBrackets("Lumeno Item(s) Ltd")).toBe("Lumeno Item(s) Ltd");
    expect(spacedBrackets("ルメノ（株）")).toBe("ルメノ（株）");
  });
});
