import { z } from "zod";
import { requireSessionUser } from "@/lib/session/require-user";
import { apiRoute, json, validationError } from "@/lib/http/route";
import { textUnderBox } from "@/lib/sheet/textUnderBox";
import { pageOrRefusal } from "@/lib/http/page-image";

export const dynamic = "force-dynamic";

type Params = { documentId: string };
const gridInt = z.number().min(0).max(1000);
const bodySchema = z.object({
  page: z.number().int().min(0),
  box: z.object({ xmin: gridInt, ymin: gridInt, xmax: gridInt, ymax: gridInt }),
});

/** The text under a box drawn on a page (from the page's OCR words), proposed as a correction. */
export const POST = apiRoute<Params>(async (req, _ctx, { documentId }) => {
  const user = await requireSessionUser();
  const parsed = bodySchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) throw validationError(parsed.error);
  // proposing a value is part of correcting: the review permission
  const page = await pageOrRefusal(user.id, documentId, parsed.data.page, "review");
  return json({ text: page.ocr ? textUnderBox(page.ocr, parsed.data.box) : "", hasOcr: Boolean(page.ocr) });
});
