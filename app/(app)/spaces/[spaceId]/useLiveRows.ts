"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { mergeRows } from "@/lib/sheet/merge";
import type { SheetRow } from "@/lib/sheet/types";

const POLL_MS = 2000;
const WINDOW = 1000;

/**
 * The space's rows, kept fresh: while any document is queued or processing (or was just
 * uploaded and not seen yet) the server is asked every 2 s for what changed. One way in: the
 * GET …/documents route (windows of a big space, polls), never a server action.
 */
export function useLiveRows(
  spaceId: string,
  initialRows: SheetRow[],
  total: number,
  loadedAt: string,
  /** re-applies local changes the server has not confirmed yet to a fetched row. */
  reapply: (row: SheetRow) => SheetRow = (r) => r,
) {
  const [rows, setRows] = useState(initialRows);
  const [backfill, setBackfill] = useState({ loaded: initialRows.length, total });

  // A big space: fetch the remaining rows window by window after the first paint.
  useEffect(() => {
    if (initialRows.length >= total) return;
    let live = true;
    void (async () => {
      for (let offset = initialRows.length; live && offset < total; offset += WINDOW) {
        const http = await fetch(`/api/spaces/${encodeURIComponent(spaceId)}/documents?offset=${offset}&limit=${WINDOW}`, { cache: "no-store" });
        if (!live || !http.ok) return;
        const res = (await http.json()) as { rows: SheetRow[]; total: number };
        setRows((prev) => mergeRows(prev, res.rows, true));
        setBackfill({ loaded: Math.min(offset + res.rows.length, res.total), total: res.total });
        if (res.rows.length < WINDOW) return;
      }
    })();
    return () => {
      live = false;
    };
  }, [spaceId, initialRows.length, total]);
  const [expected, setExpected] = useState<string[]>([]);
  const since = useRef<string | null>(loadedAt);
  const inFlight = useRef(false);

  const pending = useMemo(() => {
    const ids = rows.filter((r) => r.status === "queued" || r.status === "processing").map((r) => r.documentId);
    const seen = new Set(rows.map((r) => r.documentId));
    return [...ids, ...expected.filter((id) => !seen.has(id))];
  }, [rows, expected]);

  const refresh = useCallback(
    async (include: string[], force = false) => {
      if (inFlight.current && !force) return;
      inFlight.current = true;
      try {
        // The upload route's sibling: GET …/documents?since=&include= → { rows, now }.
        const q = new URLSearchParams({ include: include.slice(0, 500).join(",") });
        if (since.current) q.set("since", since.current);
        const http = await fetch(`/api/spaces/${encodeURIComponent(spaceId)}/documents?${q}`, { cache: "no-store" });
        if (!http.ok) return;
        const res = (await http.json()) as { rows: SheetRow[]; now: string };
        // Two refreshes can race (a poll and one after a save): never let the older answer win.
        if (since.current !== null && res.now < since.current) return;
        since.current = res.now;
        setRows((prev) => mergeRows(prev, res.rows.map(reapply)));
      } catch {
        // A network hiccup: the next poll (or the next save) asks again.
      } finally {
        inFlight.current = false;
      }
    },
    [spaceId, reapply],
  );

  const pendingKey = pending.join(",");
  useEffect(() => {
    if (pendingKey === "") return;
    const ids = pendingKey.split(",");
    const t = setInterval(() => void refresh(ids), POLL_MS);
    return () => clearInterval(t);
  }, [pendingKey, refresh]);

  /** A document reached the server: show its row at once, then watch it. */
  const expect = useCallback(
    (documentId: string) => {
      setExpected((e) => [...e, documentId]);
      // Without this the row would wait for the next poll tick (up to POLL_MS).
      void refresh([documentId], true);
    },
    [refresh],
  );

  return { rows, setRows, refresh, expect, pending, backfill };
}
