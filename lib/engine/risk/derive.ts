/**
 * Features derived from the base features of features.ts: the confirmations of free text, and every base feature
 * once more per page family. Derived from base features alone, so examples written before a derived feature existed
 * fit alike (the trainer derives again) and recomputing is idempotent.
 */

/** Base features whose weight differs by page family (a receipt's vendor is riskier than an A4 invoice's). */
const BY_FAMILY = [
  "role_party",
  "role_address",
  "role_total",
  "role_identifier",
  "type_number",
  "type_date",
  "line_cell",
  "free_text",
  "unconfirmed_number",
  "confirmed",
  "doc_errors",
  "doc_warnings",
  "doc_ocr_warnings",
  "doc_unconfirmed",
  "doc_lines_unconfirmed",
  "ocr_doubt",
  "ocr_below_90",
  "page_doubt",
  "page_weak_words",
  "check_warning",
  "check_error",
  "ev_paid",
  "ev_sum",
  "ev_repeat",
  "ev_support2",
  "ev_rounding",
  "ev_round_twin",
  "ev_single",
  "ev_close",
  "confirmed2",
  "arith_fails",
  "ocr_below_page",
  "ocr_sure",
  "xr_agree",
  "xr_differ",
  "width_twin",
  "char_doubt",
  "tight_space",
  "printed_twice",
  "row_confirmed_text",
  "holds_figure",
  "text_sure",
  "text_confirmed",
  "date_term",
  "date_again",
  "row_chain",
  "doc_closed",
  "sum_pinned",
  "sum_sure",
  "total_sure",
];

/**
 * What confirms free text, as arithmetic confirms a number: its letters are sure (a text layer, or OCR sure of
 * every word and every letter with no guessed space; not CJK, whose variants and widths neither reader can tell
 * apart), and its extent is closed (no unclaimed print beside or under it, one print size, nothing printed over
 * it). `text_confirmed`: besides, the cell's table row adds up (quantity × price = amount), so the row was cut
 * right. Derived from base features, so examples written before they existed fit alike.
 */
function confirmedText(f: Record<string, number>): Record<string, number> {
  const text = (f.type_number ?? 0) === 0 && (f.type_date ?? 0) === 0;
  const letters = (f.text_layer ?? 0) > 0 || ((f.ocr_sure ?? 0) > 0 && (f.char_below_90 ?? 0) === 0 && (f.tight_space ?? 0) === 0);
  const closed = ["orphan_below", "orphan_beside", "mixed_size", "under_large", "cjk_value", "width_twin", "holds_figure"].every((k) => (f[k] ?? 0) === 0);
  const sure = text && letters && closed ? 1 : 0;
  return { text_sure: sure, text_confirmed: sure * (f.row_confirmed_text ?? 0) };
}

/**
 * A subtotal, tax or total whose number two relations pin (`sum_pinned`) and whose print is sure: a text layer, or
 * OCR sure of every word and letter with no guessed space, and no sign printed in two widths. What the arithmetic
 * cannot see is the print itself — a currency sign, a space between sign and digits — and a sure reading covers it.
 */
function sureSum(f: Record<string, number>): Record<string, number> {
  const letters = (f.text_layer ?? 0) > 0 || ((f.ocr_sure ?? 0) > 0 && (f.char_below_90 ?? 0) === 0 && (f.tight_space ?? 0) === 0);
  const sure = (f.sum_pinned ?? 0) > 0 && letters && (f.width_twin ?? 0) === 0 ? 1 : 0;
  // The grand total among them: the ranker picked it with the sum printed above it (`ev_sum`). Its own feature, as a
  // total carries `role_total` and `evidence_known` that subtotals and taxes share with misread totals, and `sum_sure`
  // alone is fitted mostly on the subtotals and taxes it holds. Not on a receipt-shaped page: a till roll's total is
  // misread there even when pinned (its own family weights, rcpt_sum_sure, hold that), and sharing one weight with
  // receipts would pull the page totals' weight back.
  const total = (f.ev_sum ?? 0) > 0 && (f.receipt_shape ?? 0) === 0 ? 1 : 0;
  return { sum_sure: sure, total_sure: sure * total };
}

/**
 * Interactions of the base features with the page family (receipt-like, text layer, photo), so one
 * logistic model holds a weight per family without the families pulling each other's
 * weights. Derived from the base features alone: recomputing it is idempotent.
 */
export function derive(base: Record<string, number>): Record<string, number> {
  const f = { ...base, ...confirmedText(base), ...sureSum(base) };
  const out = { ...f };
  // A photo that is not receipt-shaped: the family calibrate.ts gives its own slope.
  const photo = (f.photo_page ?? 0) * (1 - (f.receipt_shape ?? 0)) * (1 - (f.text_layer ?? 0));
  for (const b of BY_FAMILY) {
    out[`rcpt_${b}`] = (f.receipt_shape ?? 0) * (f[b] ?? 0);
    out[`tl_${b}`] = (f.text_layer ?? 0) * (f[b] ?? 0);
    out[`ph_${b}`] = photo * (f[b] ?? 0);
  }
  return out;
}
