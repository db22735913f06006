import { requireSessionUser } from "@/lib/session/require-user";
import { apiRoute } from "@/lib/http/route";
import { pageImageResponse, pageOrRefusal } from "@/lib/http/page-image";
import { getStorage } from "@/lib/storage";

export const dynamic = "force-dynamic";

type Params = { documentId: string; index: string };

/** A page image of a document the user owns (the canvas draws it; lib/sheet pageImageUrl). Page images never change once stored. */
export const GET = apiRoute<Params>(async (_req, _ctx, { documentId, index }) => {
  const user = await requireSessionUser();
  const page = await pageOrRefusal(user.id, documentId, index);
  const type = /\.jpe?g$/i.test(page.imageKey) ? "image/jpeg" : /\.webp$/i.test(page.imageKey) ? "image/webp" : "image/png";
  return pageImageResponse(await getStorage().get(page.imageKey), type, "The page image is missing from storage.");
});
