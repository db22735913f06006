import { ApiError } from "@/lib/contract/errors";
import { apiRoute, json } from "@/lib/http/route";
import { requireSessionUser } from "@/lib/session/require-user";
import { getDb } from "@/lib/db/client";
import { getExportSettings } from "@/lib/db/queries/spaces";
import { updateExportSettings } from "@/lib/services/spaces/update-export-settings";
import { refusal } from "@/lib/services/teams/refusal";

export const dynamic = "force-dynamic";

type Params = { spaceId: string };

/** The space's accounting export settings (see lib/export/presets/settings.ts for the shape). */
export const GET = apiRoute<Params>(async (_req, _ctx, { spaceId }) => {
  const user = await requireSessionUser();
  const db = await getDb();
  const settings = await getExportSettings(db, { userId: user.id, spaceId });
  if (!settings) throw await refusal(db, { spaceId }, "space");
  return json({ settings });
});

/** Replace them: validate → service → envelope. */
export const PUT = apiRoute<Params>(async (req, _ctx, { spaceId }) => {
  const user = await requireSessionUser();
  const body: unknown = await req.json().catch(() => {
    throw new ApiError("invalid_request", "The body is not JSON.");
  });
  const settings = await updateExportSettings({ db: await getDb(), userId: user.id, input: { spaceId, settings: body } });
  return json({ settings });
});
