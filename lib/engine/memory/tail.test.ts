import { describe, expect, it } from "vitest";
import type { RawExtraction } from "../extract/types";
import { ACCEPT_RISK, type FieldValue } from "../index";
import { adjustRisk } from "./adjust";
import { learnField, remember } from "./learn";
import { recall } from "./recall";
import { type ReceiptLine, receipt } from "./receipt.test-helpers";
import type { SupplierMemory } from "./types";

// A made-up till chain: one head-office address on every receipt, and under it, on most, the outlet it was printed at.
const BODY = "LOT 12, JALAN MERANTI, TAMAN SERI 43000 KAJANG, SELANGOR";
const words = (text: string, x: number): Array<[string, number, number]> =>
  text.split(" ").map((t) => {
    const w: [string, number, number] = [t, x, x + 14 * t.length];
    x += 14 * t.length + 12;
    return w;
  });
/** A receipt of the chain: name, the address over two lines, the outlet line (or none), the phone line, a total. */
function slip(outlet: string | null): ReturnType<typeof receipt> {
  const lines: ReceiptLine[] = [
    [40, words("KEDAI MAKMUR SDN BHD", 150)],
    [80, words("LOT 12, JALAN MERANTI, TAMAN SERI", 80)],
    [110, words("43000 KAJANG, SELANGOR", 140)],
  ];
  let y = 140;
  if (outlet) {
    lines.push([y, words(outlet, 160)]);
    y += 30;
  }
  lines.push([y, words("TEL 03-8734 1100", 160)]);
  lines.push([y + 80, words("TOTAL RM 12.30", 20)]);
  return receipt(lines, { width: 600, height: 1000 });
}
const scalars = new Map([["vendor_address", "string"]]);
const engineRead = (text: string): RawExtraction => ({ fields: { vendor_address: { text, page: 0, wordIds: [] } } });
const taught = (docs: Array<[id: string, outlet: string | null]>) =>
  docs.reduce<SupplierMemory>((m, [id, outlet]) => remember(m, learnField(slip(outlet), "vendor_address", outlet ? `${BODY} ${outlet}` : BODY, 0, id)!), {
    entries: [],
  });

describe("an address whose last line (an outlet) varies between reviewed documents", () => {
  const memory = taught([
    ["a", "0217-TMN CEMPAKA"],
    ["b", "0388-BANDAR BARU"],
    ["c", "0388-BANDAR BARU"],
  ]);

  it("is remembered once: the lines every document printed, the last line optional", () => {
    const entries = memory.entries.filter((e) => e.field === "vendor_address");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ text: BODY, constant: true, tail: { lines: { "0217-TMN CEMPAKA": ["a"], "0388-BANDAR BARU": ["b", "c"] } } });
  });

  it("is read on another outlet's receipt with that outlet's line as printed, never accepted unreviewed", () => {
    const page = slip("0452-SRI PUTERI");
    const { raw, verdicts } = recall(page, scalars, memory, engineRead("LOT 12, JALAN MERANTI, TAMAN SERI"));
    expect(raw.fields.vendor_address).toMatchObject({ text: `${BODY} 0452-SRI PUTERI` });
    expect(verdicts[0]).toMatchObject({ kind: "picked", partial: true });
    const data = { vendor_address: { value: `${BODY} 0452-SRI PUTERI`, risk: 0.001 } as FieldValue };
    expect((adjustRisk(data, [], verdicts).data.vendor_address as FieldValue).risk!).toBeGreaterThanOrEqual(ACCEPT_RISK);
  });

  it("takes an outlet line the reviewers gave before as they spelled it", () => {
    const { raw, verdicts } = recall(slip("0388-BANDAR BARU"), scalars, memory, engineRead("TAMAN SERI 43000"));
    expect(raw.fields.vendor_address).toMatchObject({ text: `${BODY} 0388-BANDAR BARU` });
    expect(verdicts[0]).not.toMatchObject({ partial: true });
  });

  it("takes no line of another format (the phone line of a receipt printed without an outlet)", () => {
    const { raw, verdicts } = recall(slip(null), scalars, memory, engineRead("TAMAN SERI 43000"));
    expect(raw.fields.vendor_address).toMatchObject({ text: BODY });
    expect(verdicts[0]).toMatchObject({ partial: true });
  });

  it("follows the latest review: a line it left out is left out, a line it typed is taken again", () => {
    const stopped = taught([
      ["a", "0217-TMN CEMPAKA"],
      ["b", "0388-BANDAR BARU"],
      ["c", null],
    ]);
    expect(stopped.entries).toHaveLength(1);
    expect(recall(slip("0452-SRI PUTERI"), scalars, stopped, engineRead("TAMAN SERI 43000")).raw.fields.vendor_address).toMatchObject({ text: BODY });
    const started = taught([
      ["a", null],
      ["b", null],
      ["c", "0388-BANDAR BARU"],
    ]);
    expect(started.entries).toHaveLength(1);
    expect(recall(slip("0452-SRI PUTERI"), scalars, started, engineRead("TAMAN SERI 43000")).raw.fields.vendor_address).toMatchObject({
      text: `${BODY} 0452-SRI PUTERI`,
    });
  });
});

describe("an address one review gave with its outlet line, on another outlet's receipt", () => {
  it("is proposed with the page's outlet line, never the remembered one the page does not print, and never unreviewed", () => {
    // an outlet line a few letters apart from the remembered one: the whole address is found at the misread floor
    const once = taught([["a", "0217-TAMAN MAJU"]]);
    const { raw, verdicts } = recall(slip("0452-TMN MUDA"), scalars, once, engineRead("TAMAN SERI 43000"));
    expect(raw.fields.vendor_address).toMatchObject({ text: `${BODY} 0452-TMN MUDA` });
    expect(verdicts[0]).toMatchObject({ kind: "picked", partial: true });
    // the same outlet again: the remembered text as the reviewer gave it
    expect(recall(slip("0217-TAMAN MAJU"), scalars, once, engineRead("TAMAN SERI 43000")).raw.fields.vendor_address).toMatchObject({
      text: `${BODY} 0217-TAMAN MAJU`,
    });
  });
});
