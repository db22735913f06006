import { describe, expect, it } from "vitest";
import { makePage } from "../layout/testing";
import { getTemplate } from "../templates";
import type { FieldSpec } from "../types";
import { createRulesExtractor, hintFor } from "./rules";
import type { RawValue } from "./types";

const text = (v: unknown) => (v as RawValue | null)?.text;

describe("rules extractor", () => {
  const page = makePage([
    { y: 40, runs: [["Acme Widgets Ltd.", 60]], h: 20 },
    {
      y: 70,
      runs: [
        ["12 High Street", 60],
        ["Invoice No:", 600],
        ["INV-2049", 760],
      ],
    },
    {
      y: 85,
      runs: [
        ["London EC1A 1BB", 60],
        ["Date:", 600],
        ["21/11/2026", 760],
      ],
    },
    {
      y: 100,
      runs: [
        ["PO #", 600],
        ["4500012345", 760],
      ],
    },
    { y: 140, runs: [["Bill To", 60]] },
    { y: 155, runs: [["Globex GmbH", 60]] },
    { y: 170, runs: [["Hauptstraße 1", 60]] },
    { y: 185, runs: [["10115 Berlin", 60]] },
    {
      y: 240,
      runs: [
        ["Description", 60],
        ["Qty", 500],
        ["Unit Price", 620],
        ["Amount", 800],
      ],
    },
    {
      y: 260,
      runs: [
        ["Consulting", 60],
        ["2", 500],
        ["100.00", 620],
        ["200.00", 800],
      ],
    },
    {
      y: 280,
      runs: [
        ["Travel", 60],
        ["1", 500],
        ["40.00", 620],
        ["40.00", 800],
      ],
    },
    {
      y: 320,
      runs: [
        ["Subtotal", 620],
        ["£240.00", 800],
      ],
    },
    {
      y: 340,
      runs: [
        ["VAT 20%", 620],
        ["£48.00", 800],
      ],
    },
    {
      y: 360,
      runs: [
        ["Total", 620],
        ["£288.00", 800],
      ],
    },
    {
      y: 380,
      runs: [
        ["Total (USD)", 620],
        ["$365.00", 800],
      ],
    },
  ]);

  it("extracts template fields verbatim with word-id hints", async () => {
    const out = await createRulesExtractor().extract([page], getTemplate("invoice")?.fields ?? []);
    expect(text(out.fields.vendor)).toBe("Acme Widgets Ltd.");
    expect(text(out.fields.vendor_address)).toBe("12 High Street\nLondon EC1A 1BB");
    expect(text(out.fields.invoice_number)).toBe("INV-2049");
    expect(text(out.fields.issue_date)).toBe("21/11/2026");
    expect(text(out.fields.order_number)).toBe("4500012345");
    expect(text(out.fields.customer)).toBe("Globex GmbH");
    expect(text(out.fields.customer_address)).toBe("Hauptstraße 1\n10115 Berlin");
    expect(text(out.fields.subtotal)).toBe("£240.00");
    expect(text(out.fields.tax)).toBe("£48.00");
    expect(text(out.fields.tax_rate)).toBe("20%");
    // The total consistent with subtotal + tax wins over the other "Total".
    expect(text(out.fields.total)).toBe("£288.00");
    expect(text(out.fields.currency)).toBe("GBP");
    // GBP is not printed: it is inferred from the total's "£", which the value carries for the matcher.
    expect((out.fields.currency as RawValue).inferredFrom?.text).toBe("£");
    expect((out.fields.total as RawValue).wordIds?.length).toBe(1);
    const items = out.fields.line_items as { cells: Record<string, RawValue | null> }[];
    expect(items.map((r) => [r.cells.description?.text, r.cells.quantity?.text, r.cells.unit_price?.text, r.cells.amount?.text])).toEqual([
      ["Consulting", "2", "100.00", "200.00"],
      ["Travel", "1", "40.00", "40.00"],
    ]);
  });

  it("gives no single tax rate for a page taxed at two rates", async () => {
    const taxed = (rows: [string, string][]) =>
      makePage([
        { y: 40, runs: [["株式会社北斗物流", 60]], h: 20 },
        ...rows.map(([label, amount], i) => ({
          y: 300 + 20 * i,
          runs: [
            [label, 620],
            [amount, 800],
          ] as [string, number][],
        })),
      ]);
    const fields = getTemplate("invoice")?.fields ?? [];
    const two = await createRulesExtractor().extract(
      [
        taxed([
          ["小計", "¥676,200"],
          ["消費税(10%)", "¥64,080"],
          ["消費税(8%軽減)", "¥2,832"],
          ["合計", "¥743,112"],
        ]),
      ],
      fields,
    );
    expect(text(two.fields.tax_8)).toBe("¥2,832");
    expect(two.fields.tax_rate).toBeNull();
    const de = (rows: [string, string][]) => createRulesExtractor().extract([taxed(rows)], fields);
    const one = await de([
      ["Netto", "100,00 €"],
      ["MwSt 19 %", "19,00 €"],
      ["Gesamt", "119,00 €"],
    ]);
    expect(text(one.fields.tax_rate)).toBe("19 %");
    const mixed = await de([
      ["Netto", "200,00 €"],
      ["MwSt 19 %", "19,00 €"],
      ["MwSt 7 %", "7,00 €"],
      ["Gesamt", "226,00 €"],
    ]);
    expect(mixed.fields.tax_rate).toBeNull();
  });

  it("honours custom fields through their name and description", async () => {
    const fields: FieldSpec[] = [
      { name: "po_number", type: "string", description: "purchase order number" },
      { name: "grand_total", type: "number", description: "total amount" },
      { name: "shoe_size", type: "string", description: "customer's shoe size" },
    ];
    const out = await createRulesExtractor().extract([page], fields);
    expect(text(out.fields.po_number)).toBe("4500012345");
    expect(text(out.fields.grand_total)).toMatch(/^(£288\.00|\$365\.00)$/);
    expect(out.fields.shoe_size).toBeNull();
  });

  it("reads parties from section blocks and German sums, with arithmetic choosing the total", async () => {
    const de = makePage([
      { y: 40, runs: [["Handelsrechnung (380) Nr. 471102 vom 05.06.2018", 80]] },
      { y: 80, runs: [["Verkäufer:", 80]] },
      { y: 95, runs: [["Globale Nummer: 4000001123452", 80]] },
      { y: 110, runs: [["Lieferant GmbH", 80]] },
      { y: 125, runs: [["Lieferantenstraße 20", 80]] },
      { y: 160, runs: [["Käufer/Leistungsempfänger:", 80]] },
      {
        y: 175,
        runs: [
          ["Nummer", 80],
          [": GE2020211", 260],
        ],
      },
      { y: 190, runs: [["Kunden AG Mitte", 80]] },
      {
        y: 300,
        runs: [
          ["Rechnungssumme ohne USt.", 350],
          ["177,49", 850],
        ],
      },
      {
        y: 320,
        runs: [
          ["Umsatzsteuer (S)", 100],
          ["113,03", 600],
          ["7,91", 850],
        ],
      },
      {
        y: 340,
        runs: [
          ["Steuerbetrag", 350],
          ["20,16", 850],
        ],
      },
      {
        y: 360,
        runs: [
          ["Bruttosumme", 350],
          ["197,65", 850],
        ],
      },
    ]);
    const out = await createRulesExtractor().extract([de], getTemplate("invoice")?.fields ?? []);
    expect(text(out.fields.invoice_number)).toBe("471102");
    expect(text(out.fields.vendor)).toBe("Lieferant GmbH");
    expect(text(out.fields.customer)).toBe("Kunden AG Mitte");
    expect([text(out.fields.subtotal), text(out.fields.tax), text(out.fields.total)]).toEqual(["177,49", "20,16", "197,65"]);
  });

  it("takes an unlabelled BIC only beside the bank details, never a capitalised heading", async () => {
    const fields: FieldSpec[] = [{ name: "bic", type: "string" }];
    const heading = makePage([
      {
        y: 40,
        runs: [
          ["CUSTOMER ID", 60],
          ["DUE DATE", 600],
        ],
      },
      {
        y: 60,
        runs: [
          ["C-94720", 60],
          ["2025-03-26", 600],
        ],
      },
      {
        y: 200,
        runs: [
          ["DESCRIPTION", 60],
          ["AMOUNT", 800],
        ],
      },
    ]);
    expect((await createRulesExtractor().extract([heading], fields)).fields.bic).toBeNull();
    const bank = makePage([
      { y: 40, runs: [["Deutsche Kreditbank", 60]] },
      { y: 60, runs: [["DE89 3704 0044 0532 0130 00", 60]] },
      { y: 80, runs: [["GENODEF1M04", 60]] },
    ]);
    expect(text((await createRulesExtractor().extract([bank], fields)).fields.bic)).toBe("GENODEF1M04");
  });

  it("does not take a bank account for the customer number", async () => {
    const fields: FieldSpec[] = [{ name: "customer_number", type: "string" }];
    const bank = makePage([
      {
        y: 600,
        runs: [
          ["PAYMENT", 60],
          ["CONTACT", 300],
        ],
      },
      {
        y: 615,
        runs: [
          ["Account 8261201298", 60],
          ["(470) 747-2482", 300],
        ],
      },
      { y: 700, runs: [["Routing: 425185729 Account: 7468888197", 60]] },
      { y: 800, runs: [["PAYMENT TERMS", 60]] },
      { y: 815, runs: [["Payment is due by the due date shown above.", 60]] },
      { y: 830, runs: [["Account: 88473985", 60]] },
    ]);
    expect((await createRulesExtractor().extract([bank], fields)).fields.customer_number).toBeNull();
    const header = makePage([
      {
        y: 80,
        runs: [
          ["Invoice Date", 600],
          ["2025-12-03", 760],
        ],
      },
      {
        y: 95,
        runs: [
          ["Account No", 600],
          ["C-94720", 760],
        ],
      },
    ]);
    expect(text((await createRulesExtractor().extract([header], fields)).fields.customer_number)).toBe("C-94720");
  });

  it("keeps advice sentences under a PAYMENT TERMS heading and house numbers out of terms and dates", async () => {
    const fields: FieldSpec[] = [
      { name: "payment_terms", type: "string" },
      { name: "issue_date", type: "date" },
    ];
    const advice = makePage([
      { y: 460, runs: [["PAYMENT TERMS", 60]] },
      { y: 478, runs: [["Payment is due by the due date shown above.", 60]] },
      { y: 520, runs: [["〒600-8216 京都府京都市下京区東塩小路町 6-25-17", 60]] },
    ]);
    const out = (await createRulesExtractor().extract([advice], fields)).fields;
    expect(out.payment_terms).toBeNull();
    expect(out.issue_date).toBeNull();
    const terms = makePage([
      {
        y: 460,
        runs: [
          ["Payment Terms:", 60],
          ["Net 30", 300],
        ],
      },
    ]);
    expect(text((await createRulesExtractor().extract([terms], fields)).fields.payment_terms)).toBe("Net 30");
  });

  it("drops a logo letter read in front of the vendor name and restores a misread 〒", async () => {
    const page = makePage([
      { y: 40, runs: [["m Müller Büroeinrichtung GmbH", 470]], h: 13 },
      { y: 120, runs: [["7812-0011 福岡県福岡市博多区博多駅前8-18-8", 60]] },
      { y: 135, runs: [["株式会社山本建設 御中", 60]] },
    ]);
    // The "m" is a logo: three times the name's height and unsure.
    const logo = page.words[0]!;
    logo.box = { ...logo.box, y0: 30, y1: 70 };
    logo.conf = 0.4;
    const out = await createRulesExtractor().extract([page], [{ name: "vendor", type: "string" }]);
    expect(text(out.fields.vendor)).toBe("Müller Büroeinrichtung GmbH");
    expect((out.fields.vendor as RawValue).wordIds).not.toContain(logo.id);
    const { joinLines } = await import("./parties");
    const { analyzePage } = await import("../layout/rows");
    const seg = analyzePage(page).segments.find((s) => s.text.startsWith("7812"))!;
    expect(joinLines([[seg]])).toBe("〒812-0011 福岡県福岡市博多区博多駅前8-18-8");
  });

  it("reads a receipt's vendor past address fragments, registration lines and column headings", async () => {
    const fields: FieldSpec[] = [{ name: "vendor", type: "string" }];
    const aeon = makePage([
      { y: 60, runs: [["AEON CO. (M) BHD. (126926-H)", 200]] },
      { y: 90, runs: [["3 FLOOR, AEON TAMAN MALURI SC", 180]] },
      { y: 200, runs: [["SHOPPING HOURS", 330]], h: 16 },
    ]);
    expect(text((await createRulesExtractor().extract([aeon], fields)).fields.vendor)).toBe("AEON CO. (M) BHD.");
    const gin = makePage([
      { y: 110, runs: [["SYARIKAT PERNIAGAAN GIN KEE", 110]] },
      { y: 170, runs: [["NO 290, JALAN AIR PANAS,", 270]] },
      { y: 190, runs: [["SETAPAK,", 420]], h: 24 },
      { y: 220, runs: [["(GST Reg No.", 160]], h: 20 },
      { y: 250, runs: [["Amount", 700]], h: 20 },
    ]);
    expect(text((await createRulesExtractor().extract([gin], fields)).fields.vendor)).toBe("SYARIKAT PERNIAGAAN GIN KEE");
    const note = makePage([
      { y: 60, runs: [["納品書", 60]], h: 20 },
      { y: 140, runs: [["下記の通り納品いたしました。", 60]] },
      {
        y: 200,
        runs: [
          ["商品コード", 60],
          ["商品名", 200],
        ],
        h: 14,
      },
      {
        y: 263,
        runs: [
          ["3", 82],
          ["S-0532", 117],
          ["オフィスチェア", 205],
          ["5", 529],
          ["58,000", 664],
          ["290,000", 768],
        ],
        h: 14,
      },
    ]);
    expect((await createRulesExtractor().extract([note], fields)).fields.vendor).toBeNull();
  });

  it("reads a receipt total framed in brackets as a positive amount that cash minus change confirms", async () => {
    const page = makePage([
      {
        y: 590,
        runs: [
          ["Total Sales (Excluding GST)", 150],
          ["45.00", 700],
        ],
      },
      {
        y: 635,
        runs: [
          ["Total GST", 430],
          ["2.70", 730],
        ],
      },
      { y: 690, runs: [["Total Sales (Inclusive of GST) : ( 47.70)", 95]] },
      {
        y: 735,
        runs: [
          ["CASH :", 480],
          ["47.70", 700],
        ],
      },
      {
        y: 760,
        runs: [
          ["Change :", 450],
          ["0.00", 720],
        ],
      },
      {
        y: 900,
        runs: [
          ["Total :", 310],
          ["45.00", 530],
          ["2.70", 760],
        ],
      },
    ]);
    const out = await createRulesExtractor().extract([page], getTemplate("receipt")?.fields ?? []);
    expect(text(out.fields.total)).toBe("47.70");
    expect(text(out.fields.subtotal)).toBe("45.00");
  });

  it("drops a title word after the vendor name and never takes a date for an order number", async () => {
    const page = makePage([
      { y: 80, runs: [["Amazon Web Services Invoice", 420]], h: 16 },
      { y: 108, runs: [["Order ID: OD304175096047380001", 14]] },
      { y: 129, runs: [["Order Date: 15-10-2015", 14]] },
    ]);
    const fields: FieldSpec[] = [
      { name: "vendor", type: "string" },
      { name: "order_number", type: "string" },
    ];
    const out = await createRulesExtractor().extract([page], fields);
    expect(text(out.fields.vendor)).toBe("Amazon Web Services");
    expect(text(out.fields.order_number)).toBe("OD304175096047380001");
    const title = makePage([
      { y: 40, runs: [["FACTUUR.", 60]], h: 20 },
      { y: 80, runs: [["Coolblue B.V.", 60]] },
    ]);
    expect(text((await createRulesExtractor().extract([title], fields)).fields.vendor)).toBe("Coolblue B.V.");
  });

  it("reads the number after 'Nr.' past a bracketed type code, and the issue date from the title line", async () => {
    const page = makePage([
      { y: 40, runs: [["Stylesheet ZUGFeRD-Version: 2.1 vom 24.03.2020", 70]] },
      { y: 61, runs: [["Gutschrift (Selbst ausgestellte Rechnung) (389) Nr. 47110818 vom 31.10.2018", 100]] },
      {
        y: 580,
        runs: [
          ["Bemerkung", 100],
          ["Rechnung gemäß Bestellung vom 01.03.2018.", 300],
        ],
      },
    ]);
    const fields: FieldSpec[] = [
      { name: "invoice_number", type: "string" },
      { name: "issue_date", type: "date" },
    ];
    const out = await createRulesExtractor().extract([page], fields);
    expect(text(out.fields.invoice_number)).toBe("47110818");
    expect(text(out.fields.issue_date)).toBe("31.10.2018");
  });

  it("takes the Dutch net amount as subtotal when 'Subtotaal' prints the gross", async () => {
    const page = makePage([
      {
        y: 690,
        runs: [
          ["Exclusief BTW", 105],
          ["€ 593,36", 248],
          ["Subtotaal", 716],
          ["€ 717,97", 871],
        ],
      },
      {
        y: 703,
        runs: [
          ["BTW 21%", 136],
          ["€ 124,61", 248],
        ],
      },
      {
        y: 716,
        runs: [
          ["Totaal", 734],
          ["€ 717,97", 871],
        ],
      },
    ]);
    const out = await createRulesExtractor().extract([page], getTemplate("invoice")?.fields ?? []);
    expect([text(out.fields.subtotal), text(out.fields.tax), text(out.fields.total)]).toEqual(["€ 593,36", "€ 124,61", "€ 717,97"]);
  });

  it("drops two logo letters before the vendor and reads the recipient under a sender line separated by ' . '", async () => {
    const page = makePage([
      { y: 47, runs: [["r y Köhler Druckerei GmbH", 526]], h: 14 },
      { y: 121, runs: [["Köhler Druckerei GmbH - Lindenallee 96 . 20095 Hamburg", 97]], h: 8 },
      { y: 145, runs: [["Praxis Talblick", 97]] },
      { y: 161, runs: [["z. Hd. Frau Hofmann", 96]] },
      { y: 170, runs: [["Bahnhofstraße 91", 97]] },
      { y: 185, runs: [["10115 Berlin", 98]] },
    ]);
    for (const [i, h] of [
      [0, 26],
      [1, 35],
    ] as const) {
      const w = page.words[i]!;
      w.box = { ...w.box, y0: 47 - (h - 14) / 2, y1: 47 + 14 + (h - 14) / 2 };
    }
    const out = await createRulesExtractor().extract([page], getTemplate("invoice")?.fields ?? []);
    expect(text(out.fields.vendor)).toBe("Köhler Druckerei GmbH");
    expect(text(out.fields.customer)).toBe("Praxis Talblick");
    expect(text(out.fields.customer_address)).toBe("Bahnhofstraße 91\n10115 Berlin");
  });

  it("reads a letter-spaced heading whose last word stands apart ('FACTURÉ   À')", async () => {
    const page = makePage([
      {
        y: 48,
        runs: [
          ["Lefèvre Informatique SA", 65],
          ["FACTURE", 737],
        ],
        h: 16,
      },
      {
        y: 168,
        runs: [
          ["FACTURÉ", 579],
          ["À", 657],
        ],
      },
      { y: 184, runs: [["Garage La Source", 579]] },
      { y: 215, runs: [["116 rue du Château", 579]] },
      { y: 230, runs: [["06000 Nice", 579]] },
      { y: 245, runs: [["N", 579]] },
    ]);
    const out = await createRulesExtractor().extract([page], getTemplate("invoice")?.fields ?? []);
    expect(text(out.fields.customer)).toBe("Garage La Source");
    expect(text(out.fields.customer_address)).toBe("116 rue du Château\n06000 Nice");
  });

  it("finds the address under a vendor name set larger than the body text", async () => {
    const page = makePage([
      {
        y: 47,
        runs: [
          ["Girard Fournitures SASU", 64],
          ["FACTURE", 740],
        ],
        h: 11,
      },
      { y: 71, runs: [["18 boulevard Voltaire", 65]], h: 7 },
      { y: 75, runs: [["N° FA-202508-233", 811]], h: 7 },
      { y: 84, runs: [["34000 Montpellier", 64]], h: 7 },
      { y: 97, runs: [["Tél. : 03 65 57 41 08", 63]], h: 7 },
      { y: 120, runs: [["a b c d e f", 63]], h: 7 },
    ]);
    const out = await createRulesExtractor().extract([page], getTemplate("invoice")?.fields ?? []);
    expect(text(out.fields.vendor_address)).toBe("18 boulevard Voltaire\n34000 Montpellier");
  });

  it("reads a centred receipt address line the OCR cut at a wide gap", async () => {
    const page = makePage([
      { y: 38, runs: [["Corner Bean Food Hall & Coffee Roasters", 240]], h: 22 },
      {
        y: 79,
        runs: [
          ["964 Park Avenue,", 280],
          ["Suite 627", 420],
        ],
      },
      { y: 110, runs: [["Glasgow G1 3SL", 344]] },
      { y: 141, runs: [["United Kingdom", 344]] },
    ]);
    const out = await createRulesExtractor().extract([page], getTemplate("receipt")?.fields ?? []);
    expect(text(out.fields.vendor_address)).toBe("964 Park Avenue, Suite 627\nGlasgow G1 3SL\nUnited Kingdom");
  });

  it("restores IBAN check digits OCR read as letters when mod-97 confirms them, and nothing else", async () => {
    const fields: FieldSpec[] = [{ name: "iban", type: "string" }];
    const page = makePage([{ y: 945, runs: [["IBAN: DES2 0338 1652 3298 8169 60", 760]] }]);
    expect(text((await createRulesExtractor().extract([page], fields)).fields.iban)).toBe("DE82 0338 1652 3298 8169 60");
    const wrong = makePage([{ y: 945, runs: [["IBAN: DES2 0338 1652 3298 8169 61", 760]] }]);
    expect((await createRulesExtractor().extract([wrong], fields)).fields.iban).toBeNull();
  });

  it("reads a value the OCR seated on a baseline a few units off its label's", async () => {
    const page = makePage([
      { y: 107, runs: [["Échéance", 759]] },
      { y: 113, runs: [[": 3 mars 2024", 835]] },
    ]);
    const out = await createRulesExtractor().extract([page], [{ name: "due_date", type: "date" }]);
    expect(text(out.fields.due_date)).toBe("3 mars 2024");
  });

  it("takes a receipt's first date over a card expiry, even when day and month could swap", async () => {
    const page = makePage([
      {
        y: 254,
        runs: [
          ["01/03/18 19:14", 44],
          ["Slip No.: 0010104733", 445],
        ],
      },
      { y: 328, runs: [["Card Expiry: 30/09/18", 163]] },
    ]);
    const out = await createRulesExtractor().extract([page], [{ name: "issue_date", type: "date" }]);
    expect(text(out.fields.issue_date)).toBe("01/03/18");
  });

  it("takes the ranking's date when the rules read none: a receipt's day-month-year of two-digit year beside the time", async () => {
    const page = makePage([
      { y: 40, runs: [["KEDAI RUNCIT MAJU", 60]], h: 16 },
      {
        y: 300,
        runs: [
          ["TOTAL", 60],
          ["RM 45.00", 400],
        ],
      },
      {
        y: 790,
        runs: [
          ["12-03-18 14:37 SH02 B011", 44],
          ["T1 R000183898", 400],
        ],
      },
    ]);
    const out = await createRulesExtractor().extract([page], [{ name: "issue_date", type: "date" }]);
    expect(text(out.fields.issue_date)).toBe("12-03-18");
    // not for a field a document may lack (a due date), and never from an address line (the test above)
    const due = await createRulesExtractor().extract([page], [{ name: "due_date", type: "date" }]);
    expect(due.fields.due_date).toBeNull();
  });

  it("derives hints for unknown fields from their words", () => {
    expect(hintFor({ name: "po_number", type: "string", description: "purchase order number" }).kind).toBe("id");
    expect(hintFor({ name: "delivery_day", type: "date" }).kind).toBe("date");
  });
});
