/**
 * Per-family recalibration of the risk model (Platt scaling): one logistic model serves text
 * layers, clean scans and receipts, and its log-odds are not equally sharp on each — a
 * receipt's 1 % is not a text layer's 1 %. Each page family gets a slope and an offset on the
 * model's log-odds, fitted on out-of-fold scores (the model fitted without the document), so
 * the gate's 0.5 % means the same on every kind of page.
 */

import { sigmoid } from "./logistic";

/**
 * The page family of a value, from its base features (the families the bench reports by kind).
 * A photographed sheet (flattened before reading) that is not receipt-shaped is its own family:
 * its errors come from perspective, blur and light, not from the layout, and sharing the clean
 * scans' slope would make a photo's 0.5 % mean something else than a scan's.
 */
export type Family = "text" | "receipt" | "photo" | "scan";

export function familyOf(f: Record<string, number>): Family {
  if ((f.text_layer ?? 0) > 0) return "text";
  if ((f.receipt_shape ?? 0) > 0) return "receipt";
  if ((f.photo_page ?? 0) > 0) return "photo";
  return "scan";
}

/** Slope and offset on the log-odds: calibrated z = a·z + b. */
export type Platt = [a: number, b: number];

/**
 * Fit a, b by Newton's method, pulled towards the identity (a = 1, b = 0) by `prior` so a
 * family with few values or few errors keeps the model's own scale.
 */
export function fitPlatt(z: number[], wrong: boolean[], prior = 2): Platt {
  let a = 1;
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let ga = prior * (a - 1);
    let gb = prior * b;
    let haa = prior;
    let hab = 0;
    let hbb = prior;
    z.forEach((zi, i) => {
      const p = sigmoid(a * zi + b);
      const r = p - (wrong[i] ? 1 : 0);
      const s = Math.max(p * (1 - p), 1e-9);
      ga += r * zi;
      gb += r;
      haa += s * zi * zi;
      hab += s * zi;
      hbb += s;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-8) break;
  }
  // A slope at or below 0 reverses the model's order (seen when the out-of-fold scores of a family come from a few
  // held-out layouts the inner models misjudge): no recalibration is better than that one.
  if (!(a > 0) || !Number.isFinite(b)) return [1, 0];
  return [Math.round(a * 1e6) / 1e6, Math.round(b * 1e6) / 1e6];
}
