"use server";

import { activeTeam } from "@/lib/session/team";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import type { FieldSpec } from "@/lib/engine/types";
import { type ActionResult, asUser } from "@/lib/session/action";
import { ServiceError } from "@/lib/services/errors";
import { createSpace } from "@/lib/services/spaces/create";
import { deleteSpace } from "@/lib/services/spaces/delete";
import { renameSpace } from "@/lib/services/spaces/rename";

export type ActionState = { error?: string; ok?: string } | undefined;

/** A failed result as the form's state (signed out: back to the login page). */
function failed(r: Extract<ActionResult<unknown>, { ok: false }>): ActionState {
  if (r.code === "unauthorized") redirect("/login");
  return { error: r.error };
}

/** Create a space from a template (or from custom fields sent as JSON) and open it. */
export async function createSpaceAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const r = await asUser(async (user) => {
    const rawFields = form.get("fields");
    let fields: FieldSpec[] | undefined;
    if (typeof rawFields === "string" && rawFields.trim()) {
      try {
        fields = JSON.parse(rawFields) as FieldSpec[];
      } catch {
        throw new ServiceError("invalid", "The custom fields are not valid JSON.");
      }
    }
    const input = { name: String(form.get("name") ?? ""), templateId: String(form.get("templateId") ?? "") || undefined, fields };
    const team = await activeTeam(user.id);
    return createSpace({ db: await getDb(), userId: user.id, input: { ...input, ...(team ? { teamId: team.id } : {}) } });
  }, "create space");
  if (!r.ok) return failed(r);
  revalidatePath("/");
  redirect(`/spaces/${r.value.id}`);
}

/** Rename a space. */
export async function renameSpaceAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const r = await asUser(async (user) => {
    const input = { spaceId: String(form.get("spaceId") ?? ""), name: String(form.get("name") ?? "") };
    await renameSpace({ db: await getDb(), userId: user.id, input });
  }, "rename space");
  if (!r.ok) return failed(r);
  revalidatePath("/");
  return { ok: "Renamed." };
}

/** Delete a space after the user typed its name to confirm. */
export async function deleteSpaceAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const r = await asUser(async (user) => {
    if (String(form.get("confirm") ?? "") !== String(form.get("expected") ?? "\u0000")) {
      throw new ServiceError("invalid", "Type the space's name to confirm the deletion.");
    }
    await deleteSpace({ db: await getDb(), userId: user.id, input: { spaceId: String(form.get("spaceId") ?? "") } });
  }, "delete space");
  if (!r.ok) return failed(r);
  revalidatePath("/");
  redirect("/");
}
