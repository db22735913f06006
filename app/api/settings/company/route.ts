import { ApiError } from "@/lib/contract/errors";
import { getDb } from "@/lib/db/client";
import { getOwnCompany } from "@/lib/db/queries/own-company";
import { apiRoute, json } from "@/lib/http/route";
import { requireSessionUser } from "@/lib/session/require-user";
import { saveOwnCompany } from "@/lib/services/own-company/save";

export const dynamic = "force-dynamic";

/** "My company": the signed-in owner's names, VAT/tax ids, IBANs and addresses → { company }. */
export const GET = apiRoute(async () => {
  const user = await requireSessionUser();
  return json({ company: await getOwnCompany(await getDb(), { ownerId: user.id }) });
});

/** Replace them: { names, taxIds, ibans, addresses } (string lists) → { company }. */
export const PUT = apiRoute(async (req) => {
  const user = await requireSessionUser();
  const body: unknown = await req.json().catch(() => {
    throw new ApiError("invalid_request", "The body is not JSON.");
  });
  return json({ company: await saveOwnCompany({ db: await getDb(), userId: user.id, input: body }) });
});
