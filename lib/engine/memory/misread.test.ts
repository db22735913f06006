import { describe, expect, it } from "vitest";
import { ACCEPT_RISK, extractFromPages, type FieldValue } from "../index";
import { edit, first, second, third } from "./fixtures.test-helpers";
import { learnField, remember } from "./learn";
import { findText } from "./text";
import type { SupplierMemory } from "./types";

const ADDRESS = "978 QUEEN STREET LEEDS LS1 4AP UNITED KINGDOM";
const learn = (pages: typeof first, doc: string) => learnField(pages, "vendor_address", ADDRESS, 0, doc)!;
const once: SupplierMemory = remember({ entries: [] }, learn(first, "doc-1"));
const twice = remember(once, learn(second, "doc-2"));
// The supplier's next scan: the address where it always is, ten letters misread (similarity ≈ 0.74).
const misread = edit(third, { Queen: "Oveem", Street: "5treot", Leeds: "Lceds", United: "Umitcd", Kingdom: "Kimgdcm" });
// Another address at the same place: what a wrongly recognised supplier's page would print there.
const elsewhere = edit(third, { "978": "12", Queen: "Harbour", Street: "Road", Leeds: "Bristol", LS1: "BS1", "4AP": "5TT" });
const address = (d: Record<string, unknown>) => d.vendor_address as FieldValue;

describe("a supplier's constant text misread past recognition", () => {
  it("is not found by its letters alone", () => {
    expect(findText(misread, ADDRESS, 4)).toHaveLength(0);
  });

  it("is proposed as the reviewers spelled it where two reviews found it at this place, and never passes without review", async () => {
    const res = await extractFromPages(misread, { templateId: "invoice" }, { memory: twice, explain: true });
    expect(address(res.data).value).toBe(ADDRESS);
    expect(res.memoryVerdicts?.find((v) => v.path === "vendor_address")).toMatchObject({ kind: "picked", misread: true });
    expect(address(res.data).risk!).toBeGreaterThanOrEqual(ACCEPT_RISK);
    // located on the page all the same (the matcher's box, however poor the match)
    expect(address(res.data).bbox).not.toBeNull();
  });

  it("needs two reviews that gave it, and a page that prints something like it there", async () => {
    const one = await extractFromPages(misread, { templateId: "invoice" }, { memory: once });
    expect(address(one.data).value).not.toBe(ADDRESS);
    const other = await extractFromPages(elsewhere, { templateId: "invoice" }, { memory: twice, explain: true });
    expect(address(other.data).value).not.toBe(ADDRESS);
    // … and then the remembered address missing from its place doubts whatever the engine read there
    expect(other.memoryVerdicts?.find((v) => v.path === "vendor_address")).toMatchObject({ kind: "absent", support: 2 });
  });
});
