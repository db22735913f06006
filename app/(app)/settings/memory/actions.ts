"use server";

import { revalidatePath } from "next/cache";
import { actionError } from "@/lib/session/action";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { ServiceError } from "@/lib/services/errors";
import { forgetSupplierMemory } from "@/lib/services/memory/forget";

export type ForgetState = { error?: string; ok?: string } | undefined;

/** Forget a supplier's memory: all of it, one field, or what one document taught (hidden inputs say which). */
export async function forgetMemoryAction(_prev: ForgetState, form: FormData): Promise<ForgetState> {
  const me = await currentUser();
  if (!me) return { error: await actionError("unauthorized") };
  const field = String(form.get("field") ?? "") || undefined;
  const documentId = String(form.get("documentId") ?? "") || undefined;
  try {
    const { deleted } = await forgetSupplierMemory({
      db: await getDb(),
      userId: me.id,
      input: { memoryId: String(form.get("memoryId") ?? ""), ...(field ? { field } : {}), ...(documentId ? { documentId } : {}) },
    });
    revalidatePath("/settings/memory");
    const t = await getTranslations("memory");
    return { ok: deleted ? t("forgottenAll") : t("forgotten") };
  } catch (err) {
    if (err instanceof ServiceError) return { error: await actionError(err.code, err.message) };
    console.error("[memory] forget action failed:", err);
    return { error: await actionError("internal") };
  }
}
