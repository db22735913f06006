import { ApiError } from "@/lib/contract/errors";
import { requireSessionUser } from "@/lib/session/require-user";
import { apiRoute, json, validationError } from "@/lib/http/route";
import { getDb } from "@/lib/db/client";
import { listCorrections } from "@/lib/db/queries/corrections";
import { getDocumentRow, getSheetRow } from "@/lib/db/queries/sheet";
import { correctionInputSchema, createCorrection } from "@/lib/services/corrections/create";
import { refusal } from "@/lib/services/teams/refusal";

export const dynamic = "force-dynamic";

type Params = { documentId: string };

/** A document's corrections, oldest first (optionally one cell's: ?path=total). */
export const GET = apiRoute<Params>(async (req, _ctx, { documentId }) => {
  const user = await requireSessionUser();
  const path = new URL(req.url).searchParams.get("path");
  const db = await getDb();
  // [] would not tell a document without corrections from one the user may not see
  if (!(await getDocumentRow(db, { userId: user.id, documentId }))) throw await refusal(db, { documentId }, "document");
  return json({ corrections: await listCorrections(db, { userId: user.id, documentId, path }) });
});

/** Record one correction (edit / accept / not_on_document), append-only: validate → service → { correction, row }. */
export const POST = apiRoute<Params>(async (req, _ctx, { documentId }) => {
  const user = await requireSessionUser();
  const body: unknown = await req.json().catch(() => {
    throw new ApiError("invalid_request", "The body is not JSON.");
  });
  const parsed = correctionInputSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const db = await getDb();
  const correction = await createCorrection({ db, userId: user.id, input: { ...parsed.data, documentId } });
  // The updated row comes back with it: the grid applies it, no second request.
  return json({ correction, row: await getSheetRow(db, { userId: user.id, documentId }) }, 201);
});
