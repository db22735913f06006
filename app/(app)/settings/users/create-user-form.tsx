"use client";

import { useActionState } from "react";
import { createUserAction, type UserFormState } from "./actions";
import { TEAM_ROLES } from "@/lib/teams/roles";

export function CreateUserForm() {
  const [state, action, pending] = useActionState<UserFormState, FormData>(createUserAction, undefined);
  return (
    <form action={action} className="card stack" aria-label="Add a user">
      {state?.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {state?.ok && (
        <p className="notice" role="status">
          {state.ok}
        </p>
      )}
      <div className="row">
        <label>
          Email
          <input name="email" type="email" required />
        </label>
        <label>
          Name
          <input name="name" />
        </label>
        <label>
          Initial password
          <input name="password" type="password" required minLength={8} autoComplete="new-password" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="reviewer">
            <option value="reviewer">reviewer</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <label>
          Team role
          <select name="teamRole" defaultValue="reviewer" data-testid="team-role">
            {TEAM_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div>
        <button className="primary" type="submit" disabled={pending}>
          Add user
        </button>
      </div>
    </form>
  );
}
