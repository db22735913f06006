"use client";

import { useActionState } from "react";
import styles from "../../auth.module.css";
import { type AcceptState, acceptInviteAction, joinAsSignedInAction } from "./actions";

/** The invitee's side: a new account (name, e-mail, own password), or joining with the account signed in. */
export function AcceptForm(props: { token: string; teamName: string; role: string; expiresAt: string; signedInAs: string | null }) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(acceptInviteAction, undefined);
  const [joinState, join, joining] = useActionState<AcceptState, FormData>(joinAsSignedInAction, undefined);
  return (
    <div className={`card stack ${styles.form}`} data-testid="invite">
      <h1>Join {props.teamName}</h1>
      <p className="muted">
        You are invited as <strong data-testid="invite-role">{props.role}</strong>. The link works once, until {props.expiresAt} UTC.
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
            Join as {props.signedInAs}
          </button>
          <p className="muted">Or sign out first to create a new account.</p>
        </form>
      ) : (
        <form action={action} className="stack" aria-label="Create your account">
          <input type="hidden" name="token" value={props.token} />
          {state?.error ? (
            <p className="error" role="alert">
              {state.error}
            </p>
          ) : null}
          <label>
            Name
            <input name="name" autoComplete="name" defaultValue={state?.name} key={`n-${state?.name ?? ""}`} />
          </label>
          <label>
            Email
            <input name="email" type="email" autoComplete="username" required defaultValue={state?.email} key={`e-${state?.email ?? ""}`} />
          </label>
          <label>
            Password
            <input name="password" type="password" autoComplete="new-password" required minLength={8} />
          </label>
          <label>
            Repeat the password
            <input name="confirm" type="password" autoComplete="new-password" required minLength={8} />
          </label>
          <button className="primary" type="submit" disabled={pending} data-testid="invite-accept">
            {pending ? "Joining…" : "Create account and join"}
          </button>
          <p className="muted">
            Already have an account? <a href={`/login?next=${encodeURIComponent(`/invite/${props.token}`)}`}>Sign in</a> and open this link again.
          </p>
        </form>
      )}
    </div>
  );
}
