"use client";

import { useActionState, useState } from "react";
import { type CreateKeyState, createKeyAction, type RevokeKeyState, revokeKeyAction } from "./actions";

/** Name a new key, optionally restrict it to one space and to reading; after creating it, show it once with a copy button. */
export function CreateKeyForm({ spaces = [] }: { spaces?: Array<{ id: string; name: string }> }) {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createKeyAction, undefined);
  const [copied, setCopied] = useState(false);
  return (
    <div className="stack">
      <form action={action} className="card stack" aria-label="Create an API key">
        {state?.error && (
          <p className="error" role="alert">
            {state.error}
          </p>
        )}
        <div className="row">
          <label>
            Name
            <input name="name" placeholder="e.g. accounting export" maxLength={100} />
          </label>
          <label>
            Reaches
            <select name="spaceId" defaultValue="" data-testid="key-space">
              <option value="">every space of the team</option>
              {spaces.map((s) => (
                <option key={s.id} value={s.id}>
                  only {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" name="readOnly" value="1" data-testid="key-read-only" /> read-only (read and export)
          </label>
        </div>
        <div>
          <button className="primary" type="submit" disabled={pending}>
            Create key
          </button>
        </div>
      </form>
      {state?.created && (
        <div className="card stack" role="status" data-testid="new-api-key">
          <p>
            <strong>{state.created.name}</strong>: copy this key now. It is shown only once; Vouch stores only its hash.
          </p>
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
              {copied ? "Copied" : "Copy"}
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
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(`Revoke ${prefix}…? Clients using it get 403 at once.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={`Revoke ${prefix}`}>
        Revoke
      </button>
      {state?.error && <span className="error"> {state.error}</span>}
    </form>
  );
}
