import type { RawExtraction, RawValue } from "../extract/types";
import type { MatchInfos } from "../match";
import type { CheckIssue, FieldResult, FieldSpec, FieldValue, OcrPage } from "../types";
import { isArrayValue } from "../types";
import { memorySignals } from "../memory/signals";
import type { MemoryVerdict } from "../memory/types";
import type { CrossAgreements } from "../cross-read";
import { ROLES } from "../validate/roles";
import { arithmeticSupport } from "./arith";
import { type DatedValue, printedAgain, termPaired } from "./dates";
import { derive } from "./derive";
import { documentSignals, OCR_CODES, RISK_CODE, TOTALS } from "./document";
import { extentSignals, unclaimedWords } from "./extent";
import { oddForms } from "./form";
import { inkSignals } from "./ink";
import { cjkScript, pageStats, WIDTH_TWIN } from "./page";
import { contactDomains, FIGURE, nameInContact } from "./text";

/**
 * Every signal the engine has about one value, as named numbers in 0–1 for the risk model:
 * how well it matched the page, how sure the OCR was, whether the two readings agreed, how
 * far the extractor's choice led the runner-up, which checks it passed or failed, what kind
 * of field and page it is. Names are the model's vocabulary (weights.json); adding one is
 * safe (an unknown feature weighs 0 until the next fit).
 */

/** What the features of one value are computed from. */
export interface ValueSignals {
  path: string;
  spec: FieldSpec;
  fv: FieldValue;
  raw?: RawValue;
  inLine: boolean;
}

/** Everything the risk stage reads (the stage's data in). */
export interface RiskInput {
  pages: OcrPage[];
  fields: FieldSpec[];
  raw: RawExtraction;
  data: Record<string, FieldResult>;
  info: MatchInfos;
  issues: CheckIssue[];
  /** what supplier memory concluded per value (memory/signals.ts turns it into features). */
  memory?: MemoryVerdict[];
  /** per value, whether a second reader read its words the same way (cross-read/); absent = not read again. */
  cross?: CrossAgreements;
  /** amounts whose "." the normalize stage read as a thousands group of a currency without decimals, against the
   * page's own comma grouping (normalize/index.ts): the number is a repair of the print. */
  regrouped?: ReadonlySet<string>;
}

/** Every scalar value and line-item cell that holds a value, with its raw extraction. */
export function valuesOf(fields: FieldSpec[], data: Record<string, FieldResult>, raw: RawExtraction): ValueSignals[] {
  const out: ValueSignals[] = [];
  for (const f of fields) {
    const r = data[f.name];
    if (!r) continue;
    const rf = raw.fields[f.name];
    if (!isArrayValue(r)) {
      if (r.value !== null) out.push({ path: f.name, spec: f, fv: r, ...(rf && !Array.isArray(rf) ? { raw: rf } : {}), inLine: false });
      continue;
    }
    r.value.forEach((row, i) => {
      const rawRow = Array.isArray(rf) ? rf[i] : undefined;
      for (const [k, fv] of Object.entries(row.field_bboxes)) {
        if (fv.value === null) continue;
        const spec = f.children?.find((c) => c.name === k) ?? { name: k, type: "string" as const };
        const rv = rawRow?.cells[k];
        out.push({ path: `${f.name}.${i}.${k}`, spec, fv, ...(rv ? { raw: rv } : {}), inLine: true });
      }
    });
  }
  return out;
}

/** Field roles by name: the priors of a field type differ by what it holds (a party's name vs an id). */
const PARTY = /(^|_)(vendor|customer|buyer|seller|supplier|merchant|store|shop|company|issuer|recipient|consignee)(_name)?$/;
const ADDRESS = /address/;
const IDS = new Set<string>([...ROLES.documentIds, ...ROLES.vatId, ...ROLES.iban, ...ROLES.bic, ...ROLES.registration]);

const clamp01 = (v: number) => Math.max(0, Math.min(1, v));

/** Feature vectors of every value of a result, by path. */
export function riskFeatures(input: RiskInput): Map<string, Record<string, number>> {
  const stats = input.pages.map(pageStats);
  const byPath = new Map<string, CheckIssue[]>();
  for (const i of input.issues) {
    if (i.code === RISK_CODE) continue;
    for (const p of i.fields) byPath.set(p, [...(byPath.get(p) ?? []), i]);
  }
  // Document-level doubt: a layout the extractor does not know shows as failing checks and
  // totals nothing confirms, and then every value of the document is less sure.
  const values = valuesOf(input.fields, input.data, input.raw);
  const support = arithmeticSupport(input.data);
  const { confirmed, tested, holding } = support;
  const doc = documentSignals(input.issues, values, support);
  const out = new Map<string, Record<string, number>>();
  const remembered = memorySignals(input.memory);
  const cjkText = input.pages.map(cjkScript);
  const domains = input.pages.map(contactDomains);
  // dates a customary payment term apart confirm each other (dates.ts)
  const dated: DatedValue[] = values.flatMap((v) => {
    const iso = v.spec.type === "date" && typeof v.fv.normalized === "string" ? v.fv.normalized : undefined;
    const box = input.info[v.path]?.box;
    return iso ? [{ path: v.path, iso, page: v.fv.page ?? v.raw?.page ?? 0, ...(box ? { box } : {}) }] : [];
  });
  const paired = termPaired(dated);
  // the amounts whose print (a sign's spacing, a thousands separator) none of the document's other amounts share (form.ts)
  const amounts = values.filter((v) => v.spec.type === "number" && typeof v.fv.value === "string");
  const odd = new Set(oddForms(amounts.map((v) => v.fv.value!)).flatMap((o, i) => (o ? [amounts[i]!.path] : [])));
  // every located value's box per page: a word inside one is claimed (extent.ts)
  const free = input.pages.map((p, i) =>
    unclaimedWords(
      p,
      values.filter((v) => (v.fv.page ?? v.raw?.page ?? 0) === i && input.info[v.path]?.box).map((v) => input.info[v.path]!.box!),
    ),
  );
  for (const v of values) {
    const info = input.info[v.path];
    const st = stats[v.fv.page ?? v.raw?.page ?? 0] ?? stats[0] ?? { textLayer: true, mean: 1, weak: 0, tall: false, photo: false, cjk: false };
    const issues = byPath.get(v.path) ?? [];
    const text = v.fv.value ?? "";
    const ocr = !st.textLayer;
    const ev = v.raw?.evidence;
    const type = v.spec.type;
    const page = input.pages[v.fv.page ?? v.raw?.page ?? 0];
    const ink = ocr && page && info?.box ? inkSignals(page, info.box, text) : undefined;
    const pageIx = v.fv.page ?? v.raw?.page ?? 0;
    const extent = page && info?.box ? extentSignals(page, info.box, free[pageIx] ?? []) : undefined;
    // a cell of a table row whose quantity × price = amount holds: the row was cut right
    const rowOk = v.inLine && [...confirmed].some((p) => p.startsWith(v.path.slice(0, v.path.lastIndexOf(".") + 1)));
    // … and a cell of that row is held by a second relation too (its amount in Σ lines = subtotal): the chain closes
    const rowChain = v.inLine && [...holding].some(([p, n]) => n >= 2 && p.startsWith(v.path.slice(0, v.path.lastIndexOf(".") + 1)));
    const f: Record<string, number> = {
      unmatched: 1 - v.fv.match_ratio,
      below_anchor: v.fv.match_ratio < 0.85 ? 1 : 0,
      not_located: info?.located === false || v.fv.bbox === null ? 1 : 0,
      ocr_doubt: ocr ? clamp01(1 - (info?.ocrConf ?? 1)) : 0,
      ocr_weak: ocr && (info?.ocrConf ?? 1) < 0.7 ? 1 : 0,
      ocr_below_80: ocr && (info?.ocrConf ?? 1) < 0.8 ? 1 : 0,
      ocr_below_90: ocr && (info?.ocrConf ?? 1) < 0.9 ? 1 : 0,
      // the value's own words read worse than the page around it (a smudge, a stamp, a fold on the value)
      ocr_below_page: ocr ? clamp01(st.mean - (info?.ocrConf ?? 1)) : 0,
      ocr_sure: ocr && (info?.ocrConf ?? 0) >= 0.95 ? 1 : 0,
      ambiguous: info?.ambiguous ? 1 : 0,
      check_error: issues.some((i) => i.severity === "error") ? 1 : 0,
      check_warning: issues.some((i) => i.severity === "warning" && !OCR_CODES.has(i.code)) ? 1 : 0,
      ocr_warning: issues.some((i) => OCR_CODES.has(i.code)) ? 1 : 0,
      confirmed: confirmed.has(v.path) ? 1 : 0,
      // confirmed by two independent relations (subtotal + tax = total and Σ lines = subtotal)
      confirmed2: (holding.get(v.path) ?? 0) >= 2 ? 1 : 0,
      // a relation was computed and none of them holds: the value or one beside it is misread
      arith_fails: tested.has(v.path) && !confirmed.has(v.path) ? 1 : 0,
      unconfirmed_number: type === "number" && !tested.has(v.path) ? 1 : 0,
      extractor_doubt: v.raw?.confidence !== undefined ? clamp01(1 - v.raw.confidence) : 0,
      evidence_known: ev ? 1 : 0,
      ev_label: ev?.source === "label" ? 1 : 0,
      ev_structure: ev?.source === "structure" || ev?.source === "position" ? 1 : 0,
      ev_arithmetic: ev?.source === "arithmetic" ? 1 : 0,
      ev_close: ev?.margin !== undefined ? clamp01(1 - ev.margin) : 0,
      ev_doubt: ev?.score !== undefined ? clamp01(1 - ev.score) : 0,
      ev_paid: ev?.support?.payment ?? 0,
      ev_sum: ev?.support?.sum ?? 0,
      ev_repeat: ev?.support?.repeat ?? 0,
      // the only candidate of its kind on the page (one date printed, one amount): no rival to confuse it with
      ev_single: ev?.candidates === 1 ? 1 : 0,
      ev_rounding: ev?.support?.rounding ?? 0,
      ev_round_twin: ev?.roundingTwin ?? 0,
      // two independent structures agreeing (payment lines, the sum above, its 0.05 rounding, a repeat) rarely both misfire
      ev_support2: (ev?.support?.payment ?? 0) + (ev?.support?.sum ?? 0) + (ev?.support?.repeat ?? 0) + (ev?.support?.rounding ?? 0) >= 2 ? 1 : 0,
      type_number: type === "number" ? 1 : 0,
      type_date: type === "date" ? 1 : 0,
      line_cell: v.inLine ? 1 : 0,
      role_party: PARTY.test(v.spec.name) ? 1 : 0,
      role_address: ADDRESS.test(v.spec.name) ? 1 : 0,
      role_identifier: IDS.has(v.spec.name) ? 1 : 0,
      role_total: !v.inLine && TOTALS.has(v.spec.name) ? 1 : 0,
      free_text: type === "string" && /\p{L}{2,}.*\s.*\p{L}/u.test(text) ? 1 : 0,
      multi_line: text.includes("\n") ? 1 : 0,
      short_value: [...text.replace(/\s/g, "")].length <= 3 ? 1 : 0,
      not_normalized: (type === "number" || type === "date") && v.fv.normalized === undefined ? 1 : 0,
      text_layer: st.textLayer ? 1 : 0,
      page_doubt: ocr ? clamp01(1 - st.mean) : 0,
      page_weak_words: st.weak,
      receipt_shape: st.tall ? 1 : 0,
      photo_page: st.photo ? 1 : 0,
      cjk_page: st.cjk ? 1 : 0,
      cjk_number: st.cjk && type === "number" ? 1 : 0,
      cjk_value: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text) ? 1 : 0,
      long_value: [...text].length > 30 ? 1 : 0,
      // a sign with a full-width twin on a page with CJK text: its width cannot be read (¥ or ￥)
      width_twin: WIDTH_TWIN.test(text) && (cjkText[v.fv.page ?? v.raw?.page ?? 0] ?? false) ? 1 : 0,
      ocr_string: ocr && type === "string" ? 1 : 0,
      ocr_line_cell: ocr && v.inLine ? 1 : 0,
      doc_errors: doc.errors,
      doc_warnings: doc.warnings,
      doc_ocr_warnings: doc.ocrWarnings,
      doc_unconfirmed: 1 - doc.confirmedShare,
      doc_lines_unconfirmed: doc.linesUnconfirmed,
      // a second reader with another model read the same words letter for letter the same / differently
      xr_agree: input.cross?.[v.path]?.agree ? 1 : 0,
      xr_differ: input.cross?.[v.path] && !input.cross[v.path]!.agree ? 1 : 0,
      // the weakest letter behind the value, its guessed spaces, and a second print read the same (ink.ts)
      char_doubt: ink ? clamp01(1 - ink.charMin) : 0,
      char_below_90: ink && ink.charMin < 0.9 ? 1 : 0,
      tight_space: ink?.tightSpace ? 1 : 0,
      printed_twice: ink?.repeated ? 1 : 0,
      holds_figure: type === "string" && !IDS.has(v.spec.name) && /\p{L}{2}/u.test(text) && FIGURE.test(text) ? 1 : 0,
      row_confirmed: rowOk ? 1 : 0,
      // OCR'd print whose sign spacing or thousands separator differs from the form the document's other amounts
      // agree on: a space or separator the arithmetic cannot see was dropped or invented
      form_odd: ocr && odd.has(v.path) ? 1 : 0,
      // restored from a misread print (extract/rank/misread.ts) or a glyph's geometry (read/glyphs.ts): the gate never
      // passes it (gatedRisk), and the model knows it
      repaired: (ev?.repaired ?? 0) > 0 || input.cross?.[v.path]?.restored || ink?.restored || input.regrouped?.has(v.path) ? 1 : 0,
      row_confirmed_text: rowOk && type === "string" ? 1 : 0,
      row_chain: rowChain ? 1 : 0,
      // every relation computed on the document holds (none fails), and one holds the total: its numbers close
      doc_closed: doc.closed,
      // a subtotal, tax or total a relation holds on a document that closes, pinned by two independent relations
      // (document.ts): its number is right; what can still be wrong is its print (a sign, a space), derive.ts
      sum_pinned: !v.inLine && TOTALS.has(v.spec.name) && confirmed.has(v.path) && doc.pinned > 0 ? 1 : 0,
      // print beside or under a text value that no value claims: the value may be cut short (extent.ts)
      orphan_below: type === "string" && extent?.orphanBelow ? 1 : 0,
      orphan_beside: type === "string" && extent?.orphanBeside ? 1 : 0,
      // words of two print sizes in one value, on a text layer (its sizes are exact; OCR word boxes vary with ascenders
      // and descenders: on clean scans the ratio ≥ 1.6 held 243 descriptions, 150 of them right)
      mixed_size: type === "string" && !ocr && extent && extent.sizeRatio >= 1.1 ? 1 : 0,
      under_large: extent?.underLarge ? 1 : 0,
      // a party's name spelt in an e-mail address or web domain of its page: a second print of it that no misread makes
      name_in_contact: PARTY.test(v.spec.name) && nameInContact(text, domains[pageIx] ?? []) ? 1 : 0,
      // a date another date of the document lies a customary payment term from, or printed again elsewhere (dates.ts)
      date_term: paired.has(v.path) ? 1 : 0,
      date_again: type === "date" && typeof v.fv.normalized === "string" && page && info?.box && printedAgain(page, info.box, v.fv.normalized) ? 1 : 0,
      ...remembered.get(v.path),
    };
    out.set(v.path, derive(f));
  }
  return out;
}
