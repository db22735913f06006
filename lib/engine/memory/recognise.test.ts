import { describe, expect, it } from "vitest";
import { goldenPages } from "../__fixtures__/golden/load";
import type { Extractor } from "../extract/types";
import { extractFromPages, type FieldValue } from "../index";
import { edit, first, second, third } from "./fixtures.test-helpers";
import { letterhead, letterheadSimilarity } from "./identity";
import { learnField, learnPlaces, remember, rememberLetterhead } from "./learn";
import { punctuated } from "./punctuate";
import { findText, longestEditRun, minSimilarity, spelledAsPrinted } from "./text";
import { type FieldMemory, findSupplier, LETTERHEAD_MATCH, type SupplierMemory } from "./types";

const value = (d: Record<string, unknown>, k: string) => (d[k] as FieldValue).value;

describe("supplier memory across scans", () => {
  it("finds a remembered address over several printed lines despite misread letters, never a short text one letter off", () => {
    const misread = edit(first, { Queen: "Qveen", Kingdom: "Klngdom" });
    const hit = findText(misread, "978 QUEEN STREET LEEDS LS1 4AP UNITED KINGDOM", 4)[0];
    expect(hit).toBeDefined();
    expect(hit!.similarity).toBeLessThan(1);
    expect(hit!.similarity).toBeGreaterThanOrEqual(minSimilarity(33));
    expect(hit!.words.map((w) => w.text)).toEqual(expect.arrayContaining(["978", "Qveen", "Leeds", "Klngdom"]));
    expect(findText(misread, "Qveen", 1)[0]?.words[0]?.text).toBe("Qveen");
    expect(findText(misread, "Queen", 1)).toHaveLength(0);
  });

  it("proposes a supplier's name and address as the reviewers spelled them when a scan misreads a letter", async () => {
    let memory: SupplierMemory = { entries: [] };
    memory = remember(memory, learnField(first, "vendor", "GRANITE PEAK OFFICE GOODS LTD.", 0, "doc-1")!);
    memory = remember(memory, learnField(first, "vendor_address", "978 QUEEN STREET LEEDS LS1 4AP UNITED KINGDOM", 0, "doc-1")!);
    const scan = edit(third, { Granite: "Granlte", Queen: "Qveen" });
    const plain = await extractFromPages(scan, { templateId: "invoice" });
    expect(value(plain.data, "vendor")).not.toBe("GRANITE PEAK OFFICE GOODS LTD.");
    const res = await extractFromPages(scan, { templateId: "invoice" }, { memory });
    expect(value(res.data, "vendor")).toBe("GRANITE PEAK OFFICE GOODS LTD.");
    expect(value(res.data, "vendor_address")).toBe("978 QUEEN STREET LEEDS LS1 4AP UNITED KINGDOM");
    // located on the page all the same
    expect((res.data.vendor as FieldValue).bbox).not.toBeNull();
    expect((res.data.vendor_address as FieldValue).bbox).not.toBeNull();
  });

  it("a name spelled otherwise than printed (spacing, punctuation) is exact only once two reviews spelled it so", async () => {
    const once = remember({ entries: [] }, learnField(first, "vendor", "Granite Peak Office Goods Ltd", 0, "doc-1")!);
    const res1 = await extractFromPages(third, { templateId: "invoice" }, { memory: once, explain: true });
    expect(res1.memoryVerdicts?.find((v) => v.path === "vendor")).not.toMatchObject({ exact: true });
    const twice = remember(once, learnField(second, "vendor", "Granite Peak Office Goods Ltd", 0, "doc-2")!);
    const res2 = await extractFromPages(third, { templateId: "invoice" }, { memory: twice, explain: true });
    expect(res2.memoryVerdicts?.find((v) => v.path === "vendor")).toMatchObject({ exact: true });
    // spelled as printed: a confirmation once is enough (memory.test.ts)
    const asPrinted = findText(third, "Granite Peak Office Goods Ltd.", 2)[0]!;
    expect(spelledAsPrinted("GRANITE PEAK OFFICE GOODS LTD.", asPrinted.words)).toBe(true);
    expect(spelledAsPrinted("Granite Peak Office Goods Ltd", asPrinted.words)).toBe(false);
    expect(spelledAsPrinted("Granite PeakOffice Goods Ltd.", asPrinted.words)).toBe(false);
  });

  it("types the punctuation most reviews typed between two words of an address, not a minority's or the page's misread", () => {
    const entry = (text: string, texts: Record<string, number>): FieldMemory => ({
      field: "vendor_address",
      text,
      constant: true,
      texts,
      shape: "",
      label: null,
      offset: null,
      position: { x0: 0, x1: 1, cy: 0 },
      words: 5,
      documents: Object.keys(texts),
    });
    const entries = [
      entry("NO 8, JALAN 7/118B, DESA TUN RAZAK", { "NO 8, JALAN 7/118B, DESA TUN RAZAK": 2 }),
      entry("NO 8. JALAN 7/118B KL", { "NO 8. JALAN 7/118B KL": 1 }),
    ];
    expect(punctuated("NO 8. JALAN 7/118B. DESA TUN RAZAK\n56000 KUALA LUMPUR", entries)).toBe("NO 8, JALAN 7/118B, DESA TUN RAZAK\n56000 KUALA LUMPUR");
    // a tie changes nothing, nor do words the reviewers never typed side by side
    expect(punctuated("NO 8. JALAN", [entries[0]!, entry("NO 8. JALAN", { "NO 8. JALAN": 2 })])).toBe("NO 8. JALAN");
    expect(punctuated("KUALA. LUMPUR", entries)).toBe("KUALA. LUMPUR");
  });

  it("a reviewer's typo on one document is outvoted by the others", () => {
    let memory: SupplierMemory = { entries: [] };
    memory = remember(memory, learnField(first, "vendor", "Granite Peak Offce Goods Ltd.", 0, "doc-1")!);
    memory = remember(memory, learnField(first, "vendor", "Granite Peak Office Goods Ltd.", 0, "doc-2")!);
    memory = remember(memory, learnField(first, "vendor", "Granite Peak Office Goods Ltd.", 0, "doc-3")!);
    const vendor = memory.entries.filter((e) => e.field === "vendor");
    expect(vendor).toHaveLength(1);
    expect(vendor[0]!.text).toBe("Granite Peak Office Goods Ltd.");
    expect(vendor[0]!.constant).toBe(true);
  });

  it("applies the reviewers' capitals to a date printed in mixed case", async () => {
    const pages = edit(third, { "19/12/2026": "19 Dec 2026" });
    const taughtOn = edit(first, { "19/12/2026": "19 Dec 2026" });
    const memory = remember({ entries: [] }, learnField(taughtOn, "issue_date", "19 DEC 2026", 0, "doc-1")!);
    expect(memory.entries[0]!.casing).toBe("upper");
    const res = await extractFromPages(pages, { templateId: "invoice" }, { memory });
    expect(value(res.data, "issue_date")).toBe("19 DEC 2026");
  });

  it("recognises a supplier by its letterhead when the name is misread, and not another supplier who prints the same heading", () => {
    const ours = goldenPages("dev-001-0003");
    const theirs = goldenPages("dev-001-0000");
    const misread = edit(ours, { Granite: "Gran1te", Queen: "Qveen", Street: "Streat" });
    expect(letterheadSimilarity(letterhead(ours), letterhead(misread))).toBeGreaterThanOrEqual(LETTERHEAD_MATCH);
    expect(letterheadSimilarity(letterhead(ours), letterhead(theirs))).toBeLessThan(LETTERHEAD_MATCH / 2);
    const rows = [
      { keys: ["name:granitepeakofficegoodsltd", "name:invoice"], letterheads: rememberLetterhead({ entries: [] }, letterhead(ours)).letterheads! },
      { keys: ["name:krausebroeinrichtungkg"], letterheads: [letterhead(theirs)] },
    ];
    // the name read wrongly beyond a fuzzy match: the letterhead still names the supplier
    expect(findSupplier(rows, ["name:gran1tepeakoffxcegoodsitd"], letterhead(misread))).toBe(rows[0]);
    // a heading read as the name on another supplier's document does not pull in this supplier's memory
    expect(findSupplier(rows, ["name:invoice"], letterhead(theirs))).toBe(rows[1]);
    // without letterheads on both sides the name decides, as before
    expect(findSupplier(rows, ["name:invoice"])).toBe(rows[0]);
  });
});

describe("a remembered text that differs in a run of letters", () => {
  it("is another text (another branch's address), not a misread one", () => {
    // Five letters of 33 differ: similar enough for misreads, but all in one run.
    const branch = edit(first, { Queen: "Kings" });
    expect(findText(branch, "978 QUEEN STREET LEEDS LS1 4AP UNITED KINGDOM", 4)).toHaveLength(0);
    const misread = edit(first, { Queen: "Qveen", Street: "5treet" });
    expect(findText(misread, "978 QUEEN STREET LEEDS LS1 4AP UNITED KINGDOM", 4)).not.toHaveLength(0);
    expect(longestEditRun("queenstreet", [..."qveenstreat"])).toBe(1);
    expect(longestEditRun("queenstreet", [..."marketsquare"])).toBeGreaterThanOrEqual(4);
  });
});

describe("a value printed more than once", () => {
  it("teaches every place it is printed; the place that holds it on the next reviewed document wins", async () => {
    const twice = edit(first, { "550.00": "£5,664.36" });
    const places = learnPlaces(twice, "total", "£5,664.36", 0, "doc-1");
    expect(places.length).toBe(2);
    expect(new Set(places.map((p) => p.label)).size).toBe(2);
    let memory: SupplierMemory = { entries: [] };
    for (const p of places) memory = remember(memory, p);
    for (const p of learnPlaces(edit(first, { "£5,664.36": "£7,215.40" }), "total", "£7,215.40", 0, "doc-2")) memory = remember(memory, p);
    const totals = memory.entries.filter((e) => e.field === "total").sort((a, b) => b.documents.length - a.documents.length);
    expect(totals[0]!.documents).toEqual(["doc-1", "doc-2"]);
    expect(totals[0]!.label).toBe("kwotarazem");
    const res = await extractFromPages(third, { templateId: "invoice" }, { memory });
    expect(value(res.data, "total")).toBe("£98.10");
  });
});

describe("amounts one character apart", () => {
  it("a remembered place holding the twin of the engine's reading doubts it instead of overruling it", async () => {
    const rules = (await import("../extract/rules")).createRulesExtractor();
    const pick = (text: string): Extractor => ({
      name: "rules",
      extract: async (pages, fields) => {
        const word = pages[0]!.words.find((w) => w.text === text)!;
        return { fields: { ...(await rules.extract(pages, fields)).fields, total: { text, page: 0, wordIds: [word.id] } } };
      },
    });
    const memory = remember(
      remember({ entries: [] }, learnField(first, "total", "£5,664.36", 0, "doc-1")!),
      learnField(second, "total", "£7,215.40", 0, "doc-2")!,
    );
    // The engine reads a line amount that is the total's twin (one digit apart): memory doubts, the reading stays.
    const twin = await extractFromPages(edit(third, { "550.00": "£98.16" }), { templateId: "invoice" }, { extractor: pick("£98.16"), memory, explain: true });
    expect(value(twin.data, "total")).toBe("£98.16");
    expect(twin.memoryVerdicts?.find((v) => v.path === "total")?.kind).toBe("differs");
    // Another amount altogether: memory's place wins, and a person looks.
    const other = await extractFromPages(edit(third, { "550.00": "£12.34" }), { templateId: "invoice" }, { extractor: pick("£12.34"), memory, explain: true });
    expect(value(other.data, "total")).toBe("£98.10");
    expect(other.memoryVerdicts?.find((v) => v.path === "total")).toMatchObject({ kind: "picked", disagreed: true });
  });
});

describe("letterheads a chain's branches share", () => {
  it("weigh the company lines many suppliers print less than a branch's own lines", () => {
    const chain = ["kedaimakmurholdingssdnbhd", "taxinvoice"];
    const a = [...chain, "lot12jalanmerantitaman", "42100klangselangor", "tel0333421234"];
    const b = [...chain, "no8jalanbungaraya", "50100kualalumpur", "tel0320781122"];
    const rows = [
      { keys: ["name:kedaimakmurklang"], letterheads: [a] },
      { keys: ["name:kedaimakmurkl"], letterheads: [b] },
    ];
    // A third branch the space has not reviewed yet: the company lines alone name neither branch.
    const c = [...chain, "23jalanpasarbesar", "30000ipohperak", "tel052549876"];
    // (unweighted, the shared lines alone would pass for branch a's letterhead)
    expect(letterheadSimilarity(c, a)).toBeGreaterThanOrEqual(LETTERHEAD_MATCH);
    expect(findSupplier(rows, ["name:kedaimakmurholdingssdnbhd"], c)).toBeUndefined();
    // A branch's own document, its address misread, is still that branch.
    const misread = [...chain, "no8jalanbungaroya", "5o100kualalumpur", "tel0320781122"];
    expect(findSupplier(rows, ["name:kedaimakmurholdingssdnbhd"], misread)).toBe(rows[1]);
  });
});
