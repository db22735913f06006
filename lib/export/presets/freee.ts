import { cleanText } from "./bill";
import { csvRecord } from "./encode";
import { type ExportPreset, slashDate, yen } from "./preset";
import { presetLabel } from "./menu";
import { settingsFor } from "./settings";

/**
 * freee会計 取引インポート (収入・支出). One 支出 row per document, unsettled (決済日/口座 empty),
 * so freee records a payable due on 決済期日. Mapping in docs/exports.md.
 */
export const HEADER = [
  "収支区分",
  "管理番号",
  "発生日",
  "決済期日",
  "取引先",
  "勘定科目",
  "税区分",
  "金額",
  "税計算区分",
  "税額",
  "備考",
  "品目",
  "部門",
  "メモタグ（複数指定可、カンマ区切り）",
  "決済日",
  "決済口座",
  "決済金額",
];

export const freee: ExportPreset = {
  id: "freee",
  label: presetLabel("freee"),
  encoding: "shift_jis",
  currencies: ["JPY", ""],
  extension: "csv",
  defaults: { account: "仕入高", taxCode: "課対仕入10%", costCentre: "", payableAccount: "" },
  write(bills, ctx) {
    const out = [csvRecord(HEADER)];
    for (const b of bills) {
      const s = settingsFor(ctx.settings, b.supplierKey, this.defaults);
      out.push(
        csvRecord([
          "支出",
          cleanText(b.number),
          slashDate(b.issueDate),
          slashDate(b.dueDate),
          cleanText(b.supplier),
          s.account,
          s.taxCode,
          yen(b.total),
          "内税",
          yen(b.tax),
          cleanText(b.fileName),
          "",
          s.costCentre,
          "",
          "",
          "",
          "",
        ]),
      );
    }
    return `${out.join("\r\n")}\r\n`;
  },
};
