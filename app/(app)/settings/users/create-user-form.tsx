"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { createUserAction, type UserFormState } from "./actions";

/** Add an account with an initial password; it joins the admin's active team with the team role chosen. */
export function CreateUserForm({ roles }: { roles: ReadonlyArray<{ value: string; label: string }> }) {
  const [state, action, pending] = useActionState<UserFormState, FormData>(createUserAction, undefined);
  const t = useTranslations("users");
  const tr = useTranslations("roles");
  return (
    <form action={action} className="card stack" aria-label={t("add")}>
      <FormStatus state={state} />
      <div className="row">
        <label>
          {t("email")}
          <input name="email" type="email" required />
        </label>
        <label>
          {t("name")}
          <input name="name" />
        </label>
        <label>
          {t("initialPassword")}
          <input name="password" type="password" required minLength={8} autoComplete="new-password" />
        </label>
        <label>
          {t("role")}
          <select name="role" defaultValue="reviewer">
            <option value="reviewer">{tr("reviewer")}</option>
            <option value="admin">{tr("admin")}</option>
          </select>
        </label>
        <label>
          {t("teamRole")}
          <select name="teamRole" defaultValue="reviewer" data-testid="team-role">
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div>
        <button className="primary" type="submit" disabled={pending}>
          {t("addButton")}
        </button>
      </div>
    </form>
  );
}
