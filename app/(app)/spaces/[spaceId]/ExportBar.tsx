"use client";

import { useState } from "react";
import styles from "./space.module.css";

/** CSV / XLSX download links with the export options. */
export function ExportBar({ spaceId }: { spaceId: string }) {
  const [lines, setLines] = useState(false);
  const [bom, setBom] = useState(true);
  const [original, setOriginal] = useState(false);
  const [reviewedOnly, setReviewedOnly] = useState(false);
  const [normalized, setNormalized] = useState(false);
  const href = (format: "csv" | "xlsx") => {
    const q = new URLSearchParams({
      format,
      lines: lines ? "1" : "0",
      bom: bom ? "1" : "0",
      version: original ? "original" : "corrected",
      reviewedOnly: reviewedOnly ? "1" : "0",
      normalized: normalized ? "1" : "0",
    });
    return `/api/spaces/${encodeURIComponent(spaceId)}/export?${q}`;
  };
  return (
    <fieldset className={styles.export} data-testid="export-bar">
      <legend>Export</legend>
      <label>
        <input type="checkbox" checked={lines} onChange={(e) => setLines(e.target.checked)} data-testid="export-lines" />
        one row per line item
      </label>
      <label>
        <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} data-testid="export-bom" />
        UTF-8 BOM
      </label>
      <label>
        <input type="checkbox" checked={original} onChange={(e) => setOriginal(e.target.checked)} data-testid="export-original" />
        original values (not corrected)
      </label>
      <label>
        <input
          type="checkbox"
          checked={reviewedOnly}
          onChange={(e) => setReviewedOnly(e.target.checked)}
          data-testid="export-reviewed-only"
        />
        reviewed documents only
      </label>
      <label title="beside each amount, date and currency: 1234.5, 2026-03-01, EUR">
        <input
          type="checkbox"
          checked={normalized}
          onChange={(e) => setNormalized(e.target.checked)}
          data-testid="export-normalized"
        />
        normalized columns
      </label>
      <a className={styles.button} href={href("csv")} download data-testid="export-csv">
        Download CSV
      </a>
      <a className={styles.button} href={href("xlsx")} download data-testid="export-xlsx">
        Download XLSX
      </a>
    </fieldset>
  );
}
