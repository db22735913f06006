import { describe, expect, it } from "vitest";
import { ACCEPT_RISK, extractFromPages, type FieldValue } from "../index";
import { edit, first, second, third } from "./fixtures.test-helpers";
import { learnField, remember } from "./learn";
import { reformat } from "./reformat";
import type { SupplierMemory } from "./types";

describe("a date or amount whose format OCR misread at the remembered place", () => {
  it("takes the remembered format around the page's own digits", () => {
    expect(reformat("1931", "94.19", "number")).toBe("19.31");
    expect(reformat("1931", "RM 94.19", "number")).toBe("19.31");
    expect(reformat("05/@8/2017", "27/07/2017", "date")).toBe("05/08/2017");
    expect(reformat("0309/2017", "27/07/2017", "date")).toBe("03/09/2017");
  });

  it("leaves what is not that format misread: a reading with its own separators, other digits, a word, a date no calendar has", () => {
    expect(reformat("19.31", "94.19", "number")).toBeUndefined();
    expect(reformat("19,31", "94.19", "number")).toBeUndefined();
    expect(reformat("27/07/2017", "27/07/2017", "date")).toBeUndefined();
    expect(reformat("16/09/:017", "27/07/2017", "date")).toBeUndefined();
    expect(reformat("BOSS", "94.19", "number")).toBeUndefined();
    expect(reformat("45/13/2017", "27/07/2017", "date")).toBeUndefined();
    expect(reformat("1931", "1,094.19", "number")).toBeUndefined();
  });
});

// The supplier's totals printed without grouping, so their format is "9.9" (the fixture's are "9,9.9").
const plainTotals = (pages: typeof first, total: string) => edit(pages, { "£5,664.36": total, "£7,215.40": total, "£98.10": total });
const total = (d: Record<string, unknown>) => d.total as FieldValue;

describe("memory and a total read without its decimal mark", () => {
  const memory: SupplierMemory = [
    learnField(plainTotals(first, "£564.36"), "total", "564.36", 0, "doc-1")!,
    learnField(plainTotals(second, "£215.40"), "total", "215.40", 0, "doc-2")!,
  ].reduce((m, e) => remember(m, e), { entries: [] } as SupplierMemory);

  it("is proposed with the remembered decimals at the remembered label, and never passes without review", async () => {
    const res = await extractFromPages(plainTotals(third, "9810"), { templateId: "invoice" }, { memory, explain: true });
    expect(total(res.data).value).toBe("98.10");
    expect(res.memoryVerdicts?.find((v) => v.path === "total")).toMatchObject({ kind: "picked", misread: true });
    expect(total(res.data).risk!).toBeGreaterThanOrEqual(ACCEPT_RISK);
    expect(total(res.data).bbox).not.toBeNull();
  });

  it("a total printed in the remembered format is taken as printed", async () => {
    const res = await extractFromPages(plainTotals(third, "98.10"), { templateId: "invoice" }, { memory, explain: true });
    expect(total(res.data).value).toBe("98.10");
    expect(res.memoryVerdicts?.find((v) => v.path === "total")).not.toMatchObject({ misread: true });
  });
});
