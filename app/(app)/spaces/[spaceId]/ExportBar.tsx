"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { HEADER_LANGUAGES, type HeaderLanguage } from "@/lib/export/header-languages";
import { PRESET_MENU, type PresetId } from "@/lib/export/presets/menu";
import { ExportSettingsForm, type SupplierChoice } from "./ExportSettingsForm";
import styles from "./space.module.css";

/** CSV / XLSX download links with the export options, and the accounting presets. */
export function ExportBar({ spaceId, suppliers = [] }: { spaceId: string; suppliers?: SupplierChoice[] }) {
  const [preset, setPreset] = useState<PresetId>("freee");
  const [includeDoubtful, setIncludeDoubtful] = useState(false);
  /** what the last preset download wrote and left out, from the response headers. */
  const [presetNote, setPresetNote] = useState<string | null>(null);
  const presetHref = `/api/spaces/${encodeURIComponent(spaceId)}/export?${new URLSearchParams({ preset, includeDoubtful: includeDoubtful ? "1" : "0" })}`;
  // The download itself is a plain link; a second request reads its counts so the clerk sees what was left out and why.
  const explainPreset = async () => {
    const res = await fetch(presetHref).catch(() => null);
    if (!res?.ok) return setPresetNote(null);
    void res.body?.cancel();
    const left = JSON.parse(decodeURIComponent(res.headers.get("x-vouch-excluded-files") ?? "%5B%5D")) as Array<{ fileName: string; reason: string }>;
    const written = res.headers.get("x-vouch-exported") ?? "0";
    setPresetNote(
      left.length === 0 ? `${written} document(s) written.` : `${written} written; left out: ${left.map((e) => `${e.fileName} (${e.reason})`).join(", ")}`,
    );
  };
  const [lines, setLines] = useState(false);
  const [bom, setBom] = useState(true);
  const [original, setOriginal] = useState(false);
  const [reviewedOnly, setReviewedOnly] = useState(false);
  const [normalized, setNormalized] = useState(false);
  const tx = useTranslations("exportHeaders");
  const te = useTranslations("exportBar");
  // A Japanese reader gets Japanese column headers by default; English keeps the field names importers map.
  const [headers, setHeaders] = useState<HeaderLanguage>(useLocale() === "ja" ? "ja" : "names");
  const href = (format: "csv" | "xlsx") => {
    const q = new URLSearchParams({
      format,
      lines: lines ? "1" : "0",
      bom: bom ? "1" : "0",
      version: original ? "original" : "corrected",
      reviewedOnly: reviewedOnly ? "1" : "0",
      normalized: normalized ? "1" : "0",
      headers,
    });
    return `/api/spaces/${encodeURIComponent(spaceId)}/export?${q}`;
  };
  return (
    <fieldset className={styles.export} data-testid="export-bar">
      <legend>{te("legend")}</legend>
      <label>
        <input type="checkbox" checked={lines} onChange={(e) => setLines(e.target.checked)} data-testid="export-lines" />
        {te("lines")}
      </label>
      <label>
        <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} data-testid="export-bom" />
        {te("bom")}
      </label>
      <label>
        <input type="checkbox" checked={original} onChange={(e) => setOriginal(e.target.checked)} data-testid="export-original" />
        {te("original")}
      </label>
      <label>
        <input type="checkbox" checked={reviewedOnly} onChange={(e) => setReviewedOnly(e.target.checked)} data-testid="export-reviewed-only" />
        {te("reviewedOnly")}
      </label>
      <label title={te("normalizedTitle")}>
        <input type="checkbox" checked={normalized} onChange={(e) => setNormalized(e.target.checked)} data-testid="export-normalized" />
        {te("normalized")}
      </label>
      <select value={headers} onChange={(e) => setHeaders(e.target.value as HeaderLanguage)} data-testid="export-headers" aria-label={tx("choose")}>
        {HEADER_LANGUAGES.map((h) => (
          <option key={h} value={h}>
            {tx(h)}
          </option>
        ))}
      </select>
      <a className={styles.button} href={href("csv")} download data-testid="export-csv">
        {te("csv")}
      </a>
      <a className={styles.button} href={href("xlsx")} download data-testid="export-xlsx">
        {te("xlsx")}
      </a>
      <span className={styles.presets}>
        <select value={preset} onChange={(e) => setPreset(e.target.value as PresetId)} data-testid="export-preset" aria-label={te("preset")}>
          {PRESET_MENU.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <label title={te("includeDoubtfulTitle")}>
          <input type="checkbox" checked={includeDoubtful} onChange={(e) => setIncludeDoubtful(e.target.checked)} data-testid="export-include-doubtful" />
          {te("includeDoubtful")}
        </label>
        <a className={styles.button} href={presetHref} download data-testid="export-preset-download" onClick={() => void explainPreset()}>
          {te("presetDownload")}
        </a>
        {presetNote ? (
          <span className={styles.muted} role="status" data-testid="export-preset-note">
            {presetNote}
          </span>
        ) : null}
      </span>
      <details className={styles.settingsBox}>
        <summary data-testid="export-settings-open">{te("settings")}</summary>
        <ExportSettingsForm spaceId={spaceId} suppliers={suppliers} />
      </details>
    </fieldset>
  );
}
