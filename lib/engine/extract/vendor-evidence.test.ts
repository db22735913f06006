import { describe, expect, it } from "vitest";
import { analyzePage } from "../layout/rows";
import { makePage } from "../layout/testing";
import { unitHeading, vendorCandidates } from "./vendor";
import { agreesWithDomain, domainLabels, footerNames } from "./vendor-evidence";

// A frozen till-receipt layout (made-up names): a logo word on top, the company line at the foot.
const receipt = analyzePage(
  makePage([
    { y: 40, runs: [["BRZK", 400]], h: 30 },
    { y: 90, runs: [["Hauptweg 12", 380]] },
    { y: 110, runs: [["12345 Musterstadt", 370]] },
    { y: 300, runs: [["MILCH 1,09 A", 300]] },
    { y: 330, runs: [["SUMME 1,09", 300]] },
    { y: 900, runs: [["Brezkauf GmbH & Co. KG, Musterstadt", 250]] },
    { y: 920, runs: [["Besuchen Sie uns: www.brezkauf.de", 250]] },
    { y: 940, runs: [["Sarl au capital de 10 000 EUR", 250]] },
  ]),
);

describe("the company line at the page's foot", () => {
  it("is the name up to its legal form, as a candidate of its own", () => {
    expect(footerNames(receipt.segments).map((s) => s.text)).toEqual(["Brezkauf GmbH & Co. KG"]);
    const cands = vendorCandidates(receipt, () => false);
    const foot = cands.find((c) => c.features.footer === 1);
    expect(foot?.seg.text).toBe("Brezkauf GmbH & Co. KG");
    expect(foot?.features.legal).toBe(1);
    // the line it was cut from is not a repeat of it
    expect(foot?.features.repeats).toBe(0);
    expect(cands.filter((c) => c.features.footer === 1)).toHaveLength(1);
  });

  it("agrees with the page's web domain", () => {
    expect(domainLabels(receipt.segments)).toEqual(["brezkauf"]);
    const foot = vendorCandidates(receipt, () => false).find((c) => c.features.footer === 1);
    expect(foot?.features.domain).toBe(1);
  });
});

describe("domain agreement", () => {
  it("reads the registrable label of web and e-mail domains", () => {
    const page = analyzePage(
      makePage([
        { y: 100, runs: [["WWW. nordpapier.com. my", 100]] },
        { y: 120, runs: [["info@kessel-werk.co.uk", 100]] },
      ]),
    );
    expect(domainLabels(page.segments).sort()).toEqual(["kesselwerk", "nordpapier"]);
  });

  it("matches the name's words run together or its first word, not any name", () => {
    expect(agreesWithDomain("NORD PAPIER CO. (M) SDN BHD", ["nordpapier"])).toBe(true);
    expect(agreesWithDomain("Kessel-Werk GmbH", ["kesselwerk"])).toBe(true);
    expect(agreesWithDomain("Nordpapier Handel", ["nordpapiershop"])).toBe(true);
    expect(agreesWithDomain("Nordhafen Handel", ["nordpapier"])).toBe(false);
    expect(agreesWithDomain("Brannik Trading", ["nordpapier"])).toBe(false);
    expect(agreesWithDomain("Nord", ["nordpapier"])).toBe(false);
  });
});

describe("the legal name under a brand heading", () => {
  it("marks the first company line and the heading above it", () => {
    const page = analyzePage(
      makePage([
        { y: 40, runs: [["Velmora Cafe", 380]], h: 30 },
        { y: 90, runs: [["Velmora Foods Sdn Bhd (123456-X)", 330]] },
        { y: 110, runs: [["NO 12, JALAN MERANTI 3,", 330]] },
      ]),
    );
    const cands = vendorCandidates(page, () => false);
    const byText = Object.fromEntries(cands.map((c) => [c.seg.text, c.features]));
    expect(byText["Velmora Cafe"]?.legal_later).toBe(1);
    expect(byText["Velmora Cafe"]?.first_legal).toBe(0);
    expect(byText["Velmora Foods Sdn Bhd (123456-X)"]?.first_legal).toBe(1);
    expect(byText["Velmora Foods Sdn Bhd (123456-X)"]?.legal_later).toBe(0);
  });
});

describe("a price column's heading", () => {
  it("is never a vendor candidate: a currency alone or a per-unit heading", () => {
    expect(unitHeading("EUR")).toBe(true);
    expect(unitHeading("EURO/kg")).toBe(true);
    expect(unitHeading("RM")).toBe(true);
    expect(unitHeading("€/Stk")).toBe(true);
    expect(unitHeading("AEON")).toBe(false);
    expect(unitHeading("Brezkauf GmbH")).toBe(false);
    const page = analyzePage(
      makePage([
        { y: 40, runs: [["EUR", 700]], h: 20 },
        { y: 70, runs: [["Brezkauf Markt", 300]] },
      ]),
    );
    expect(vendorCandidates(page, () => false).map((c) => c.seg.text)).toEqual(["Brezkauf Markt"]);
  });
});
