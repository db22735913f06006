import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { HEADER as FREEE_HEADER } from "./freee";
import { getPreset, PRESETS, writePreset } from "./index";
import { decodeText, encodeText } from "./encode";
import { NOW, presetRows, presetSettings } from "./fixtures.test-helpers";

/** A small RFC 4180 reader (separator, quotes, doubled quotes, CRLF) for the round trips. */
function readCsv(text: string, sep = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

function run(id: string, includeDoubtful = false) {
  const preset = getPreset(id);
  if (!preset) throw new Error(id);
  const file = writePreset(preset, presetRows(), { settings: presetSettings, now: NOW, label: "Eingang März", includeDoubtful });
  return { preset, file, text: decodeText(file.bytes, preset.encoding) };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const sjis = (s: string) => new Uint8Array(iconv.encode(s, "cp932"));

describe("freee (取引インポート)", () => {
  it("writes the exact Shift_JIS bytes: header, one 支出 row per JPY document, CRLF, no BOM", () => {
    const { file, text } = run("freee");
    const expected =
      "収支区分,管理番号,発生日,決済期日,取引先,勘定科目,税区分,金額,税計算区分,税額,備考,品目,部門,メモタグ（複数指定可、カンマ区切り）,決済日,決済口座,決済金額\r\n" +
      "支出,0042,2026/03/12,2026/04/30,株式会社サンプル商事,仕入高,課対仕入10%,11000,内税,1000,請求書-0042.pdf,,,,,,\r\n";
    expect(text).toBe(expected);
    expect(file.bytes).toEqual(sjis(expected));
    expect(hex(file.bytes.subarray(0, 8))).toBe("8efb8e788be695aa"); // 収支区分 in Shift_JIS
    expect(hex(file.bytes.subarray(-2))).toBe("0d0a");
    expect(file.contentType).toBe("text/csv; charset=Shift_JIS");
    expect(file.excluded).toEqual([
      { fileName: "blurry.jpg", reason: "2 value(s) still to review" },
      { fileName: "RE-2026-117.pdf", reason: "freee会計 (取引インポート) books JPY only, not EUR" },
    ]);
    const [head, row] = readCsv(text);
    expect(head).toEqual(FREEE_HEADER);
    expect(row).toHaveLength(FREEE_HEADER.length);
  });
});

describe("Money Forward (仕訳帳インポート)", () => {
  it("writes the 27-column template in Shift_JIS: 借方 expense with tax, 貸方 買掛金", () => {
    const { file, text } = run("moneyforward");
    const rows = readCsv(text);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveLength(27);
    expect(rows[0]?.[0]).toBe("取引No");
    expect(rows[0]?.[26]).toBe("最終更新者");
    expect(text.split("\r\n")[1]).toBe(
      "1,2026/03/12,仕入高,,,株式会社サンプル商事,課税仕入 10%,,11000,1000,買掛金,,,株式会社サンプル商事,対象外,,11000,,株式会社サンプル商事 0042,請求書-0042.pdf,,,,,,,",
    );
    // The whole file, byte for byte: the template's header line as Money Forward prints it, one row, CRLF, no BOM.
    const expected =
      "取引No,取引日,借方勘定科目,借方補助科目,借方部門,借方取引先,借方税区分,借方インボイス,借方金額(円),借方税額,貸方勘定科目,貸方補助科目,貸方部門,貸方取引先,貸方税区分,貸方インボイス,貸方金額(円),貸方税額,摘要,仕訳メモ,タグ,MF仕訳タイプ,決算整理仕訳,作成日時,作成者,最終更新日時,最終更新者\r\n" +
      "1,2026/03/12,仕入高,,,株式会社サンプル商事,課税仕入 10%,,11000,1000,買掛金,,,株式会社サンプル商事,対象外,,11000,,株式会社サンプル商事 0042,請求書-0042.pdf,,,,,,,\r\n";
    expect(file.bytes).toEqual(sjis(expected));
    expect(hex(file.bytes.subarray(0, 4))).toBe("8ee688f8"); // 取引 in Shift_JIS
    expect(file.contentType).toBe("text/csv; charset=Shift_JIS");
    expect(file.count).toBe(1);
  });
});

describe("弥生会計 (仕訳日記帳)", () => {
  it("writes 25 columns without a header line, Shift_JIS, 識別フラグ 2000", () => {
    const { file, text } = run("yayoi");
    const expected =
      "2000,,,2026/03/12,仕入高,,,課対仕入込10%,11000,1000,買掛金,,,対象外,11000,0,株式会社サンプル商事 0042,0042,2026/04/30,0,,請求書-0042.pdf,0,0,no\r\n";
    expect(text).toBe(expected);
    expect(file.bytes).toEqual(sjis(expected));
    expect(hex(file.bytes.subarray(0, 4))).toBe("32303030"); // "2000"
    expect(readCsv(text)[0]).toHaveLength(25);
    expect(file.extension).toBe("txt");
  });
});

describe("DATEV (Buchungsstapel)", () => {
  it("writes the EXTF header, the 125 headings and a booking per EUR document in Windows-1252", () => {
    const { file, text } = run("datev");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(
      '"EXTF";700;21;"Buchungsstapel";13;20260402093005123;;"RE";"";"";29098;55003;20260101;4;20260315;20260315;"Eingang März";"";1;0;0;"EUR";;"";;;"03";;;"";""',
    );
    expect(lines[0]?.split(";")).toHaveLength(31);
    const headings = lines[1]?.split(";") ?? [];
    expect(headings).toHaveLength(125);
    expect(headings.slice(0, 10)).toEqual([
      "Umsatz (ohne Soll/Haben-Kz)",
      "Soll/Haben-Kennzeichen",
      "WKZ Umsatz",
      "Kurs",
      "Basis-Umsatz",
      "WKZ Basis-Umsatz",
      "Konto",
      "Gegenkonto (ohne BU-Schlüssel)",
      "BU-Schlüssel",
      "Belegdatum",
    ]);
    expect(headings[36]).toBe("KOST1 - Kostenstelle");
    expect(headings[124]).toBe("Abw. Skontokonto");
    // The supplier's override (account 4964, BU 9, KST100), the corrected due date, Belegdatum TTMM.
    expect(lines[2]).toBe(
      '1190,00;"S";"EUR";;;;4964;70000;"9";1503;"RE-2026/117";;;"Müller & Söhne GmbH RE-2026/117"' +
        `${";".repeat(23)}"KST100"${";".repeat(77)}0${";".repeat(3)}30042026${";".repeat(8)}`,
    );
    expect(lines[3]).toBe("");
    expect(lines).toHaveLength(4);
    // Windows-1252: ü is one byte 0xFC, ä 0xE4; no BOM.
    expect(file.bytes).toEqual(new Uint8Array(iconv.encode(text, "windows-1252")));
    expect(hex(file.bytes.subarray(0, 6))).toBe("224558544622");
    expect(Buffer.from(file.bytes).includes(Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]))).toBe(true);
    expect(readCsv(text, ";")[2]).toHaveLength(125);
  });
});

describe("Xero (bills)", () => {
  it("writes one row per line item in UTF-8 without BOM, dates day first", () => {
    const { file, text } = run("xero");
    const head =
      "*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,POPostalCode,POCountry," +
      "*InvoiceNumber,*InvoiceDate,*DueDate,Total,InventoryItemCode,Description,*Quantity,*UnitAmount,*AccountCode,*TaxType,TaxAmount," +
      "TrackingName1,TrackingOption1,TrackingName2,TrackingOption2,Currency";
    expect(text).toBe(
      `${head}\r\n` +
        "株式会社サンプル商事,,,,,,,,,,0042,12/03/2026,30/04/2026,,,コピー用紙 A4,10,1000,400,Tax on Purchases,,,,,,JPY\r\n" +
        'Müller & Söhne GmbH,,,,,,,,,,RE-2026/117,15/03/2026,30/04/2026,,,"Beratung, ""Workshop""",2,400,4964,9,,Cost centre,KST100,,,EUR\r\n' +
        "Müller & Söhne GmbH,,,,,,,,,,RE-2026/117,15/03/2026,30/04/2026,,,Reisekosten,1,200,4964,9,,Cost centre,KST100,,,EUR\r\n",
    );
    expect(hex(file.bytes.subarray(0, 3))).toBe("2a436f"); // "*Co": no BOM
    expect(file.bytes).toEqual(new Uint8Array(Buffer.from(text, "utf8")));
    const rows = readCsv(text);
    expect(rows[2]?.[15]).toBe('Beratung, "Workshop"');
    expect(rows.every((r) => r.length === 26)).toBe(true);
  });
});

describe("QuickBooks Online (bills)", () => {
  it("writes one row per bill line, dates month first, UTF-8", () => {
    const { file, text } = run("quickbooks");
    expect(text).toBe(
      "Bill no.,Supplier,Bill Date,Due Date,Terms,Location,Memo,Account,Line Description,Line Amount,Line Tax Code,Line Tax Amount,Currency\r\n" +
        "0042,株式会社サンプル商事,03/12/2026,04/30/2026,,,請求書-0042.pdf,Purchases,コピー用紙 A4,10000,,,JPY\r\n" +
        'RE-2026/117,Müller & Söhne GmbH,03/15/2026,04/30/2026,,KST100,RE-2026-117.pdf,4964,"Beratung, ""Workshop""",800,9,,EUR\r\n' +
        "RE-2026/117,Müller & Söhne GmbH,03/15/2026,04/30/2026,,KST100,RE-2026-117.pdf,4964,Reisekosten,200,9,,EUR\r\n",
    );
    expect(readCsv(text).map((r) => r[9])).toEqual(["Line Amount", "10000", "800", "200"]);
    // UTF-8 bytes exactly (ü two bytes C3 BC), no BOM.
    expect(file.bytes).toEqual(new Uint8Array(Buffer.from(text, "utf8")));
    expect(hex(file.bytes.subarray(0, 4))).toBe("42696c6c"); // "Bill"
    expect(Buffer.from(file.bytes).includes(Buffer.from([0x4d, 0xc3, 0xbc, 0x6c, 0x6c, 0x65, 0x72]))).toBe(true);
    expect(file.contentType).toBe("text/csv; charset=utf-8");
  });
});

describe("all presets", () => {
  it("leave documents with unreviewed doubts out unless asked, and never write unfinished ones", () => {
    for (const p of PRESETS) {
      const strict = run(p.id);
      const all = run(p.id, true);
      expect(strict.file.excluded.find((e) => e.fileName === "blurry.jpg")?.reason).toBe("2 value(s) still to review");
      // Asked to include doubtful documents, blurry.jpg is still refused: its total "1O0.00" is not a number.
      expect(all.file.excluded.find((e) => e.fileName === "blurry.jpg")?.reason).toBe("no total as a number");
      expect([...strict.file.excluded, ...all.file.excluded].map((e) => e.fileName)).not.toContain("q.pdf");
    }
  });

  it("encode what Shift_JIS or Windows-1252 cannot hold as the unaccented letter, else '?'", () => {
    expect(hex(encodeText("Müller ①㈱", "shift_jis"))).toBe(hex(sjis("Muller ①㈱")));
    expect(hex(encodeText("Œuvre ß 株", "windows-1252"))).toBe("8c7576726520df203f");
  });
});
