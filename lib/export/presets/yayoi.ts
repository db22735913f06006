import iconv from "iconv-lite";
import { cleanText } from "./bill";
import { csvRecord } from "./encode";
import { type ExportPreset, slashDate, yen } from "./preset";
import { presetLabel } from "./menu";
import { settingsFor } from "./settings";

/**
 * 弥生会計 仕訳日記帳 (弥生インポート形式, 25 columns, no header line, Shift_JIS). One
 * single-line journal (識別フラグ 2000) per document: 借方 = expense account with the
 * tax-inclusive total and its tax, 貸方 = the payable (買掛金, 対象外).
 */
export const COLUMNS = [
  "識別フラグ",
  "伝票No.",
  "決算",
  "取引日付",
  "借方勘定科目",
  "借方補助科目",
  "借方部門",
  "借方税区分",
  "借方金額",
  "借方税金額",
  "貸方勘定科目",
  "貸方補助科目",
  "貸方部門",
  "貸方税区分",
  "貸方金額",
  "貸方税金額",
  "摘要",
  "番号",
  "期日",
  "タイプ",
  "生成元",
  "仕訳メモ",
  "付箋1",
  "付箋2",
  "調整",
];

/** Cut a text to what fits in `bytes` Shift_JIS bytes (Yayoi truncates longer fields itself, maybe mid-character). */
export function fitSjis(text: string, bytes: number): string {
  let out = "";
  for (const ch of text) {
    if (iconv.encode(out + ch, "cp932").length > bytes) break;
    out += ch;
  }
  return out;
}

export const yayoi: ExportPreset = {
  id: "yayoi",
  label: presetLabel("yayoi"),
  encoding: "shift_jis",
  currencies: ["JPY", ""],
  extension: "txt",
  defaults: { account: "仕入高", taxCode: "課対仕入込10%", costCentre: "", payableAccount: "買掛金" },
  write(bills, ctx) {
    const out: string[] = [];
    for (const b of bills) {
      const s = settingsFor(ctx.settings, b.supplierKey, this.defaults);
      out.push(
        csvRecord([
          "2000",
          "",
          "",
          slashDate(b.issueDate),
          s.account,
          "",
          s.costCentre,
          s.taxCode,
          yen(b.total),
          yen(b.tax),
          s.payableAccount,
          "",
          "",
          "対象外",
          yen(b.total),
          "0",
          fitSjis(cleanText([b.supplier, b.number].filter(Boolean).join(" ")), 64),
          fitSjis(cleanText(b.number), 10),
          slashDate(b.dueDate),
          "0",
          "",
          fitSjis(cleanText(b.fileName), 64),
          "0",
          "0",
          "no",
        ]),
      );
    }
    return `${out.join("\r\n")}\r\n`;
  },
};
