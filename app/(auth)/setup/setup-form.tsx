"use client";

import { useActionState } from "react";
import { type FormState, setupAction } from "../actions";
import styles from "../auth.module.css";

export function SetupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(setupAction, undefined);
  return (
    <form action={action} className={`card stack ${styles.form}`} aria-label="Create the first admin">
      <h1>Welcome to Vouch</h1>
      <p className="muted">No one has signed up yet. Create the first administrator account.</p>
      {state?.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      <label>
        Name
        <input name="name" autoComplete="name" defaultValue={state?.name} key={`name-${state?.name ?? ""}`} />
      </label>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required defaultValue={state?.email} key={`email-${state?.email ?? ""}`} />
      </label>
      <label>
        Password (8 characters or more)
        <input name="password" type="password" autoComplete="new-password" required minLength={8} />
      </label>
      <label>
        Repeat the password
        <input name="confirm" type="password" autoComplete="new-password" required minLength={8} />
      </label>
      <button className="primary" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create admin and sign in"}
      </button>
    </form>
  );
}
