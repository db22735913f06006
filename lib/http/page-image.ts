/**
 * What the page-image routes (the page as stored, its flattened view) share: the page a
 * signed-in user asked for, or the contract's refusal; and the response for its stored bytes.
 */
import { getDb } from "@/lib/db/client";
import { getPage } from "@/lib/db/queries/sheet";
import { ApiError } from "@/lib/contract/errors";
import type { TeamAction } from "@/lib/teams/roles";
import { pageRefusal } from "./refusals";

export type PageRow = NonNullable<Awaited<ReturnType<typeof getPage>>>;

/** Page `index` (a path segment or a number) of a document the user may `action`: 400 for a bad index, else 404/403 as pageRefusal. */
export async function pageOrRefusal(userId: string, documentId: string, index: string | number, action: TeamAction = "read"): Promise<PageRow> {
  const i = Number(index);
  if (!Number.isInteger(i) || i < 0) throw new ApiError("invalid_request", "The page index is a number from 0.");
  const db = await getDb();
  const page = await getPage(db, { userId, action, documentId, index: i });
  if (!page) throw await pageRefusal(db, userId, documentId, action);
  return page;
}

/** A stored page image: 404 with `missing` when storage lost it; cached for good (its URL changes when the image would). */
export function pageImageResponse(bytes: Uint8Array | null, type: string, missing: string): Response {
  if (!bytes) throw new ApiError("not_found", missing);
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": type, "Cache-Control": "private, max-age=31536000, immutable" },
  });
}
