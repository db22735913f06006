import { headers } from "next/headers";
import { currentUser } from "@/lib/auth";
import { ssoEnabled } from "@/lib/auth/oidc";
import { getDb } from "@/lib/db/client";
import { listDomainRules } from "@/lib/db/queries/sso-domains";
import { env } from "@/lib/env";
import { DOMAIN_ROLES } from "@/lib/services/sso/save-domain";
import { activeTeam } from "@/lib/session/team";
import { can } from "@/lib/teams/roles";
import { AddDomainForm, RemoveDomainButton } from "./forms";

export const dynamic = "force-dynamic";

/** Single sign-on: whether it is configured, the redirect URI to register, and who joins the active team by domain. */
export default async function SsoSettingsPage() {
  const user = await currentUser();
  if (!user) return null;
  const team = await activeTeam(user.id);
  if (!team) return null;
  const h = await headers();
  const origin = env.AUTH_URL ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
  const manage = can(team.role, "members");
  const rules = manage ? await listDomainRules(await getDb(), { userId: user.id, teamId: team.id }) : [];
  return (
    <div className="stack" style={{ maxWidth: 800 }}>
      <h1>Single sign-on</h1>
      {ssoEnabled(env) ? (
        <p>
          People sign in with <strong>{env.OIDC_NAME}</strong> ({env.OIDC_ISSUER}). Redirect URI registered at the provider:{" "}
          <code>{new URL("/api/auth/callback/oidc", origin).toString()}</code>
        </p>
      ) : (
        <p className="muted">
          Not configured: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET on the server (see docs/sso.md). The rules below take effect once it is.
        </p>
      )}
      <h2>Who joins {team.name} on first sign-in</h2>
      <p className="muted">
        A person signing in for the first time whose address the identity provider has verified joins this team with the role of their e-mail domain. Anyone
        else needs an invitation; without one they are refused and no account is made.
      </p>
      {manage ? (
        <>
          {rules.length > 0 ? (
            <table aria-label="Domains">
              <thead>
                <tr>
                  <th>Domain</th>
                  <th>Joins as</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <tr key={r.domain}>
                    <td>{r.domain}</td>
                    <td>{r.role}</td>
                    <td>
                      <RemoveDomainButton domain={r.domain} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>No domain yet: only invited people can join.</p>
          )}
          <AddDomainForm roles={DOMAIN_ROLES} />
        </>
      ) : (
        <p>Only the team&apos;s owners and admins manage who may join.</p>
      )}
    </div>
  );
}
