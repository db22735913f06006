"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { type FormState, setupAction } from "../actions";
import styles from "../auth.module.css";

export function SetupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(setupAction, undefined);
  const t = useTranslations("auth");
  return (
    <form action={action} className={`card stack ${styles.form}`} aria-label={t("createFirstAdmin")}>
      <h1>{t("welcome")}</h1>
      <p className="muted">{t("noOneYet")}</p>
      {state?.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      <label>
        {t("name")}
        <input name="name" autoComplete="name" defaultValue={state?.name} key={`name-${state?.name ?? ""}`} />
      </label>
      <label>
        {t("teamName")}
        <input name="teamName" autoComplete="organization" placeholder={t("teamPlaceholder")} maxLength={120} />
      </label>
      <label>
        {t("email")}
        <input name="email" type="email" autoComplete="username" required defaultValue={state?.email} key={`email-${state?.email ?? ""}`} />
      </label>
      <label>
        {t("passwordNew")}
        <input name="password" type="password" autoComplete="new-password" required minLength={8} />
      </label>
      <label>
        {t("repeat")}
        <input name="confirm" type="password" autoComplete="new-password" required minLength={8} />
      </label>
      <button className="primary" type="submit" disabled={pending}>
        {pending ? t("creating") : t("createAdmin")}
      </button>
    </form>
  );
}
