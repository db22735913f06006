"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { asUser } from "@/lib/session/action";
import { ServiceError } from "@/lib/services/errors";
import { createUser } from "@/lib/services/users/create";
import { activeTeam } from "@/lib/session/team";
import { can, isTeamRole } from "@/lib/teams/roles";

export type UserFormState = { error?: string; ok?: string } | undefined;

/** Instance admins add users with an initial password; the user joins the admin's active team with the role chosen. */
export async function createUserAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  const r = await asUser(async (me) => {
    if (me.role !== "admin") throw new ServiceError("forbidden", "Only admins can add users.");
    const team = await activeTeam(me.id);
    const teamRole = String(form.get("teamRole") ?? "reviewer");
    if (!team || !can(team.role, "members")) throw new ServiceError("forbidden", "Only the team's admins add members.");
    if (!isTeamRole(teamRole)) throw new ServiceError("invalid", "Choose a team role.");
    if (teamRole === "owner" && !can(team.role, "owners")) throw new ServiceError("forbidden", "Only an owner makes someone owner.");
    return createUser({
      db: await getDb(),
      actorId: me.id,
      input: {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        name: String(form.get("name") ?? ""),
        role: form.get("role") === "admin" ? "admin" : "reviewer",
        team: { id: team.id, role: teamRole },
      },
    });
  }, "create user");
  const t = await getTranslations();
  if (!r.ok) return { error: r.code === "unauthorized" ? t("users.onlyAdmins") : r.error };
  revalidatePath("/settings/users");
  const teamRole = String(form.get("teamRole") ?? "reviewer");
  return {
    ok: t("users.added", { email: r.value.email, role: t(`roles.${r.value.role}`), teamRole: isTeamRole(teamRole) ? t(`roles.${teamRole}`) : teamRole }),
  };
}
