"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import type { FieldSpec } from "@/lib/engine/types";
import { ServiceError } from "@/lib/services/errors";
import { createSpace } from "@/lib/services/spaces/create";
import { deleteSpace } from "@/lib/services/spaces/delete";
import { renameSpace } from "@/lib/services/spaces/rename";

export type ActionState = { error?: string; ok?: string } | undefined;

async function requireUser() {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

function fail(err: unknown): ActionState {
  if (err instanceof ServiceError) return { error: err.message };
  console.error("[action] failed:", err);
  return { error: "Something went wrong; see the server log." };
}

/** Create a space from a template (or from custom fields sent as JSON) and open it. */
export async function createSpaceAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  let id: string;
  try {
    const rawFields = form.get("fields");
    let fields: FieldSpec[] | undefined;
    if (typeof rawFields === "string" && rawFields.trim()) {
      try {
        fields = JSON.parse(rawFields) as FieldSpec[];
      } catch {
        return { error: "The custom fields are not valid JSON." };
      }
    }
    const space = await createSpace({
      db: await getDb(),
      userId: user.id,
      input: { name: String(form.get("name") ?? ""), templateId: String(form.get("templateId") ?? "") || undefined, fields },
    });
    id = space.id;
  } catch (err) {
    return fail(err);
  }
  revalidatePath("/");
  redirect(`/spaces/${id}`);
}

/** Rename a space. */
export async function renameSpaceAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  try {
    await renameSpace({
      db: await getDb(),
      userId: user.id,
      input: { spaceId: String(form.get("spaceId") ?? ""), name: String(form.get("name") ?? "") },
    });
  } catch (err) {
    return fail(err);
  }
  revalidatePath("/");
  return { ok: "Renamed." };
}

/** Delete a space after the user typed its name to confirm. */
export async function deleteSpaceAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  if (String(form.get("confirm") ?? "") !== String(form.get("expected") ?? "\u0000")) {
    return { error: "Type the space's name to confirm the deletion." };
  }
  try {
    await deleteSpace({ db: await getDb(), userId: user.id, input: { spaceId: String(form.get("spaceId") ?? "") } });
  } catch (err) {
    return fail(err);
  }
  revalidatePath("/");
  redirect("/");
}
