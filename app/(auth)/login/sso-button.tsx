"use client";

import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import { ssoSignInAction } from "../actions";
import styles from "../auth.module.css";

function Title() {
  return <h1>{useTranslations("auth")("signInTitle")}</h1>;
}

function Submit({ name }: { name: string }) {
  const { pending } = useFormStatus();
  const t = useTranslations("auth");
  return (
    <button className="primary" type="submit" disabled={pending}>
      {pending ? t("ssoRedirecting") : t("ssoSignIn", { name })}
    </button>
  );
}

/** "Sign in with <provider>" — the organisation's identity provider (OIDC_NAME). */
export function SsoButton({ name, next, invite }: { name: string; next: string; invite?: string }) {
  return (
    <form action={ssoSignInAction} className={`card stack ${styles.form}`}>
      <Title />
      <input type="hidden" name="next" value={next} />
      {invite && <input type="hidden" name="invite" value={invite} />}
      <Submit name={name} />
    </form>
  );
}
