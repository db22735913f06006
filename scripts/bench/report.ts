import type { Tally } from "./score";

/** Rates rounded for JSON (0–1). */
const r4 = (v: number) => Math.round(v * 10000) / 10000;
const rate = (a: number, b: number) => (b > 0 ? r4(a / b) : 0);

function pctl(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!);
}

/** The JSON summary of one tally (the shape other tools read). */
export function summarize(t: Tally, extra: { cold_start_ms: number; peak_rss_mb: number }) {
  let exact = 0;
  let norm = 0;
  let total = 0;
  const fields: Record<string, { exact: number; normalized: number; total: number; predicted: number }> = {};
  for (const [k, f] of Object.entries(t.fields).sort(([a], [b]) => a.localeCompare(b))) {
    exact += f.exact;
    norm += f.normalized;
    total += f.total;
    fields[k] = { ...f };
  }
  const p = rate(t.cells.tp, t.cells.predicted);
  const rc = rate(t.cells.tp, t.cells.truth);
  return {
    documents: t.documents,
    pages: t.pages,
    overall: { exact_rate: rate(exact, total), normalized_rate: rate(norm, total), values: total },
    fields,
    line_items: { precision: p, recall: rc, f1: p + rc > 0 ? r4((2 * p * rc) / (p + rc)) : 0, truth_cells: t.cells.truth, predicted_cells: t.cells.predicted },
    bbox_iou_ge_0_7_rate: rate(t.iou.ok, t.iou.correct),
    bbox_iou_values: t.iou.correct,
    calibration: {
      ge_0_85: { n: t.calib.hi, accuracy: rate(t.calib.hiCorrect, t.calib.hi) },
      lt_0_85: { n: t.calib.lo, accuracy: rate(t.calib.loCorrect, t.calib.lo) },
    },
    auto_accept: { rate: rate(t.auto.accepted, t.auto.values), accuracy: rate(t.auto.acceptedCorrect, t.auto.accepted), values: t.auto.values },
    e_invoice: { ...t.einvoice, located_rate: rate(t.einvoice.located, t.einvoice.values) },
    failed_checks: { documents: t.failed.documents, codes: Object.fromEntries(Object.entries(t.failed.codes).sort(([a], [b]) => a.localeCompare(b))) },
    latency_ms: { p50: pctl(t.pageMs, 50), p95: pctl(t.pageMs, 95) },
    cold_start_ms: Math.round(extra.cold_start_ms),
    peak_rss_mb: Math.round(extra.peak_rss_mb),
  };
}

export type Summary = ReturnType<typeof summarize>;

const pc = (v: number) => `${(v * 100).toFixed(1)}%`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : "n/a");

/** Human-readable tables for one dataset: per field, then the summary against the baseline. */
export function printDataset(name: string, s: Summary, b: Summary | undefined): string {
  const out: string[] = [];
  out.push(`\n=== ${name}: ${s.documents} documents, ${s.pages} pages ===`);
  out.push(`${"field".padEnd(22)} ${"exact".padStart(13)} ${"normalized".padStart(13)} ${"found".padStart(7)}${b ? `  ${"baseline exact".padStart(15)}` : ""}`);
  for (const [k, f] of Object.entries(s.fields)) {
    const bf = b?.fields[k];
    out.push(
      `${k.padEnd(22)} ${`${f.exact}/${f.total}`.padStart(7)} ${pc(f.exact / f.total).padStart(6)} ${`${f.normalized}/${f.total}`.padStart(7)} ${pc(f.normalized / f.total).padStart(6)} ${String(f.predicted).padStart(7)}${bf ? `  ${`${bf.exact}/${bf.total}`.padStart(8)} ${pc(bf.exact / bf.total).padStart(6)}` : ""}`,
    );
  }
  const line = (label: string, v: string, bv?: string) => out.push(`${label.padEnd(36)} ${v.padStart(16)}${bv !== undefined ? `   baseline ${bv}` : ""}`);
  line("overall exact", pc(s.overall.exact_rate), b && pc(b.overall.exact_rate));
  line("overall normalized", pc(s.overall.normalized_rate), b && pc(b.overall.normalized_rate));
  line(
    "line items P / R / F1",
    `${s.line_items.precision.toFixed(3)} / ${s.line_items.recall.toFixed(3)} / ${s.line_items.f1.toFixed(3)}`,
    b?.line_items.f1.toFixed(3),
  );
  line("bbox IoU≥0.7 (of correct values)", `${pc(s.bbox_iou_ge_0_7_rate)} of ${s.bbox_iou_values}`, b && pc(b.bbox_iou_ge_0_7_rate));
  if (s.e_invoice.documents > 0) {
    const e = s.e_invoice;
    line("e-invoice XML values located on page", `${pc(e.located_rate)} of ${e.values}`);
    line("e-invoice documents flagged (print≠XML)", `${e.flagged} of ${e.documents}`);
  }
  if (s.failed_checks.documents > 0) {
    const codes = Object.entries(s.failed_checks.codes).map(([c, n]) => `${c} ${n}`);
    line("documents with a failed check", `${s.failed_checks.documents} of ${s.documents}`);
    out.push(`${"".padEnd(37)}${codes.join(" · ")}`);
  }
  line("accuracy | ratio ≥ 0.85", `${pc(s.calibration.ge_0_85.accuracy)} of ${s.calibration.ge_0_85.n}`);
  line("accuracy | ratio < 0.85", `${pc(s.calibration.lt_0_85.accuracy)} of ${s.calibration.lt_0_85.n}`);
  line(
    "auto-accepted (rate, accuracy)",
    `${pc(s.auto_accept.rate)}, ${pc(s.auto_accept.accuracy)}`,
    b && `${pc(b.auto_accept.rate)}, ${pc(b.auto_accept.accuracy)}`,
  );
  line("latency per page p50 / p95", `${s.latency_ms.p50} / ${s.latency_ms.p95} ms`, b && `${b.latency_ms.p50} / ${b.latency_ms.p95} ms`);
  line("cold start / peak RSS", `${s.cold_start_ms} ms / ${s.peak_rss_mb} MB`, b && `${b.cold_start_ms} ms / ${b.peak_rss_mb} MB`);
  if (b) {
    line("vs baseline: exact accuracy", ratio(s.overall.exact_rate, b.overall.exact_rate));
    line("vs baseline: normalized accuracy", ratio(s.overall.normalized_rate, b.overall.normalized_rate));
    line("vs baseline: p50 latency", ratio(s.latency_ms.p50, b.latency_ms.p50));
  }
  return out.join("\n");
}
