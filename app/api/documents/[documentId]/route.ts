import { apiRoute, json, preflight } from "@/lib/http/route";
import { requireSessionUser } from "@/lib/session/require-user";
import { getDb } from "@/lib/db/client";
import { getDocumentById } from "@/lib/db/queries/documents";
import { deleteDocument } from "@/lib/services/documents/delete";
import { getStorage } from "@/lib/storage";
import { refusal } from "@/lib/services/teams/refusal";

export const dynamic = "force-dynamic";

type Params = { documentId: string };

/** One document's status and its job (attempts, error): a cheap poll for one upload. */
export const GET = apiRoute<Params>(async (_req, _ctx, { documentId }) => {
  const user = await requireSessionUser();
  const db = await getDb();
  const doc = await getDocumentById(db, { userId: user.id, documentId });
  if (!doc) throw await refusal(db, { documentId }, "document");
  return json({ document: doc });
});

/** Delete a document with its pages, results, corrections and files. */
export const DELETE = apiRoute<Params>(async (_req, _ctx, { documentId }) => {
  const user = await requireSessionUser();
  const r = await deleteDocument({ db: await getDb(), storage: getStorage(), userId: user.id, input: { documentId } });
  return json(r);
});

export const OPTIONS = preflight;
