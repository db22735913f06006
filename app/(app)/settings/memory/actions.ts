"use server";

import { revalidatePath } from "next/cache";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { ServiceError } from "@/lib/services/errors";
import { forgetSupplierMemory } from "@/lib/services/memory/forget";

export type ForgetState = { error?: string; ok?: string } | undefined;

/** Forget a supplier's memory: all of it, one field, or what one document taught (hidden inputs say which). */
export async function forgetMemoryAction(_prev: ForgetState, form: FormData): Promise<ForgetState> {
  const me = await currentUser();
  if (!me) return { error: "Sign in first." };
  const field = String(form.get("field") ?? "") || undefined;
  const documentId = String(form.get("documentId") ?? "") || undefined;
  try {
    const { deleted } = await forgetSupplierMemory({
      db: await getDb(),
      userId: me.id,
      input: { memoryId: String(form.get("memoryId") ?? ""), ...(field ? { field } : {}), ...(documentId ? { documentId } : {}) },
    });
    revalidatePath("/settings/memory");
    return { ok: deleted ? "Forgotten: nothing is left for this supplier." : "Forgotten." };
  } catch (err) {
    if (err instanceof ServiceError) return { error: err.message };
    console.error("[memory] forget action failed:", err);
    return { error: "That did not work; see the server log." };
  }
}
