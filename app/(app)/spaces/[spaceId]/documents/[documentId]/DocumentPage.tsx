"use client";

import { useCallback, useMemo, useRef } from "react";
import { type ClaimState, DocumentView } from "@/components/document-view";
import { applyCorrection } from "@/lib/sheet/build";
import type { CorrectionRecord, SheetRow, SpaceSchema } from "@/lib/sheet/types";
import { markReviewed } from "../../actions";
import { claimAction, releaseAction } from "../../claims";
import { useLiveRows } from "../../useLiveRows";

export interface DocumentPageProps {
  spaceId: string;
  spaceName: string;
  schema: SpaceSchema;
  documentId: string;
  /** the signed-in user (the page view's original/flattened choice is remembered per user). */
  userId?: string;
  walk: "all" | "queue";
  initialRows: SheetRow[];
  total: number;
  loadedAt: string;
  /** the role may not correct (a viewer): no claims, no corrections, no "mark reviewed". */
  readOnly?: boolean;
}

/** The document view's data: the space's live rows and the mark-reviewed action. */
export function DocumentPage(props: DocumentPageProps) {
  // Corrections sent but not confirmed: a refresh that raced them (an earlier save's) must not undo them.
  const unconfirmed = useRef(new Map<string, CorrectionRecord>());
  const reapply = useCallback((row: SheetRow) => {
    let out = row;
    for (const c of unconfirmed.current.values()) if (c.documentId === row.documentId) out = applyCorrection(out, c);
    return out;
  }, []);
  const { rows, setRows, refresh } = useLiveRows(props.spaceId, props.initialRows, props.total, props.loadedAt, reapply);
  const onMarkReviewed = useCallback(
    async (documentId: string) => {
      const res = await markReviewed(documentId);
      await refresh([documentId], true);
      return "error" in res ? res.error : null;
    },
    [refresh],
  );
  const claims = useMemo(
    () => ({
      claim: (documentId: string): Promise<ClaimState> => claimAction(documentId),
      release: async (documentId: string) => {
        await releaseAction(documentId);
      },
    }),
    [],
  );
  return (
    <DocumentView
      {...(props.readOnly ? { readOnly: true } : { claims })}
      spaceId={props.spaceId}
      spaceName={props.spaceName}
      schema={props.schema}
      documentId={props.documentId}
      {...(props.userId ? { userId: props.userId } : {})}
      walk={props.walk}
      rows={rows}
      setRows={setRows}
      refresh={refresh}
      unconfirmed={unconfirmed}
      markReviewed={onMarkReviewed}
    />
  );
}
