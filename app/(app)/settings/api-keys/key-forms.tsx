"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { type CreateKeyState, createKeyAction, type RevokeKeyState, revokeKeyAction } from "./actions";

/** Name a new key, optionally restrict it to one space and to reading; after creating it, show it once with a copy button. */
export function CreateKeyForm({ spaces = [] }: { spaces?: Array<{ id: string; name: string }> }) {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createKeyAction, undefined);
  const [copied, setCopied] = useState(false);
  const t = useTranslations("apiKeys");
  return (
    <div className="stack">
      <form action={action} className="card stack" aria-label={t("createLabel")}>
        {state?.error && (
          <p className="error" role="alert">
            {state.error}
          </p>
        )}
        <div className="row">
          <label>
            {t("name")}
            <input name="name" placeholder={t("namePlaceholder")} maxLength={100} />
          </label>
          <label>
            {t("reaches")}
            <select name="spaceId" defaultValue="" data-testid="key-space">
              <option value="">{t("everySpace")}</option>
              {spaces.map((s) => (
                <option key={s.id} value={s.id}>
                  {t("onlySpace", { space: s.name })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" name="readOnly" value="1" data-testid="key-read-only" /> {t("readOnly")}
          </label>
        </div>
        <div>
          <button className="primary" type="submit" disabled={pending}>
            {t("create")}
          </button>
        </div>
      </form>
      {state?.created && (
        <div className="card stack" role="status" data-testid="new-api-key">
          <p>{t.rich("showOnce", { name: state.created.name, strong: (c) => <strong>{c}</strong> })}</p>
          <code style={{ userSelect: "all", wordBreak: "break-all" }} data-testid="new-api-key-value">
            {state.created.key}
          </code>
          <div>
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(state.created?.key ?? "").then(() => setCopied(true));
              }}
            >
              {copied ? t("copied") : t("copy")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/** A revoke button for one key, with a confirmation. */
export function RevokeKeyButton({ id, prefix }: { id: string; prefix: string }) {
  const [state, action, pending] = useActionState<RevokeKeyState, FormData>(revokeKeyAction, undefined);
  const t = useTranslations("apiKeys");
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(t("revokeConfirm", { prefix }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={t("revokeLabel", { prefix })}>
        {t("revoke")}
      </button>
      {state?.error && <span className="error"> {state.error}</span>}
    </form>
  );
}
