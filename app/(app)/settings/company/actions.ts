"use server";

import { revalidatePath } from "next/cache";
import { actionError } from "@/lib/session/action";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { ServiceError } from "@/lib/services/errors";
import { saveOwnCompany } from "@/lib/services/own-company/save";
import { activeTeam } from "@/lib/session/team";

export type CompanyFormState = { error?: string; ok?: string } | undefined;

const lines = (form: FormData, name: string) =>
  String(form.get(name) ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** Save "my company" from the settings form (one entry per line; addresses separated by a blank line). */
export async function saveCompanyAction(_prev: CompanyFormState, form: FormData): Promise<CompanyFormState> {
  const me = await currentUser();
  if (!me) return { error: await actionError("unauthorized") };
  const addresses = String(form.get("addresses") ?? "")
    .split(/\n\s*\n/)
    .map((a) => a.trim())
    .filter(Boolean);
  const team = await activeTeam(me.id);
  if (!team) return { error: await actionError("no_team") };
  try {
    await saveOwnCompany({
      db: await getDb(),
      userId: me.id,
      teamId: team.id,
      input: { names: lines(form, "names"), taxIds: lines(form, "taxIds"), ibans: lines(form, "ibans"), addresses },
    });
    revalidatePath("/settings/company");
    return { ok: (await getTranslations("company"))("saved") };
  } catch (err) {
    if (err instanceof ServiceError) return { error: await actionError(err.code, err.message) };
    console.error("[company] settings action failed:", err);
    return { error: await actionError("internal") };
  }
}
