import { ApiError } from "@/lib/contract/errors";
import { getDb } from "@/lib/db/client";
import { getOwnCompany } from "@/lib/db/queries/own-company";
import { apiRoute, json } from "@/lib/http/route";
import { requireSessionUser } from "@/lib/session/require-user";
import { activeTeam } from "@/lib/session/team";
import { saveOwnCompany } from "@/lib/services/own-company/save";

export const dynamic = "force-dynamic";

/** "My company" of the active team: its names, VAT/tax ids, IBANs and addresses → { company }. */
export const GET = apiRoute(async () => {
  const user = await requireSessionUser();
  const team = await activeTeam(user.id);
  if (!team) throw new ApiError("not_found", "You are not a member of any team.");
  return json({ company: await getOwnCompany(await getDb(), { teamId: team.id }) });
});

/** Replace them: { names, taxIds, ibans, addresses } (string lists) → { company }. */
export const PUT = apiRoute(async (req) => {
  const user = await requireSessionUser();
  const body: unknown = await req.json().catch(() => {
    throw new ApiError("invalid_request", "The body is not JSON.");
  });
  const team = await activeTeam(user.id);
  if (!team) throw new ApiError("not_found", "You are not a member of any team.");
  return json({ company: await saveOwnCompany({ db: await getDb(), userId: user.id, teamId: team.id, input: body }) });
});
