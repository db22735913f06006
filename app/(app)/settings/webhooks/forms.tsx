"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { rotateSecretAction, saveWebhookAction } from "./actions";

/** URL field and secret controls of one space's webhook. */
export function WebhookForm({ spaceId, url, secret }: { spaceId: string; url: string | null; secret: string | null }) {
  const [saved, save, saving] = useActionState(saveWebhookAction, undefined);
  const [rotated, rotate, rotating] = useActionState(rotateSecretAction, undefined);
  return (
    <div className="card stack" data-testid="webhook-form">
      <form action={save} className="row" aria-label="Webhook URL">
        <input type="hidden" name="spaceId" value={spaceId} />
        <label style={{ flex: 1 }}>
          Receiver URL
          <input name="url" type="url" defaultValue={url ?? ""} placeholder="https://example.com/vouch-webhook" style={{ width: "100%" }} />
        </label>
        <button className="primary" type="submit" disabled={saving}>
          Save
        </button>
      </form>
      <FormStatus state={saved} />
      {secret && (
        <form action={rotate} className="row" aria-label="Signing secret">
          <input type="hidden" name="spaceId" value={spaceId} />
          <details>
            <summary>Signing secret (HMAC-SHA256, header X-Vouch-Signature)</summary>
            <code data-testid="webhook-secret">{secret}</code>
          </details>
          <button type="submit" disabled={rotating}>
            Rotate secret
          </button>
        </form>
      )}
      <FormStatus state={rotated} />
    </div>
  );
}
