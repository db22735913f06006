"use client";

import { useCallback, useState } from "react";
import { applyCorrection, cellAt } from "@/lib/sheet/build";
import type { CorrectionRecord, SheetRow } from "@/lib/sheet/types";

type Kind = CorrectionRecord["kind"];

/** A typed value that reads two ways with the document's conventions ("01.03.27"): the reviewer picks one. */
export interface AmbiguousReading {
  documentId: string;
  path: string;
  newValue: string;
  candidates: Array<number | string>;
  reason: string;
}

/**
 * Store a correction through the corrections API: shown at once (optimistic), then the
 * row converges with the server (confirmed, or rolled back with the error shown).
 */
export function useCorrect(opts: {
  rows: SheetRow[];
  setRows: (f: (prev: SheetRow[]) => SheetRow[]) => void;
  refresh: (ids: string[], force?: boolean) => Promise<void>;
  /** corrections sent but not confirmed yet: the live rows re-apply them to what a racing refresh brings. */
  unconfirmed?: { current: Map<string, CorrectionRecord> };
}) {
  const { rows, setRows, refresh, unconfirmed } = opts;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ask, setAsk] = useState<AmbiguousReading | null>(null);

  const correct = useCallback(
    async (documentId: string, path: string, kind: Kind, newValue?: string, normalized?: number | string): Promise<boolean> => {
      const row = rows.find((r) => r.documentId === documentId);
      const before = row ? (cellAt(row, path)?.value ?? null) : null;
      const temp: CorrectionRecord = {
        id: `tmp-${Date.now()}-${Math.random()}`,
        documentId,
        path,
        kind,
        oldValue: before,
        newValue: kind === "edit" ? (newValue ?? "") : kind === "accept" ? before : null,
        box: null,
        page: null,
        userId: "me",
        createdAt: new Date().toISOString(),
      };
      unconfirmed?.current.set(temp.id, temp);
      setRows((prev) => prev.map((r) => (r.documentId === documentId ? applyCorrection(r, temp) : r)));
      setBusy(true);
      setError(null);
      let ok = true;
      try {
        const res = await fetch(`/api/documents/${encodeURIComponent(documentId)}/corrections`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            path,
            kind,
            ...(kind === "edit" ? { newValue } : {}),
            ...(normalized !== undefined ? { normalized } : {}),
          }),
        });
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? `Saving failed (${res.status}).`);
        }
        const saved = (await res.json().catch(() => null)) as {
          correction?: { reading?: { status: string; candidates?: Array<number | string>; reason?: string } };
        } | null;
        const reading = saved?.correction?.reading;
        setAsk(
          reading?.status === "ambiguous" && kind === "edit" && normalized === undefined
            ? { documentId, path, newValue: newValue ?? "", candidates: reading.candidates ?? [], reason: reading.reason ?? "" }
            : null,
        );
      } catch (err) {
        ok = false;
        setError((err as Error).message);
      } finally {
        unconfirmed?.current.delete(temp.id);
        setBusy(false);
        void refresh([documentId], true);
      }
      return ok;
    },
    [rows, setRows, refresh, unconfirmed],
  );

  return { correct, busy, error, setError, ask, setAsk };
}
