import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { CreateKeyForm, RevokeKeyButton } from "./key-forms";
import { displayName } from "@/lib/text/bidi";
import { activeTeam } from "@/lib/session/team";
import { can } from "@/lib/teams/roles";
import { listSpaces } from "@/lib/db/queries/spaces";

export const dynamic = "force-dynamic";

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "never");

export default async function ApiKeysPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const team = await activeTeam(user.id);
  if (!team || !can(team.role, "keys")) {
    return (
      <div className="stack" style={{ maxWidth: 900 }}>
        <h1>API keys</h1>
        <p data-testid="api-keys-forbidden">Only the team&apos;s admins and owners manage its API keys.</p>
      </div>
    );
  }
  const db = await getDb();
  const keys = await listApiKeys(db, { userId: user.id, teamId: team.id });
  const spaces = await listSpaces(db, { userId: user.id, action: "keys", teamId: team.id });
  return (
    <div className="stack" style={{ maxWidth: 900 }}>
      <h1>API keys</h1>
      <p className="muted">
        Call the API with <code>Authorization: Bearer vch_…</code>. See the <Link href="/docs">API docs</Link>. A key is shown once when created; lost keys
        cannot be recovered, only revoked and replaced.
      </p>
      <CreateKeyForm spaces={spaces.map((s) => ({ id: s.id, name: displayName(s.name) }))} />
      <h2>Keys of {displayName(team.name)}</h2>
      {keys.length === 0 ? (
        <p className="muted">No keys yet.</p>
      ) : (
        <table className="list" data-testid="api-keys-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td>
                  {displayName(k.name)}
                  {k.readOnly ? " · read-only" : ""}
                  {k.spaceId ? " · one space" : ""}
                  <span className="muted"> · {k.createdBy}</span>
                </td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td className="muted">{when(k.createdAt)}</td>
                <td className="muted">{when(k.lastUsedAt)}</td>
                <td>{k.revokedAt ? `revoked ${when(k.revokedAt)}` : "active"}</td>
                <td>{!k.revokedAt && <RevokeKeyButton id={k.id} prefix={k.prefix} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        Headless installs: <code>npm run keys -- create --email you@example.com</code> (stop the server first when using the embedded database).
      </p>
    </div>
  );
}
