import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { errorResponse, requireUser } from "@/lib/sheet/http";
import { getOwnedPage } from "@/lib/sheet/load";
import { textUnderBox } from "@/lib/sheet/textUnderBox";

type Ctx = { params: Promise<{ documentId: string }> };
const gridInt = z.number().min(0).max(1000);
const bodySchema = z.object({
  page: z.number().int().min(0),
  box: z.object({ xmin: gridInt, ymin: gridInt, xmax: gridInt, ymax: gridInt }),
});

/** The text under a box drawn on a page (from the page's OCR words), proposed as a correction. */
export async function POST(req: Request, ctx: Ctx) {
  const user = await requireUser();
  if (user instanceof Response) return user;
  const { documentId } = await ctx.params;
  const parsed = bodySchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return errorResponse("invalid_request", "Send { page, box } on the 0–1000 grid.");
  const page = await getOwnedPage(await getDb(), { userId: user.id, documentId, index: parsed.data.page });
  if (!page) return errorResponse("not_found", "No such page.");
  const text = page.ocr ? textUnderBox(page.ocr, parsed.data.box) : "";
  return Response.json({ text, hasOcr: Boolean(page.ocr) });
}
