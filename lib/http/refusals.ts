import type { DbOrTx } from "@/lib/db/client";
import { getDocumentById } from "@/lib/db/queries/documents";
import { ApiError } from "@/lib/contract/errors";
import type { ServiceError } from "@/lib/services/errors";
import { refusal } from "@/lib/services/teams/refusal";
import type { TeamAction } from "@/lib/teams/roles";

/** A page the user's read did not reach: 404 for a missing page of a document they may use, else the document's refusal. */
export async function pageRefusal(db: DbOrTx, userId: string, documentId: string, action: TeamAction = "read"): Promise<ApiError | ServiceError> {
  if (await getDocumentById(db, { userId, action, documentId })) return new ApiError("not_found", "No such page.");
  return refusal(db, { documentId }, "document");
}
