"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { asUser } from "@/lib/session/action";
import { ServiceError } from "@/lib/services/errors";
import { createUser } from "@/lib/services/users/create";

export type UserFormState = { error?: string; ok?: string } | undefined;

/** Admins add reviewers (or other admins) with an initial password. */
export async function createUserAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  const r = await asUser(async (me) => {
    if (me.role !== "admin") throw new ServiceError("forbidden", "Only admins can add users.");
    return createUser({
      db: await getDb(),
      actorId: me.id,
      input: {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        name: String(form.get("name") ?? ""),
        role: form.get("role") === "admin" ? "admin" : "reviewer",
      },
    });
  }, "create user");
  if (!r.ok) return { error: r.code === "unauthorized" ? "Only admins can add users." : r.error };
  revalidatePath("/settings/users");
  return { ok: `Added ${r.value.email} as ${r.value.role}.` };
}
