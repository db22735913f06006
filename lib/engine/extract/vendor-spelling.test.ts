import { describe, expect, it } from "vitest";
import { analyzePage, type PageLayout } from "../layout/rows";
import { makePage } from "../layout/testing";
import type { Picked } from "./parties";
import { pickVendor } from "./vendor";
import { spelledAsElsewhere, tradeWordSpelling } from "./vendor-spelling";

// Frozen receipt tops (made-up names): the name's line and the address that prints a word of it again.
function page(name: string, address: string, conf: Record<string, number>): PageLayout {
  const p = makePage([
    { y: 100, runs: [[name, 200]], h: 18 },
    { y: 124, runs: [["(765432-K)", 300]] },
    { y: 144, runs: [[address, 200]] },
    { y: 164, runs: [["55100 KUALA LUMPUR", 200]] },
  ]);
  for (const w of p.words) w.conf = conf[w.text] ?? 0.96;
  return analyzePage(p);
}
const nameOf = (layout: PageLayout): Picked => {
  const seg = layout.segments.find((s) => s.row === 0)!;
  return { text: seg.text, page: 0, segs: [seg], score: 1 };
};

describe("a word of the name the page prints again", () => {
  it("takes the sure print's spelling when the name's word is unsure and one letter off", () => {
    const layout = page("KELDARA CO. (M) BHD.", "3RD FLR, KELVARA TAMAN SC", { KELDARA: 0.55 });
    const got = spelledAsElsewhere(layout, nameOf(layout));
    expect(got.text).toBe("KELVARA CO. (M) BHD.");
    // not what the name's line says: never auto-accepted
    expect(got.repaired).toBe(true);
  });

  it("keeps the name's case pattern", () => {
    const layout = page("Keldara Trading Sdn Bhd", "LOT 3, JALAN KELVARA 2", { Keldara: 0.6 });
    expect(spelledAsElsewhere(layout, nameOf(layout)).text).toBe("Kelvara Trading Sdn Bhd");
  });

  it("leaves a sure word, a short word, a spelling the page repeats and an ambiguous fix alone", () => {
    const sure = page("KELDARA CO. (M) BHD.", "3RD FLR, KELVARA TAMAN SC", { KELDARA: 0.95 });
    expect(spelledAsElsewhere(sure, nameOf(sure)).repaired).toBeUndefined();
    const short = page("BAR HUB SDN BHD", "LOT 3, BAY 12, JALAN 2", { BAR: 0.5 });
    expect(spelledAsElsewhere(short, nameOf(short)).text).toBe("BAR HUB SDN BHD");
    const repeated = page("KELDARA CO. (M) BHD.", "KELDARA KELVARA TAMAN SC", { KELDARA: 0.5 });
    expect(spelledAsElsewhere(repeated, nameOf(repeated)).text).toBe("KELDARA CO. (M) BHD.");
    const two = page("KELDARA CO. (M) BHD.", "KELVARA KELMARA TAMAN SC", { KELDARA: 0.5 });
    expect(spelledAsElsewhere(two, nameOf(two)).text).toBe("KELDARA CO. (M) BHD.");
  });

  it("is applied to the vendor the page's ranking picks", () => {
    const layout = page("KELDARA CO. (M) BHD.", "3RD FLR, KELVARA TAMAN SC", { KELDARA: 0.55 });
    const got = pickVendor(layout, () => false);
    expect(got).toMatchObject({ text: "KELVARA CO. (M) BHD.", repaired: true });
  });
});

describe("the trade word in front of the closing legal form", () => {
  const picked = (text: string, conf: Record<string, number>): Picked => {
    const layout = page(text, "LOT 3, JALAN 2", conf);
    return nameOf(layout);
  };

  it("takes the one trade word of the lexicon one character away from an unsure reading", () => {
    const got = tradeWordSpelling(picked("88 QUIKO MARI S/B", { MARI: 0.6 }));
    expect(got).toMatchObject({ text: "88 QUIKO MART S/B", repaired: true });
    expect(tradeWordSpelling(picked("Velmora Bakeny Sdn Bhd", { Bakeny: 0.5 })).text).toBe("Velmora Bakery Sdn Bhd");
    expect(tradeWordSpelling(picked("88 QUIKO M9RT S/B", { M9RT: 0.4 })).text).toBe("88 QUIKO MART S/B");
  });

  it("leaves a sure reading, a lexicon word, a word elsewhere in the name and a name without a legal form alone", () => {
    expect(tradeWordSpelling(picked("88 QUIKO MARI S/B", { MARI: 0.95 })).repaired).toBeUndefined();
    expect(tradeWordSpelling(picked("88 QUIKO MART S/B", { MART: 0.5 })).repaired).toBeUndefined();
    expect(tradeWordSpelling(picked("MARI QUIKO S/B", { MARI: 0.5, QUIKO: 0.99 })).text).toBe("MARI QUIKO S/B");
    expect(tradeWordSpelling(picked("88 QUIKO MARI", { MARI: 0.5 })).text).toBe("88 QUIKO MARI");
  });
});
