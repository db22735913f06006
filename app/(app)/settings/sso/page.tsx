import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
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
  const t = await getTranslations("sso");
  const tr = await getTranslations("roles");
  return (
    <div className="stack" style={{ maxWidth: 800 }}>
      <h1>{t("title")}</h1>
      {ssoEnabled(env) ? (
        <p>
          {t.rich("configured", {
            name: env.OIDC_NAME,
            issuer: env.OIDC_ISSUER ?? "",
            strong: (c) => <strong>{c}</strong>,
          })}{" "}
          <code>{new URL("/api/auth/callback/oidc", origin).toString()}</code>
        </p>
      ) : (
        <p className="muted">{t("notConfigured")}</p>
      )}
      <h2>{t("whoJoins", { team: team.name })}</h2>
      <p className="muted">{t("joinRule")}</p>
      {manage ? (
        <>
          {rules.length > 0 ? (
            <table aria-label={t("domains")}>
              <thead>
                <tr>
                  <th>{t("domain")}</th>
                  <th>{t("joinsAs")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <tr key={r.domain}>
                    <td>{r.domain}</td>
                    <td>{tr(r.role)}</td>
                    <td>
                      <RemoveDomainButton domain={r.domain} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t("noDomain")}</p>
          )}
          <AddDomainForm roles={DOMAIN_ROLES.map((r) => ({ value: r, label: tr(r) }))} />
        </>
      ) : (
        <p>{t("onlyAdmins")}</p>
      )}
    </div>
  );
}
