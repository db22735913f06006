import { getDb } from "@/lib/db/client";
import { apiRoute, json, preflight } from "@/lib/http/route";
import { requireSessionUser } from "@/lib/session/require-user";
import { dismissDuplicate } from "@/lib/services/documents/dismiss-duplicate";

export const dynamic = "force-dynamic";

/** The reviewer dismisses a `possible_duplicate` warning → 200 { documentId, dismissed: true }. */
export const POST = apiRoute<{ documentId: string }>(async (_req, _ctx, { documentId }) => {
  const user = await requireSessionUser();
  return json(await dismissDuplicate({ db: await getDb(), userId: user.id, input: { documentId } }));
});

export const OPTIONS = preflight;
