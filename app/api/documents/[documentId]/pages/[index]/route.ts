import { getDb } from "@/lib/db/client";
import { errorResponse, requireUser } from "@/lib/sheet/http";
import { getOwnedPage } from "@/lib/sheet/load";
import { getStorage } from "@/lib/storage";

type Ctx = { params: Promise<{ documentId: string; index: string }> };

/** A page image of a document the user owns (the canvas draws it; lib/sheet pageImageUrl). */
export async function GET(_req: Request, ctx: Ctx) {
  const user = await requireUser();
  if (user instanceof Response) return user;
  const { documentId, index } = await ctx.params;
  const i = Number(index);
  if (!Number.isInteger(i) || i < 0) return errorResponse("invalid_request", "The page index is a number from 0.");
  const page = await getOwnedPage(await getDb(), { userId: user.id, documentId, index: i });
  if (!page) return errorResponse("not_found", "No such page.");
  const bytes = await getStorage().get(page.imageKey);
  if (!bytes) return errorResponse("not_found", "The page image is missing from storage.");
  const type = /\.jpe?g$/i.test(page.imageKey) ? "image/jpeg" : /\.webp$/i.test(page.imageKey) ? "image/webp" : "image/png";
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": type,
      // Page images never change once stored: let the browser keep them.
      "Cache-Control": "private, max-age=31536000, immutable",
    },
  });
}
