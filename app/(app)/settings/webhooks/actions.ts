"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { asUser } from "@/lib/session/action";
import { resendWebhookDelivery } from "@/lib/services/webhooks/resend";
import { updateWebhook } from "@/lib/services/webhooks/update";
import { wakeWebhookDispatcher } from "@/lib/webhooks/dispatcher";

export type WebhookFormState = { error?: string; ok?: string } | undefined;

async function run(fn: (userId: string) => Promise<string>): Promise<WebhookFormState> {
  const r = await asUser((me) => fn(me.id), "webhook settings");
  if (!r.ok) return { error: r.error };
  revalidatePath("/settings/webhooks");
  return { ok: r.value };
}

/** Save (or clear) a space's webhook URL. */
export async function saveWebhookAction(_prev: WebhookFormState, form: FormData): Promise<WebhookFormState> {
  return run(async (userId) => {
    const url = String(form.get("url") ?? "").trim();
    await updateWebhook({
      db: await getDb(),
      userId,
      input: { spaceId: String(form.get("spaceId") ?? ""), url: url || null, allowPrivate: env.VOUCH_UNSAFE_ALLOW_PRIVATE_URLS },
    });
    const t = await getTranslations("webhooks");
    return url ? t("saved") : t("removed");
  });
}

/** Replace a space's signing secret (the old one stops verifying at once). */
export async function rotateSecretAction(_prev: WebhookFormState, form: FormData): Promise<WebhookFormState> {
  return run(async (userId) => {
    await updateWebhook({
      db: await getDb(),
      userId,
      input: { spaceId: String(form.get("spaceId") ?? ""), rotateSecret: true, allowPrivate: env.VOUCH_UNSAFE_ALLOW_PRIVATE_URLS },
    });
    return (await getTranslations("webhooks"))("rotated");
  });
}

/** Send a delivery again now (same event id). */
export async function resendAction(form: FormData): Promise<void> {
  await run(async (userId) => {
    await resendWebhookDelivery({ db: await getDb(), userId, input: { deliveryId: String(form.get("deliveryId") ?? "") } });
    wakeWebhookDispatcher();
    return (await getTranslations("webhooks"))("queued");
  });
}
