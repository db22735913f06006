"use client";

import { useActionState, useState } from "react";
import { createInviteAction, type InviteState } from "./actions";

/** Choose a role and a lifetime, get the link, copy it. */
export function InviteForm({ roles }: { roles: readonly string[] }) {
  const [state, action, pending] = useActionState<InviteState, FormData>(createInviteAction, undefined);
  const [copied, setCopied] = useState(false);
  const link = state?.link ? `${typeof window === "undefined" ? "" : window.location.origin}${state.link}` : null;
  return (
    <form action={action} className="card stack" data-testid="invite-form">
      <div className="row" style={{ gap: 8, alignItems: "end" }}>
        <label>
          Role
          <select name="role" defaultValue="reviewer" data-testid="invite-role-select">
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          Valid for
          <select name="hours" defaultValue="168">
            <option value="24">1 day</option>
            <option value="168">7 days</option>
            <option value="720">30 days</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={pending} data-testid="invite-create">
          Create invite link
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
            aria-label={`Invite link (${state?.role})`}
          />
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(link).then(() => setCopied(true));
            }}
          >
            {copied ? "Copied" : "Copy"}
          </button>
        </div>
      ) : null}
    </form>
  );
}
