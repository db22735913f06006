import { cleanText } from "./bill";
import { csvRecord } from "./encode";
import { type ExportPreset, slashDate, yen } from "./preset";
import { presetLabel } from "./menu";
import { settingsFor } from "./settings";

/**
 * マネーフォワード クラウド会計 仕訳帳インポート (the 27-column template, A–AA). One journal
 * per document: 借方 = expense account with its tax, 貸方 = the payable (買掛金). 取引No
 * numbers the journals of the file 1, 2, 3…; the created/updated columns stay empty.
 */
export const HEADER = [
  "取引No",
  "取引日",
  "借方勘定科目",
  "借方補助科目",
  "借方部門",
  "借方取引先",
  "借方税区分",
  "借方インボイス",
  "借方金額(円)",
  "借方税額",
  "貸方勘定科目",
  "貸方補助科目",
  "貸方部門",
  "貸方取引先",
  "貸方税区分",
  "貸方インボイス",
  "貸方金額(円)",
  "貸方税額",
  "摘要",
  "仕訳メモ",
  "タグ",
  "MF仕訳タイプ",
  "決算整理仕訳",
  "作成日時",
  "作成者",
  "最終更新日時",
  "最終更新者",
];

export const moneyforward: ExportPreset = {
  id: "moneyforward",
  label: presetLabel("moneyforward"),
  encoding: "shift_jis",
  currencies: ["JPY", ""],
  extension: "csv",
  defaults: { account: "仕入高", taxCode: "課税仕入 10%", costCentre: "", payableAccount: "買掛金" },
  write(bills, ctx) {
    const out = [csvRecord(HEADER)];
    bills.forEach((b, i) => {
      const s = settingsFor(ctx.settings, b.supplierKey, this.defaults);
      const supplier = cleanText(b.supplier);
      out.push(
        csvRecord([
          i + 1,
          slashDate(b.issueDate),
          s.account,
          "",
          s.costCentre,
          supplier,
          s.taxCode,
          "",
          yen(b.total),
          yen(b.tax),
          s.payableAccount,
          "",
          "",
          supplier,
          "対象外",
          "",
          yen(b.total),
          "",
          cleanText([b.supplier, b.number].filter(Boolean).join(" ")),
          cleanText(b.fileName),
          "",
          "",
          "",
          "",
          "",
          "",
          "",
        ]),
      );
    });
    return `${out.join("\r\n")}\r\n`;
  },
};
