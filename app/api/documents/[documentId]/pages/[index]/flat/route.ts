import { ApiError } from "@/lib/contract/errors";
import { requireSessionUser } from "@/lib/session/require-user";
import { apiRoute } from "@/lib/http/route";
import { getDb } from "@/lib/db/client";
import { getPage } from "@/lib/db/queries/sheet";
import { getStorage } from "@/lib/storage";
import { pageRefusal } from "@/lib/http/refusals";

export const dynamic = "force-dynamic";

type Params = { documentId: string; index: string };

/** The flattened image of a photographed page (the sheet warped upright; lib/sheet flatPageImageUrl), for a document the user may read. */
export const GET = apiRoute<Params>(async (_req, _ctx, { documentId, index }) => {
  const user = await requireSessionUser();
  const i = Number(index);
  if (!Number.isInteger(i) || i < 0) throw new ApiError("invalid_request", "The page index is a number from 0.");
  const db = await getDb();
  const page = await getPage(db, { userId: user.id, documentId, index: i });
  if (!page) throw await pageRefusal(db, user.id, documentId);
  if (!page.flatImageKey) throw new ApiError("not_found", "This page was not flattened: only its original image exists.");
  const bytes = await getStorage().get(page.flatImageKey);
  if (!bytes) throw new ApiError("not_found", "The flattened page image is missing from storage.");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/jpeg",
      // The URL carries the flattening's version: a new reading gets a new URL.
      "Cache-Control": "private, max-age=31536000, immutable",
    },
  });
});
