"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { type FormState, loginAction } from "../actions";
import styles from "../auth.module.css";

export function LoginForm({ next, withSso = false }: { next: string; withSso?: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(loginAction, undefined);
  const t = useTranslations("auth");
  return (
    <form action={action} className={`card stack ${styles.form}`} aria-label={t("signInTitle")}>
      {withSso ? <h2>{t("or")}</h2> : <h1>{t("signInTitle")}</h1>}
      {state?.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      <input type="hidden" name="next" value={next} />
      <label>
        {t("email")}
        <input name="email" type="email" autoComplete="username" required defaultValue={state?.email} />
      </label>
      <label>
        {t("password")}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button className="primary" type="submit" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </button>
    </form>
  );
}
