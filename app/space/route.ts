import { apiCaller } from "@/lib/http/caller";
import { apiRoute, json, preflight } from "@/lib/http/route";
import { spacePath } from "@/lib/contract/jobs";
import { listSpaces } from "@/lib/db/queries/spaces";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /space: the caller's spaces (schema, document count), newest first. Free. */
export const GET = apiRoute(async (req) => {
  const { db, caller } = await apiCaller(req);
  const rows = await listSpaces(db, { userId: caller });
  return json({
    spaces: rows.map((s) => ({
      id: s.id,
      path: spacePath(s.id),
      name: s.name,
      templateId: s.templateId,
      fields: s.fields,
      documentCount: s.documentCount,
      createdAt: s.createdAt.toISOString(),
    })),
  });
});

export const OPTIONS = preflight;
