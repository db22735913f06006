"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import styles from "../../auth.module.css";
import { type AcceptState, acceptInviteAction, joinAsSignedInAction } from "./actions";

/** The invitee's side: a new account (name, e-mail, own password), or joining with the account signed in. */
export function AcceptForm(props: { token: string; teamName: string; role: string; expiresAt: string; signedInAs: string | null }) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(acceptInviteAction, undefined);
  const [joinState, join, joining] = useActionState<AcceptState, FormData>(joinAsSignedInAction, undefined);
  const t = useTranslations("invite");
  const ta = useTranslations("auth");
  return (
    <div className={`card stack ${styles.form}`} data-testid="invite">
      <h1>{t("join", { team: props.teamName })}</h1>
      <p className="muted">
        {t.rich("invitedAs", {
          role: props.role,
          until: props.expiresAt,
          strong: (c) => <strong data-testid="invite-role">{c}</strong>,
        })}
      </p>
      {props.signedInAs ? (
        <form action={join} className="stack">
          <input type="hidden" name="token" value={props.token} />
          {joinState?.error ? (
            <p className="error" role="alert">
              {joinState.error}
            </p>
          ) : null}
          <button className="primary" type="submit" disabled={joining} data-testid="invite-join">
            {t("joinAs", { email: props.signedInAs })}
          </button>
          <p className="muted">{t("signOutFirst")}</p>
        </form>
      ) : (
        <form action={action} className="stack" aria-label={t("createAccount")}>
          <input type="hidden" name="token" value={props.token} />
          {state?.error ? (
            <p className="error" role="alert">
              {state.error}
            </p>
          ) : null}
          <label>
            {ta("name")}
            <input name="name" autoComplete="name" defaultValue={state?.name} key={`n-${state?.name ?? ""}`} />
          </label>
          <label>
            {ta("email")}
            <input name="email" type="email" autoComplete="username" required defaultValue={state?.email} key={`e-${state?.email ?? ""}`} />
          </label>
          <label>
            {ta("password")}
            <input name="password" type="password" autoComplete="new-password" required minLength={8} />
          </label>
          <label>
            {ta("repeat")}
            <input name="confirm" type="password" autoComplete="new-password" required minLength={8} />
          </label>
          <button className="primary" type="submit" disabled={pending} data-testid="invite-accept">
            {pending ? t("joining") : t("createAndJoin")}
          </button>
          <p className="muted">{t.rich("haveAccount", { signin: (c) => <a href={`/login?next=${encodeURIComponent(`/invite/${props.token}`)}`}>{c}</a> })}</p>
        </form>
      )}
    </div>
  );
}
