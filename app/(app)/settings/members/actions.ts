"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { closeAllSessions } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { asUser } from "@/lib/session/action";
import { activeTeam } from "@/lib/session/team";
import { createInvitation } from "@/lib/services/invitations/create";
import { revokeInvitation } from "@/lib/services/invitations/revoke";
import { deactivateMember } from "@/lib/services/members/deactivate";
import { ServiceError } from "@/lib/services/errors";
import { addMember } from "@/lib/services/teams/add-member";
import { isTeamRole } from "@/lib/teams/roles";

export type InviteState = { error?: string; link?: string; role?: string } | undefined;

/** The active team of the signed-in admin (every check is the service's; this only names the team). */
async function teamOf(userId: string): Promise<string> {
  const team = await activeTeam(userId);
  if (!team) throw new ServiceError("not_found", "No team.");
  return team.id;
}

/** Create an invite link for the active team; the link is shown once, to be copied. */
export async function createInviteAction(_prev: InviteState, form: FormData): Promise<InviteState> {
  const role = String(form.get("role") ?? "");
  const hours = Number(form.get("hours") ?? 168);
  if (!isTeamRole(role)) return { error: (await getTranslations("members"))("chooseRole") };
  const r = await asUser(async (me) => {
    const teamId = await teamOf(me.id);
    return createInvitation({ db: await getDb(), userId: me.id, input: { teamId, role, hours } });
  }, "create invitation");
  if (!r.ok) return { error: r.error };
  revalidatePath("/settings/invitations");
  return { link: `/invite/${r.value.token}`, role };
}

/** Change a member's role (also reactivates a deactivated member). */
export async function changeRoleAction(form: FormData): Promise<void> {
  const role = String(form.get("role") ?? "");
  const memberId = String(form.get("memberId") ?? "");
  if (!isTeamRole(role)) return;
  await asUser(async (me) => addMember({ db: await getDb(), userId: me.id, input: { teamId: await teamOf(me.id), memberId, role } }), "change role");
  revalidatePath("/settings/members");
}

/** Deactivate a member: they pass no check any more and every session of theirs ends now. */
export async function deactivateAction(form: FormData): Promise<void> {
  const memberId = String(form.get("memberId") ?? "");
  await asUser(
    async (me) => deactivateMember({ db: await getDb(), userId: me.id, input: { teamId: await teamOf(me.id), memberId }, endSessions: closeAllSessions }),
    "deactivate member",
  );
  revalidatePath("/settings/members");
}

/** Withdraw an unused invite link. */
export async function revokeInvitationAction(form: FormData): Promise<void> {
  const invitationId = String(form.get("invitationId") ?? "");
  await asUser(async (me) => revokeInvitation({ db: await getDb(), userId: me.id, input: { invitationId } }), "withdraw invitation");
  revalidatePath("/settings/invitations");
}
