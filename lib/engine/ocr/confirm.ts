/**
 * The second pass's yardstick: a second reading that replaces one well-formed value by
 * another is taken only when the document's checks confirm it (qty × price = amount,
 * Σ lines = subtotal, check digits). Pure: values are changed on copies.
 */
import type { CheckIssue, FieldResult, FieldValue, OcrPage } from "../types";
import { isArrayValue } from "../types";
import type { Reading } from "./reread";
import { type Region, STRONG_CHECKS, squash, wellFormedNumber } from "./second-pass";

/** A second reading that replaces one well-formed value by another: the checks decide. */
export interface Proposal {
  /** index into the page's regions. */
  region: number;
  path: string;
  first: string;
  second: string;
}

/**
 * Regions behind a failed check whose two readings are different well-formed values.
 * The arithmetic alone would take whichever makes it pass, right or wrong ("1,531.00" vs
 * "1,631.00" from one ambiguous glyph), so a third reading (`alt`, from another crop)
 * that sides with the first vetoes the second.
 */
export function proposals(page: OcrPage, regions: Region[], readings: (Reading | null)[], alt?: (Reading | null | undefined)[]): Proposal[] {
  const byId = new Map(page.words.map((w) => [w.id, w]));
  const out: Proposal[] = [];
  regions.forEach((r, i) => {
    const second = readings[i];
    if (!second || !r.checked || r.paths.length !== 1) return;
    const first = r.wordIds.map((id) => byId.get(id)?.text ?? "").join(" ");
    const next = second.words.map((w) => w.text).join(" ");
    if (squash(first) === squash(next) || squash(next) === "") return;
    if (r.charset === "number" && !(wellFormedNumber(first) && wellFormedNumber(next))) return;
    const third = alt?.[i];
    if (third && squash(third.words.map((w) => w.text).join(" ")) === squash(first)) return;
    out.push({ region: i, path: r.paths[0]!, first, second: next });
  });
  return out;
}

/** Distinct value paths that failed strong checks name. */
export function failedPaths(issues: CheckIssue[]): number {
  // every value a failed check read, named or not (Σ lines reads the rows that add up without blaming them)
  return new Set(issues.filter((i) => STRONG_CHECKS.has(i.code)).flatMap((i) => [...i.fields, ...(i.reads ?? [])])).size;
}

function valueAt(data: Record<string, FieldResult>, path: string): FieldValue | undefined {
  const [name, row, col] = path.split(".");
  const r = data[name!];
  if (!r) return undefined;
  if (!isArrayValue(r)) return row === undefined ? r : undefined;
  return col === undefined ? undefined : r.value[Number(row)]?.field_bboxes[col];
}

/**
 * The proposals the checks confirm, one at a time (greedy, in order): a proposal is
 * accepted when putting its reading into the value makes fewer values fail the strong
 * checks. `check` is the validator; values are changed on a copy, never in `data`.
 */
export function confirmByChecks(data: Record<string, FieldResult>, props: Proposal[], check: (data: Record<string, FieldResult>) => CheckIssue[]): Proposal[] {
  const apply = (base: Record<string, FieldResult>, ps: Proposal[]) => {
    const next = structuredClone(base);
    for (const p of ps) {
      const fv = valueAt(next, p.path);
      const value = fv?.value ? replaceLoose(fv.value, p.first, p.second) : null;
      if (!fv || value === null) return null;
      fv.value = value;
      delete fv.normalized;
    }
    return next;
  };
  let cur = data;
  let failed = failedPaths(check(cur));
  const out: Proposal[] = [];
  for (const p of props) {
    if (failed === 0) break;
    const next = apply(cur, [p]);
    const f = next ? failedPaths(check(next)) : failed;
    if (next && f < failed) {
      cur = next;
      failed = f;
      out.push(p);
    }
  }
  // Readings that only pass together (a total and the tax it adds up from).
  const rest = props.filter((p) => !out.includes(p));
  if (failed > 0 && rest.length > 1) {
    const next = apply(cur, rest);
    if (next && failedPaths(check(next)) < failed) out.push(...rest);
  }
  return out;
}

/** `text` with `from` replaced by `to`, spaces in `text` ignored when matching; null when absent. */
function replaceLoose(text: string, from: string, to: string): string | null {
  if (text.includes(from)) return text.replace(from, to);
  const chars = [...text];
  const target = squash(from);
  for (let i = 0; i < chars.length; i++) {
    let acc = "";
    for (let j = i; j < chars.length; j++) {
      acc = squash(chars.slice(i, j + 1).join(""));
      if (acc === target) return chars.slice(0, i).join("") + to + chars.slice(j + 1).join("");
      if (!target.startsWith(acc)) break;
    }
  }
  return null;
}
