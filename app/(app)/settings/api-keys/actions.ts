"use server";

import { revalidatePath } from "next/cache";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { createApiKey } from "@/lib/services/api-keys/create";
import { revokeApiKey } from "@/lib/services/api-keys/revoke";
import { ServiceError } from "@/lib/services/errors";

export type CreateKeyState = { error?: string; created?: { key: string; prefix: string; name: string } } | undefined;
export type RevokeKeyState = { error?: string; ok?: string } | undefined;

/** Create a key for the signed-in user; the plain key is in the returned state, once. */
export async function createKeyAction(_prev: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  const me = await currentUser();
  if (!me) return { error: "Sign in first." };
  try {
    const k = await createApiKey({ db: await getDb(), userId: me.id, input: { name: String(form.get("name") ?? "") } });
    revalidatePath("/settings/api-keys");
    return { created: { key: k.key, prefix: k.prefix, name: k.name } };
  } catch (err) {
    if (err instanceof ServiceError) return { error: err.message };
    console.error("[api-keys] create failed:", err);
    return { error: "Could not create the key; see the server log." };
  }
}

/** Revoke one of the signed-in user's keys (another user's key id is simply not found). */
export async function revokeKeyAction(_prev: RevokeKeyState, form: FormData): Promise<RevokeKeyState> {
  const me = await currentUser();
  if (!me) return { error: "Sign in first." };
  try {
    const r = await revokeApiKey({ db: await getDb(), userId: me.id, input: { idOrPrefix: String(form.get("id") ?? "") } });
    revalidatePath("/settings/api-keys");
    return { ok: `Revoked ${r.prefix}…` };
  } catch (err) {
    if (err instanceof ServiceError) return { error: err.message };
    console.error("[api-keys] revoke failed:", err);
    return { error: "Could not revoke the key; see the server log." };
  }
}
