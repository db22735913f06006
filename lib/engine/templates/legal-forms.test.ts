import { describe, expect, it } from "vitest";
import { hasLegalForm } from "./legal-forms";

describe("legal forms as data", () => {
  it("finds the legal forms of many countries", () => {
    for (const t of [
      "SIA Rimi Latvia",
      "UAB Maxima LT",
      "Kaubamaja OÜ",
      "Biedronka Sp. z o.o.",
      "Alza.cz a.s.",
      "Tesco s.r.o.",
      "Spar Magyarország Kft.",
      "Konzum d.o.o.",
      "Mercadona S.A.",
      "Esselunga S.p.A.",
      "Albert Heijn B.V.",
      "ICA Sverige AB",
      "Netto ApS",
      "Kesko Oyj",
      "Woolworths Pty Ltd",
      "Migros Ticaret A.Ş.",
      "株式会社ローソン",
      "주식회사 이마트",
      "全家便利商店股份有限公司",
      "Kiwi AS",
    ]) {
      expect(hasLegalForm(t), t).toBe(true);
    }
  });

  it("does not take ordinary words for legal forms", () => {
    for (const t of ["as agreed", "Thank you for shopping", "Maize balta", "Subtotal", "Casa", "Ableton"]) expect(hasLegalForm(t), t).toBe(false);
  });

  it("takes no form glued behind an apostrophe (a country's abbreviation), one after a space still", () => {
    expect(hasLegalForm("RINGGIT M'SIA")).toBe(false);
    expect(hasLegalForm("Made in M’sia")).toBe(false);
    expect(hasLegalForm("Berry's SIA")).toBe(true);
  });
});
