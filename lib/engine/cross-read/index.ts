/**
 * The cross-read stage (data in: the OCR'd pages, their images and the located values; data
 * out: per value, whether a second, independent reader read the same words the same way).
 * Free text (a name, an address, a description) has no arithmetic or checksum behind it, so
 * until now nothing could confirm it and it always went to review; two readers with different
 * models agreeing letter for letter on its ink is such a confirmation, and their disagreeing a
 * doubt. The risk model weighs both (risk/features.ts: xr_agree, xr_differ).
 * `crossRequests` and `agreements` are pure; `crossReadValues` calls the adapter.
 */
import type { RawExtraction } from "../extract/types";
import type { MatchInfos } from "../match";
import { type CrossReading, type CrossRegion, readingsAgree, regionOf } from "../ocr/crossread";
import type { OcrAdapter } from "../read";
import { valuesOf } from "../risk/features";
import type { FieldResult, FieldSpec, OcrPage } from "../types";

/** What the second reading says about one value. */
export interface CrossAgreement {
  /** the two readings are the same letter for letter (spaces and width aside). */
  agree: boolean;
  /** edit distance between them (characters the second reader cannot produce match anything). */
  distance: number;
  /** the second reading, for the reason given in words. */
  text: string;
  /** capitals of the second reading replaced digits the first read inside a name (cross-read/vendor.ts): the value
   * is a restoration, never auto-accepted. */
  restored?: boolean;
}

/** Agreements by value path ("vendor_name", "line_items.2.description"). */
export type CrossAgreements = Record<string, CrossAgreement>;

/** One value to read again. */
export interface CrossRequest {
  path: string;
  /** index of the page in the document's pages. */
  page: number;
  region: CrossRegion;
}

/** Every located value on an OCR'd page, as the region of its words (pure). */
export function crossRequests(pages: OcrPage[], fields: FieldSpec[], data: Record<string, FieldResult>, raw: RawExtraction, info: MatchInfos): CrossRequest[] {
  const out: CrossRequest[] = [];
  for (const v of valuesOf(fields, data, raw)) {
    const box = info[v.path]?.box;
    const at = v.fv.page ?? -1;
    const page = pages[at];
    if (!box || !page || page.source !== "tesseract") continue;
    const region = regionOf(page, box);
    if (region) out.push({ path: v.path, page: at, region });
  }
  return out;
}

/** The agreement of each request with its reading (pure); values with no reading are left out. */
export function agreements(requests: CrossRequest[], readings: (CrossReading | null)[]): CrossAgreements {
  const out: CrossAgreements = {};
  requests.forEach((r, i) => {
    const got = readings[i];
    if (!got) return;
    out[r.path] = { ...readingsAgree(r.region.first, got.text, got.blind), text: got.text };
  });
  return out;
}

/** Read every located value of the OCR'd pages again with the adapter's second reader. */
export async function crossReadValues(
  adapter: OcrAdapter,
  images: ({ png: Buffer; width: number; height: number } | undefined)[],
  pages: OcrPage[],
  fields: FieldSpec[],
  data: Record<string, FieldResult>,
  raw: RawExtraction,
  info: MatchInfos,
): Promise<CrossAgreements> {
  if (!adapter.crossRead) return {};
  const requests = crossRequests(pages, fields, data, raw, info);
  const out: CrossAgreements = {};
  for (const [i, page] of pages.entries()) {
    const img = images[i];
    const mine = requests.filter((r) => r.page === i);
    if (!img || mine.length === 0) continue;
    const read = await adapter.crossRead(
      img,
      page,
      mine.map((r) => r.region),
    );
    Object.assign(out, agreements(mine, read));
  }
  return out;
}
