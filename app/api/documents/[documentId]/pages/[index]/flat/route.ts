import { ApiError } from "@/lib/contract/errors";
import { requireSessionUser } from "@/lib/session/require-user";
import { apiRoute } from "@/lib/http/route";
import { pageImageResponse, pageOrRefusal } from "@/lib/http/page-image";
import { getStorage } from "@/lib/storage";

export const dynamic = "force-dynamic";

type Params = { documentId: string; index: string };

/** The flattened image of a photographed page (the sheet warped upright; lib/sheet flatPageImageUrl), for a document the user may read.
 * The URL carries the flattening's version: a new reading gets a new URL. */
export const GET = apiRoute<Params>(async (_req, _ctx, { documentId, index }) => {
  const user = await requireSessionUser();
  const page = await pageOrRefusal(user.id, documentId, index);
  if (!page.flatImageKey) throw new ApiError("not_found", "This page was not flattened: only its original image exists.");
  return pageImageResponse(await getStorage().get(page.flatImageKey), "image/jpeg", "The flattened page image is missing from storage.");
});
