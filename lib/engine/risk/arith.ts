import { parseAmount, parsePercent } from "../parse";
import type { FieldResult, FieldValue } from "../types";
import { isArrayValue } from "../types";
import { ROLES } from "../validate/roles";

/**
 * Which number values an arithmetic relation of the document confirms: subtotal + tax =
 * total, Σ line amounts = subtotal (or = total when there is no subtotal), quantity × unit
 * price = amount, subtotal × printed rate = tax. A value that takes part in a relation that
 * holds is very unlikely to be misread; one that takes part in none has nothing behind it.
 * Returns the paths in a holding relation (`confirmed`), those in any computed one (`tested`) and
 * per path the number of holding relations (`holding`).
 */

type Ref = { path: string; fv: FieldValue; n: number };

const decimals = (t: string) => {
  const m = /[.,](\d{1,2})\D*$/.exec(t.normalize("NFKC"));
  return m ? m[1]!.length : 0;
};
const tol = (...refs: Ref[]) => 0.5 * 10 ** -Math.min(...refs.map((r) => decimals(r.fv.value ?? ""))) + 1e-6;

function scalar(data: Record<string, FieldResult>, names: readonly string[], parse: (t: string) => number | undefined = parseAmount): Ref | undefined {
  for (const name of names) {
    const r = data[name];
    if (!r || isArrayValue(r) || r.value === null) continue;
    const n = parse(r.value);
    if (n !== undefined) return { path: name, fv: r, n };
  }
  return undefined;
}

/** One relation computed on the document: which kind, its members, whether it holds. */
export interface Relation {
  /** subtotal + tax = total; subtotal × rate = tax; Σ a table's amounts = subtotal (or total); a row's quantity × price. */
  kind: "sum" | "rate" | "lines" | "row";
  paths: string[];
  holds: boolean;
}

export function arithmeticSupport(data: Record<string, FieldResult>): {
  confirmed: Set<string>;
  tested: Set<string>;
  holding: Map<string, number>;
  failed: number;
  relations: Relation[];
} {
  const confirmed = new Set<string>();
  const tested = new Set<string>();
  // how many independent relations that hold each value takes part in (two rarely both misfire)
  const holding = new Map<string, number>();
  // relations computed that do not hold (their members may each be held by another one)
  let failed = 0;
  const relations: Relation[] = [];
  const relate = (kind: Relation["kind"], refs: Ref[], holds: boolean) => {
    relations.push({ kind, paths: refs.map((r) => r.path), holds });
    if (!holds) failed++;
    for (const r of refs) {
      tested.add(r.path);
      if (!holds) continue;
      confirmed.add(r.path);
      holding.set(r.path, (holding.get(r.path) ?? 0) + 1);
    }
  };
  const total = scalar(data, ROLES.total);
  const subtotal = scalar(data, ROLES.subtotal);
  const tax = scalar(data, ROLES.tax);
  // A printed cash rounding takes part in the sum (subtotal + tax + rounding = total).
  const rounding = scalar(data, ROLES.rounding);
  if (total && subtotal && tax) {
    const terms = rounding ? [total, subtotal, tax, rounding] : [total, subtotal, tax];
    relate("sum", terms, Math.abs(subtotal.n + tax.n + (rounding?.n ?? 0) - total.n) <= 2 * tol(...terms));
  }
  // A rate is printed with its sign ("20 %", "8.875 %"), and its dot is a decimal mark: read as a rate (parsePercent).
  const rate = scalar(data, ROLES.taxRate, parsePercent);
  // The rate is held too: a misread rate (20 → 2,0 or 28) breaks the product. The subtotal is not: the product
  // rounds to the tax's cents, so a subtotal a cent off still closes.
  if (rate && subtotal && tax && rate.n > 0)
    relate("rate", [tax, rate], Math.abs((subtotal.n * rate.n) / 100 - tax.n) <= Math.max(tol(tax), 10 ** -decimals(tax.fv.value ?? "")) + 1e-9);

  // Every table of the document, each with its own rows: the first is the bill's items, whose Σ is tested against the
  // subtotal (or the total); a further one (a tax breakdown, a second list a schema asks for) adds up to another
  // figure, so its Σ is the bill's only where it closes on it. Its rows' quantity × price = amount hold on their own.
  let first = true;
  for (const [name, r] of Object.entries(data)) {
    if (!isArrayValue(r) || r.value.length === 0) continue;
    const amounts: Ref[] = [];
    r.value.forEach((row, i) => {
      const cell = (names: readonly string[]): Ref | undefined => {
        for (const k of names) {
          const fv = row.field_bboxes[k];
          if (fv?.value == null) continue;
          const n = parseAmount(fv.value);
          if (n !== undefined) return { path: `${name}.${i}.${k}`, fv, n };
        }
        return undefined;
      };
      const a = cell(ROLES.amount);
      const q = cell(ROLES.quantity);
      const p = cell(ROLES.unitPrice);
      if (a) amounts.push(a);
      if (a && q && p) relate("row", [a, q, p], Math.abs(q.n * p.n - a.n) <= tol(a, p) + 0.0051);
    });
    if (amounts.length === 0) continue;
    const sum = amounts.reduce((s, a) => s + a.n, 0);
    const against = subtotal ?? total;
    const holds = !!against && Math.abs(sum - against.n) <= tol(against) * amounts.length + 1e-6;
    if (against && (first || holds)) relate("lines", [against, ...amounts], holds);
    first = false;
  }
  return { confirmed, tested, holding, failed, relations };
}
