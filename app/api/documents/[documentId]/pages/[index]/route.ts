import { ApiError } from "@/lib/contract/errors";
import { requireSessionUser } from "@/lib/session/require-user";
import { apiRoute } from "@/lib/http/route";
import { getDb } from "@/lib/db/client";
import { getPage } from "@/lib/db/queries/sheet";
import { getStorage } from "@/lib/storage";
import { pageRefusal } from "@/lib/http/refusals";

export const dynamic = "force-dynamic";

type Params = { documentId: string; index: string };

/** A page image of a document the user owns (the canvas draws it; lib/sheet pageImageUrl). */
export const GET = apiRoute<Params>(async (_req, _ctx, { documentId, index }) => {
  const user = await requireSessionUser();
  const i = Number(index);
  if (!Number.isInteger(i) || i < 0) throw new ApiError("invalid_request", "The page index is a number from 0.");
  const db = await getDb();
  const page = await getPage(db, { userId: user.id, documentId, index: i });
  if (!page) throw await pageRefusal(db, user.id, documentId);
  const bytes = await getStorage().get(page.imageKey);
  if (!bytes) throw new ApiError("not_found", "The page image is missing from storage.");
  const type = /\.jpe?g$/i.test(page.imageKey) ? "image/jpeg" : /\.webp$/i.test(page.imageKey) ? "image/webp" : "image/png";
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": type,
      // Page images never change once stored: let the browser keep them.
      "Cache-Control": "private, max-age=31536000, immutable",
    },
  });
});
