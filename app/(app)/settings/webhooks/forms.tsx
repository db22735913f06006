"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { rotateSecretAction, saveWebhookAction } from "./actions";

/** URL field and secret controls of one space's webhook. */
export function WebhookForm({ spaceId, url, secret }: { spaceId: string; url: string | null; secret: string | null }) {
  const [saved, save, saving] = useActionState(saveWebhookAction, undefined);
  const [rotated, rotate, rotating] = useActionState(rotateSecretAction, undefined);
  const t = useTranslations("webhooks");
  return (
    <div className="card stack" data-testid="webhook-form">
      <form action={save} className="row" aria-label={t("urlLabel")}>
        <input type="hidden" name="spaceId" value={spaceId} />
        <label style={{ flex: 1 }}>
          {t("receiverUrl")}
          <input name="url" type="url" defaultValue={url ?? ""} placeholder="https://example.com/vouch-webhook" style={{ width: "100%" }} />
        </label>
        <button className="primary" type="submit" disabled={saving}>
          {t("save")}
        </button>
      </form>
      <FormStatus state={saved} />
      {secret && (
        <form action={rotate} className="row" aria-label={t("secretLabel")}>
          <input type="hidden" name="spaceId" value={spaceId} />
          <details>
            <summary>{t("secret")}</summary>
            <code data-testid="webhook-secret">{secret}</code>
          </details>
          <button type="submit" disabled={rotating}>
            {t("rotate")}
          </button>
        </form>
      )}
      <FormStatus state={rotated} />
    </div>
  );
}
