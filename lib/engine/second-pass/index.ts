import { confirmByChecks, failedPaths, type Proposal, proposals } from "../ocr/confirm";
import type { Reading } from "../ocr/reread";
import { altDisagreements, chooseRegions, type Disagreement, disagreementIssues, mergeReadings, type Region } from "../ocr/second-pass";
import type { Img, OcrAdapter } from "../read";
import { type CheckIssue, type DocumentResult, EngineError, type FieldSpec, type OcrPage } from "../types";
import { validate } from "../validate";
import { contextFromPages } from "../validate/context";

/**
 * The second-pass stage (see ocr/second-pass.ts): re-read the regions behind failed
 * checks and unsure or malformed numbers, merge the readings and extract again. One
 * well-formed number replaced by another is kept only when it makes failed checks pass
 * (the arithmetic confirms it); mended numbers and shown spaces are kept unless the checks
 * get worse. Values the readings disagree on, and that no check confirmed, go to review.
 * Data in: the pages, their images and the first result; data out: the pages and result to keep.
 */
export async function secondPass<T extends DocumentResult>(
  ocr: OcrAdapter & Required<Pick<OcrAdapter, "reread">>,
  images: (Img | undefined)[],
  pages: OcrPage[],
  fields: FieldSpec[],
  first: T,
  extract: (pages: OcrPage[]) => Promise<T>,
  /** the re-extraction is worse than the first beyond the checks (e.g. the total lost structural support). */
  worse: (first: T, next: T) => boolean = () => false,
): Promise<{ pages: OcrPage[]; result: T }> {
  const regions = chooseRegions(pages, fields, first);
  if (regions.length === 0) {
    // A fused reading's own disagreements (words read two ways by its two readers).
    const issues = disagreementIssues(pages, fields, first.data, altDisagreements(pages));
    return { pages, result: issues.length ? { ...first, issues: [...first.issues, ...issues] } : first };
  }
  const reads: { i: number; mine: Region[]; readings: (Reading | null)[]; props: Proposal[] }[] = [];
  try {
    await readAll();
  } catch (err) {
    // The re-read's safety net (its CPU budget) ran out: a reading of some regions only would depend on the
    // machine's load, so the whole second look is dropped, the first reading kept, and the result says so.
    if (!(err instanceof EngineError && err.code === "unprocessable_image")) throw err;
    const issues = disagreementIssues(pages, fields, first.data, altDisagreements(pages));
    return { pages, result: { ...first, issues: [...first.issues, ...issues, incomplete(err.message)] } };
  }
  async function readAll() {
    for (const [i, page] of pages.entries()) {
      const img = images[i];
      const mine = regions.filter((r) => r.page === page.index);
      if (!img || mine.length === 0) continue;
      const readings = await ocr.reread(img, page, mine);
      // One well-formed value against another: a third reading from another crop votes.
      const vote = proposals(page, mine, readings).map((p) => p.region);
      const alt: (Reading | null | undefined)[] = [];
      const thirds =
        vote.length > 0
          ? await ocr.reread(
              img,
              page,
              vote.map((k) => ({ ...mine[k]!, alt: true })),
            )
          : [];
      vote.forEach((k, j) => {
        alt[k] = thirds[j];
      });
      reads.push({ i, mine, readings, props: proposals(page, mine, readings, alt) });
    }
  }
  const context = contextFromPages(pages);
  const confirmed = new Set(
    confirmByChecks(
      first.data,
      reads.flatMap((r) => r.props),
      (d) => validate(fields, d, { context }),
    ),
  );
  const merge = (withConfirmed: boolean) => {
    const out = [...pages];
    const disagreed = new Map<number, Disagreement[]>();
    let adopted = 0;
    for (const r of reads) {
      const accept = new Set(withConfirmed ? r.props.filter((p) => confirmed.has(p)).map((p) => p.region) : []);
      const m = mergeReadings(pages[r.i]!, r.mine, r.readings, { accept });
      out[r.i] = m.page;
      adopted += m.adopted.length;
      // Readings the checks confirmed need no review.
      const open = m.disagreed.filter((d) => !(d.adopted && accept.has(d.region)));
      if (open.length) disagreed.set(pages[r.i]!.index, open);
    }
    return { pages: out, disagreed, adopted };
  };
  const before = failedPaths(first.issues);
  let final = { pages, result: first };
  const all = merge(true);
  let disagreed = new Map([...all.disagreed].map(([k, ds]) => [k, ds.map((d) => ({ ...d, ids: d.before }))]));
  // Keep the merged pages unless the extraction from them fails more checks; without the
  // confirmed readings as the fallback (re-extraction can move values between cells).
  for (const m of confirmed.size > 0 ? [all, merge(false)] : [all]) {
    if (m.adopted === 0) break;
    const next = await extract(m.pages);
    if (failedPaths(next.issues) <= before && !worse(first, next)) {
      final = { pages: m.pages, result: next };
      disagreed = m.disagreed;
      break;
    }
  }
  // The fused reader's disagreements count as well, once per value.
  for (const [k, ds] of altDisagreements(final.pages)) disagreed.set(k, [...(disagreed.get(k) ?? []), ...ds]);
  const issues = disagreementIssues(final.pages, fields, final.result.data, disagreed);
  return { pages: final.pages, result: { ...final.result, issues: [...final.result.issues, ...issues] } };
}

/** The warning a result carries when its second look did not finish. */
function incomplete(why: string): CheckIssue {
  return { code: "second_pass_incomplete", severity: "warning", message: `Unsure values were not read a second time: ${why}`, fields: [] };
}
