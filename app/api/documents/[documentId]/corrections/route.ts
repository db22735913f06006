import { and, asc, eq } from "drizzle-orm";
import { ApiError } from "@/lib/api/errors";
import { apiRoute, json, validationError } from "@/lib/api/http";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { corrections, documents, spaces, users } from "@/lib/db/schema";
import { correctionInputSchema, createCorrection } from "@/lib/services/corrections/create";
import { toCorrectionRecord } from "@/lib/sheet/load";

export const dynamic = "force-dynamic";

type Params = { documentId: string };

async function requireUser() {
  const user = await currentUser();
  if (!user) throw new ApiError("unauthorized", "Sign in first.");
  return user;
}

/** A document's corrections, oldest first (optionally one cell's: ?path=total). */
export const GET = apiRoute<Params>(async (req, _ctx, { documentId }) => {
  const user = await requireUser();
  const path = new URL(req.url).searchParams.get("path");
  const rows = await (await getDb())
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
  return json({ corrections: rows.map(({ c, email }) => toCorrectionRecord(c, email)) });
});

/** Record one correction (edit / accept / not_on_document), append-only: validate → service → envelope. */
export const POST = apiRoute<Params>(async (req, _ctx, { documentId }) => {
  const user = await requireUser();
  const body: unknown = await req.json().catch(() => {
    throw new ApiError("invalid_request", "The body is not JSON.");
  });
  const parsed = correctionInputSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const correction = await createCorrection({ db: await getDb(), userId: user.id, input: { ...parsed.data, documentId } });
  return json({ correction }, 201);
});
