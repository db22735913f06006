/**
 * Why a value of a later document is still wrong with memory (bench --memory): one cause per miss,
 * checked in this order, so the breakdown adds up to the misses.
 *   replay failed the reading with memory failed (the bench's OCR cache lacks a crop it asks for): scored wrong, not
 *                replaced by the reading without memory
 *   format       right after normalization, wrong by the truth's verbatim rule (SROIE keeps "RM", capitals, spacing)
 *   ceiling      the true value is not in the page's OCR text at all (folded, lines in reading order): no reader of
 *                this OCR gets it
 *   remembered   … but memory holds it as a constant the reviewers typed (a name printed as a logo this time, a
 *                misread too heavy to be found again): memory proposes only what it finds on the page, so a ceiling too
 *   unrecognised the supplier was not found (no memory) or another supplier's memory was used
 *   untaught     the supplier's memory has no entry for the field (the reviewed documents' value was not located)
 *   not found    memory has entries but recall did not find them on this page (no verdict)
 *   kept wrong   memory found its place but left the engine's wrong value (agree on a wrong value, or differs)
 *   picked wrong memory proposed a value, and it is wrong
 */
import type { DocumentResult, FieldSpec, OcrPage, SupplierMemory } from "../../lib/engine";
import { fold, learnPlaces } from "../../lib/engine/memory";
import { linesOf } from "../../lib/engine/memory/page";

export const CAUSES = ["replay failed", "format", "ceiling", "remembered", "unrecognised", "untaught", "not found", "kept wrong", "picked wrong"] as const;
export type Cause = (typeof CAUSES)[number];

/** The pages' text folded, lines top to bottom (a value spanning lines is found joined). */
export function pageText(pages: readonly OcrPage[]): string {
  return pages
    .map((p) =>
      linesOf(p)
        .map((ws) => ({ y: Math.min(...ws.map((w) => w.box.y0)), t: ws.map((w) => w.text).join(" ") }))
        .sort((a, b) => a.y - b.y)
        .map((l) => fold(l.t))
        .join(""),
    )
    .join("");
}

export interface MissInput {
  field: FieldSpec;
  truth: string;
  /** right after normalization */
  normRight: boolean;
  /** the folded OCR text of the document's pages (pageText) */
  text: string;
  recognised: boolean;
  memory: SupplierMemory | undefined;
  res: DocumentResult;
  /** the reading with memory failed (see "replay failed") */
  failed?: boolean;
}

export function causeOf(m: MissInput): Cause {
  if (m.failed) return "replay failed";
  if (m.normRight) return "format";
  // A constant the reviewers typed can be proposed as they spelled it where OCR misread a letter: not a ceiling then.
  const remembered = m.recognised && m.memory?.entries.some((e) => e.field === m.field.name && e.constant && fold(e.text) === fold(m.truth));
  if (!m.text.includes(fold(m.truth))) return remembered ? "remembered" : "ceiling";
  if (!m.recognised || !m.memory) return "unrecognised";
  if (!m.memory.entries.some((e) => e.field === m.field.name)) return "untaught";
  const v = m.res.memoryVerdicts?.find((x) => x.path === m.field.name && x.kind !== "absent");
  if (!v) return "not found";
  return v.kind === "picked" ? "picked wrong" : "kept wrong";
}

/** Misses per field and cause, and the share right once the ceiling (values the OCR does not hold) is set aside. */
export class CauseTally {
  private readonly counts = new Map<string, Map<Cause, number>>();
  values = 0;
  right = 0;
  add(field: string, cause: Cause | null) {
    this.values++;
    if (cause === null) {
      this.right++;
      return;
    }
    const c = this.counts.get(field) ?? new Map<Cause, number>();
    c.set(cause, (c.get(cause) ?? 0) + 1);
    this.counts.set(field, c);
  }
  total(cause: Cause): number {
    let n = 0;
    for (const c of this.counts.values()) n += c.get(cause) ?? 0;
    return n;
  }
  print(label: string) {
    const ceiling = this.total("ceiling") + this.total("remembered");
    const pct = (a: number, b: number) => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)} %`);
    console.log(
      `  ${label}: ${this.right}/${this.values} values right (${pct(this.right, this.values)}); OCR ceiling ${ceiling} → ceiling-adjusted ${this.right}/${this.values - ceiling} (${pct(this.right, this.values - ceiling)}); exact or normalized (format set aside) ${pct(this.right + this.total("format"), this.values - ceiling)}`,
    );
    console.log(`  misses by cause   ${CAUSES.map((c) => c.padStart(14)).join("")}`);
    for (const [f, c] of [...this.counts].sort((a, b) => a[0].localeCompare(b[0])))
      console.log(`  ${f.padEnd(18)}${CAUSES.map((k) => String(c.get(k) ?? 0).padStart(14)).join("")}`);
    console.log(`  ${"all".padEnd(18)}${CAUSES.map((k) => String(this.total(k)).padStart(14)).join("")}`);
    return { values: this.values, right: this.right, causes: Object.fromEntries(CAUSES.map((k) => [k, this.total(k)])) };
  }
}

/**
 * `--errors`: did the remembered evidence point at the right place? The truth is located on the later page the way a
 * review would teach it (learnPlaces), and compared with each remembered entry of the field: the same label, the
 * offset from it (label heights), the same format. "truth not located" = the page's OCR does not hold it well enough.
 */
export function evidenceOf(pages: OcrPage[], field: string, truth: string, page: number, memory: SupplierMemory | undefined): string {
  const here = learnPlaces(pages, field, truth, page, "truth")[0];
  if (!here) return "truth not located on the page";
  const entries = memory?.entries.filter((e) => e.field === field) ?? [];
  if (entries.length === 0) return `truth at label ${JSON.stringify(here.label)} shape ${here.shape}; nothing remembered`;
  return entries
    .map((e) => {
      const label = e.label === here.label ? "same label" : `label ${JSON.stringify(e.label)} vs ${JSON.stringify(here.label)}`;
      const off =
        e.offset && here.offset
          ? `Δdy ${(here.offset.dy - e.offset.dy).toFixed(1)} Δdx0 ${(here.offset.dx0 - e.offset.dx0).toFixed(1)} Δdx1 ${(here.offset.dx1 - e.offset.dx1).toFixed(1)}`
          : `Δcy ${(here.position.cy - e.position.cy).toFixed(3)} Δx0 ${(here.position.x0 - e.position.x0).toFixed(3)}`;
      const shape = e.shape === here.shape ? "same shape" : `shape ${e.shape} vs ${here.shape}`;
      return `[${e.documents.length} docs: ${label}, ${off}, ${shape}]`;
    })
    .join(" ");
}
