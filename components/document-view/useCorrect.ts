"use client";

import { useCallback, useState } from "react";
import { applyCorrection, cellAt } from "@/lib/sheet/build";
import type { CorrectionRecord, SheetRow } from "@/lib/sheet/types";

type Kind = CorrectionRecord["kind"];

/**
 * Store a correction through the corrections API: shown at once (optimistic), then the
 * row converges with the server (confirmed, or rolled back with the error shown).
 */
export function useCorrect(opts: {
  rows: SheetRow[];
  setRows: (f: (prev: SheetRow[]) => SheetRow[]) => void;
  refresh: (ids: string[], force?: boolean) => Promise<void>;
}) {
  const { rows, setRows, refresh } = opts;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const correct = useCallback(
    async (documentId: string, path: string, kind: Kind, newValue?: string): Promise<boolean> => {
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
      setRows((prev) => prev.map((r) => (r.documentId === documentId ? applyCorrection(r, temp) : r)));
      setBusy(true);
      setError(null);
      let ok = true;
      try {
        const res = await fetch(`/api/documents/${encodeURIComponent(documentId)}/corrections`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ path, kind, ...(kind === "edit" ? { newValue } : {}) }),
        });
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? `Saving failed (${res.status}).`);
        }
      } catch (err) {
        ok = false;
        setError((err as Error).message);
      } finally {
        setBusy(false);
        void refresh([documentId], true);
      }
      return ok;
    },
    [rows, setRows, refresh],
  );

  return { correct, busy, error, setError };
}
