"use server";

import { revalidatePath } from "next/cache";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { ServiceError } from "@/lib/services/errors";
import { createUser } from "@/lib/services/users/create";

export type UserFormState = { error?: string; ok?: string } | undefined;

/** Admins add reviewers (or other admins) with an initial password. */
export async function createUserAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  const me = await currentUser();
  if (me?.role !== "admin") return { error: "Only admins can add users." };
  try {
    const u = await createUser({
      db: await getDb(),
      input: {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        name: String(form.get("name") ?? ""),
        role: form.get("role") === "admin" ? "admin" : "reviewer",
      },
    });
    revalidatePath("/settings/users");
    return { ok: `Added ${u.email} as ${u.role}.` };
  } catch (err) {
    if (err instanceof ServiceError) return { error: err.message };
    console.error("[users] create failed:", err);
    return { error: "Could not add the user; see the server log." };
  }
}
