"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { createInviteAction, type InviteState } from "./actions";

/** Choose a role and a lifetime, get the link, copy it. */
export function InviteForm({ roles }: { roles: ReadonlyArray<{ value: string; label: string }> }) {
  const [state, action, pending] = useActionState<InviteState, FormData>(createInviteAction, undefined);
  const [copied, setCopied] = useState(false);
  const t = useTranslations("members");
  const link = state?.link ? `${typeof window === "undefined" ? "" : window.location.origin}${state.link}` : null;
  const roleLabel = roles.find((r) => r.value === state?.role)?.label ?? state?.role ?? "";
  return (
    <form action={action} className="card stack" data-testid="invite-form">
      <div className="row" style={{ gap: 8, alignItems: "end" }}>
        <label>
          {t("role")}
          <select name="role" defaultValue="reviewer" data-testid="invite-role-select">
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("validFor")}
          <select name="hours" defaultValue="168">
            <option value="24">{t("days", { count: 1 })}</option>
            <option value="168">{t("days", { count: 7 })}</option>
            <option value="720">{t("days", { count: 30 })}</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={pending} data-testid="invite-create">
          {t("createLink")}
        </button>
      </div>
      {state?.error ? (
        <p className="error" role="alert">
          {state.error}
        </p>
      ) : null}
      {link ? (
        <div className="row" style={{ gap: 8 }}>
          <input
            readOnly
            value={link}
            data-testid="invite-link"
            style={{ flex: 1 }}
            onFocus={(e) => e.currentTarget.select()}
            aria-label={t("linkLabel", { role: roleLabel })}
          />
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(link).then(() => setCopied(true));
            }}
          >
            {copied ? t("copied") : t("copy")}
          </button>
        </div>
      ) : null}
    </form>
  );
}
