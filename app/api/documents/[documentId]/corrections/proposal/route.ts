import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { apiRoute, json, validationError } from "@/lib/api/http";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { getOwnedPage } from "@/lib/sheet/load";
import { textUnderBox } from "@/lib/sheet/textUnderBox";

export const dynamic = "force-dynamic";

type Params = { documentId: string };
const gridInt = z.number().min(0).max(1000);
const bodySchema = z.object({
  page: z.number().int().min(0),
  box: z.object({ xmin: gridInt, ymin: gridInt, xmax: gridInt, ymax: gridInt }),
});

/** The text under a box drawn on a page (from the page's OCR words), proposed as a correction. */
export const POST = apiRoute<Params>(async (req, _ctx, { documentId }) => {
  const user = await currentUser();
  if (!user) throw new ApiError("unauthorized", "Sign in first.");
  const parsed = bodySchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) throw validationError(parsed.error);
  const page = await getOwnedPage(await getDb(), { userId: user.id, documentId, index: parsed.data.page });
  if (!page) throw new ApiError("not_found", "No such page.");
  return json({ text: page.ocr ? textUnderBox(page.ocr, parsed.data.box) : "", hasOcr: Boolean(page.ocr) });
});
