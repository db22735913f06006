"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { removeDomainAction, saveDomainAction } from "./actions";

/** Add a domain rule (or change the role of one this team has). */
export function AddDomainForm({ roles }: { roles: ReadonlyArray<{ value: string; label: string }> }) {
  const [state, save, saving] = useActionState(saveDomainAction, undefined);
  const t = useTranslations("sso");
  return (
    <form action={save} className="card stack" aria-label={t("addDomain")}>
      <div className="row" style={{ alignItems: "end", gap: 12 }}>
        <label className="stack" style={{ gap: 4 }}>
          {t("usersFrom")}
          <input name="domain" placeholder="example.com" required />
        </label>
        <label className="stack" style={{ gap: 4 }}>
          {t("joinAs")}
          <select name="role" defaultValue="viewer">
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <button className="primary" type="submit" disabled={saving}>
          {t("save")}
        </button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}

/** Remove one domain rule. */
export function RemoveDomainButton({ domain }: { domain: string }) {
  const [state, remove, removing] = useActionState(removeDomainAction, undefined);
  const t = useTranslations("sso");
  return (
    <form action={remove}>
      <input type="hidden" name="domain" value={domain} />
      <button type="submit" disabled={removing} aria-label={t("removeLabel", { domain })}>
        {t("remove")}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
