"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signIn } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { acceptInvitation } from "@/lib/services/invitations/accept";
import { ServiceError } from "@/lib/services/errors";
import { actionError, asUser, asVisitor } from "@/lib/session/action";
import { TEAM_COOKIE } from "@/lib/session/team";

export type AcceptState = { error?: string; email?: string; name?: string } | undefined;

/** The team an accepted invitation joined becomes the active one, so the invitee lands in it. */
async function landIn(teamId: string) {
  (await cookies()).set(TEAM_COOKIE, teamId, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 365 * 24 * 3600 });
}

/** A new account from an invitation: the invitee sets their password, joins the team and is signed in. */
export async function acceptInviteAction(_prev: AcceptState, form: FormData): Promise<AcceptState> {
  const token = String(form.get("token") ?? "");
  const email = String(form.get("email") ?? "");
  const name = String(form.get("name") ?? "");
  const password = String(form.get("password") ?? "");
  const t = await getTranslations("invite");
  if (password !== String(form.get("confirm") ?? "")) return { error: t("differ"), email, name };
  let teamId: string;
  try {
    teamId = (await asVisitor(async () => acceptInvitation({ db: await getDb(), input: { token, account: { email, password, name } } }))).teamId;
  } catch (err) {
    if (err instanceof ServiceError)
      return { error: err.code === "already_exists" ? t("exists", { message: err.message }) : await actionError(err.code, err.message), email, name };
    console.error("[invite] failed:", err);
    return { error: await actionError("internal"), email, name };
  }
  await landIn(teamId);
  await signIn("credentials", { email, password, redirectTo: "/" });
  return undefined;
}

/** A signed-in user (a local account, or one signed in by SSO) joins the invitation's team. */
export async function joinAsSignedInAction(_prev: AcceptState, form: FormData): Promise<AcceptState> {
  const token = String(form.get("token") ?? "");
  const r = await asUser(async (user) => acceptInvitation({ db: await getDb(), input: { token, userId: user.id } }), "join team");
  if (!r.ok) return { error: r.error };
  await landIn(r.value.teamId);
  redirect("/");
}
