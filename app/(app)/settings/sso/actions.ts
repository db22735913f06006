"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { actionError, asUser } from "@/lib/session/action";
import { activeTeam } from "@/lib/session/team";
import { removeDomainRule } from "@/lib/services/sso/remove-domain";
import { saveDomainRule } from "@/lib/services/sso/save-domain";

export type DomainFormState = { error?: string; ok?: string } | undefined;

async function run(fn: (userId: string, teamId: string) => Promise<string>): Promise<DomainFormState> {
  const r = await asUser(async (me) => {
    const team = await activeTeam(me.id);
    if (!team) return actionError("no_team");
    return fn(me.id, team.id);
  }, "sso domain settings");
  if (!r.ok) return { error: r.error };
  revalidatePath("/settings/sso");
  return { ok: r.value };
}

/** "Users from <domain> join as <role>" for the active team. */
export async function saveDomainAction(_prev: DomainFormState, form: FormData): Promise<DomainFormState> {
  return run(async (userId, teamId) => {
    const rule = await saveDomainRule({
      db: await getDb(),
      userId,
      input: { teamId, domain: String(form.get("domain") ?? ""), role: String(form.get("role") ?? "") as "viewer" },
    });
    const t = await getTranslations();
    return t("sso.saved", { domain: rule.domain, role: t(`roles.${rule.role}`) });
  });
}

/** Stop provisioning from a domain. */
export async function removeDomainAction(_prev: DomainFormState, form: FormData): Promise<DomainFormState> {
  return run(async (userId, teamId) => {
    const domain = String(form.get("domain") ?? "");
    await removeDomainRule({ db: await getDb(), userId, input: { teamId, domain } });
    return (await getTranslations("sso"))("removed", { domain });
  });
}
