import { describe, expect, it } from "vitest";
import { findValue } from "./values";

const hit = (kind: Parameters<typeof findValue>[0], text: string) => {
  const h = findValue(kind, text);
  return h ? text.slice(h.start, h.end) : undefined;
};

describe("identifier spans", () => {
  it("reads a VAT id printed with dots between its digit groups", () => {
    expect(hit("vatid", "BTW-nr: NL1234.56.782.B01")).toBe("NL1234.56.782.B01");
    expect(hit("vatid", "USt-IdNr. DE 123 456 789")).toBe("DE 123 456 789");
  });

  it("takes no phone number out of a token glued to letters (a VAT id, an order code)", () => {
    expect(hit("phone", "BTW-nr: NL1234.56.782.B01")).toBeUndefined();
    expect(hit("phone", "Ref AB123.456.789X")).toBeUndefined();
    expect(hit("phone", "Tel. 020 760 4101")).toBe("020 760 4101");
    expect(hit("phone", "TEL03-7832 6929")).toBe("03-7832 6929");
    expect(hit("phone", "Tel:+31 20 760 4101")).toBe("+31 20 760 4101");
  });

  it("reads a national number: the trunk prefix 0 and an area code before one subscriber group", () => {
    expect(hit("phone", "Tel. 020 7604101")).toBe("020 7604101");
    expect(hit("phone", "03-60571377")).toBe("03-60571377");
    // no trunk prefix, or a group too short for a subscriber: a code or an amount, not a phone
    expect(hit("phone", "Ref 1234-567890")).toBeUndefined();
    expect(hit("phone", "Order 0012-345")).toBeUndefined();
    expect(hit("phone", "#001-1105624#")).toBeUndefined();
  });
});
