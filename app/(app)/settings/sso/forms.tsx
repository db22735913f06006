"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { removeDomainAction, saveDomainAction } from "./actions";

/** Add a domain rule (or change the role of one this team has). */
export function AddDomainForm({ roles }: { roles: readonly string[] }) {
  const [state, save, saving] = useActionState(saveDomainAction, undefined);
  return (
    <form action={save} className="card stack" aria-label="Add a domain">
      <div className="row" style={{ alignItems: "end", gap: 12 }}>
        <label className="stack" style={{ gap: 4 }}>
          Users from
          <input name="domain" placeholder="example.com" required />
        </label>
        <label className="stack" style={{ gap: 4 }}>
          join as
          <select name="role" defaultValue="viewer">
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button className="primary" type="submit" disabled={saving}>
          Save
        </button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}

/** Remove one domain rule. */
export function RemoveDomainButton({ domain }: { domain: string }) {
  const [state, remove, removing] = useActionState(removeDomainAction, undefined);
  return (
    <form action={remove}>
      <input type="hidden" name="domain" value={domain} />
      <button type="submit" disabled={removing} aria-label={`Remove ${domain}`}>
        Remove
      </button>
      <FormStatus state={state} />
    </form>
  );
}
