import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { corrections, documents, spaces, users } from "@/lib/db/schema";
import { createCorrection, correctionInputSchema } from "@/lib/services/corrections/create";
import { errorResponse, requireUser, serviceErrorResponse } from "@/lib/sheet/http";
import { toCorrectionRecord } from "@/lib/sheet/load";

type Ctx = { params: Promise<{ documentId: string }> };

/** A document's corrections, oldest first (optionally one cell's: ?path=total). */
export async function GET(req: Request, ctx: Ctx) {
  const user = await requireUser();
  if (user instanceof Response) return user;
  const { documentId } = await ctx.params;
  const path = new URL(req.url).searchParams.get("path");
  const db = await getDb();
  const rows = await db
    .select({ c: corrections, email: users.email })
    .from(corrections)
    .innerJoin(documents, eq(documents.id, corrections.documentId))
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .leftJoin(users, eq(users.id, corrections.userId))
    .where(
      and(
        eq(spaces.ownerId, user.id),
        eq(corrections.documentId, documentId),
        path ? eq(corrections.path, path) : undefined,
      ),
    )
    .orderBy(asc(corrections.createdAt));
  return Response.json({ corrections: rows.map(({ c, email }) => toCorrectionRecord(c, email)) });
}

/** Record one correction (edit / accept / not_on_document), append-only. */
export async function POST(req: Request, ctx: Ctx) {
  const user = await requireUser();
  if (user instanceof Response) return user;
  const { documentId } = await ctx.params;
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return errorResponse("invalid_request", "The body is not JSON.");
  }
  const parsed = correctionInputSchema.safeParse(body);
  if (!parsed.success) {
    return errorResponse("invalid_request", "Invalid correction.", {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  try {
    const correction = await createCorrection({ db: await getDb(), userId: user.id, input: { ...parsed.data, documentId } });
    return Response.json({ correction }, { status: 201 });
  } catch (err) {
    return serviceErrorResponse(err);
  }
}
