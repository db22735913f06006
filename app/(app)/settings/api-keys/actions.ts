"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { asUser } from "@/lib/session/action";
import { activeTeam } from "@/lib/session/team";
import { createApiKey } from "@/lib/services/api-keys/create";
import { revokeApiKey } from "@/lib/services/api-keys/revoke";

export type CreateKeyState = { error?: string; created?: { key: string; prefix: string; name: string } } | undefined;
export type RevokeKeyState = { error?: string; ok?: string } | undefined;

/** Create a key for the signed-in user; the plain key is in the returned state, once. */
export async function createKeyAction(_prev: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  const r = await asUser(async (me) => {
    const team = await activeTeam(me.id);
    const spaceId = String(form.get("spaceId") ?? "");
    return createApiKey({
      db: await getDb(),
      userId: me.id,
      input: {
        name: String(form.get("name") ?? ""),
        ...(team ? { teamId: team.id } : {}),
        ...(spaceId ? { spaceId } : {}),
        readOnly: form.get("readOnly") === "1",
      },
    });
  }, "create key");
  if (!r.ok) return { error: r.error };
  revalidatePath("/settings/api-keys");
  return { created: { key: r.value.key, prefix: r.value.prefix, name: r.value.name } };
}

/** Revoke one of the signed-in user's keys (another user's key id is simply not found). */
export async function revokeKeyAction(_prev: RevokeKeyState, form: FormData): Promise<RevokeKeyState> {
  const r = await asUser(async (me) => revokeApiKey({ db: await getDb(), userId: me.id, input: { idOrPrefix: String(form.get("id") ?? "") } }), "revoke key");
  if (!r.ok) return { error: r.error };
  revalidatePath("/settings/api-keys");
  return { ok: (await getTranslations("apiKeys"))("revoked", { prefix: r.value.prefix }) };
}
