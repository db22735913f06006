import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { listSpaces } from "@/lib/db/queries/spaces";
import { WHEN_UTC } from "@/lib/i18n/format";
import { requireTeamPage } from "@/lib/session/team";
import { displayName } from "@/lib/text/bidi";
import { CreateKeyForm, RevokeKeyButton } from "./key-forms";

export const dynamic = "force-dynamic";

export default async function ApiKeysPage() {
  const { user, team } = await requireTeamPage("keys");
  const db = await getDb();
  const keys = await listApiKeys(db, { userId: user.id, teamId: team.id });
  const spaces = await listSpaces(db, { userId: user.id, action: "keys", teamId: team.id });
  const t = await getTranslations("apiKeys");
  const format = await getFormatter();
  const when = (d: Date | null) => (d ? format.dateTime(d, WHEN_UTC) : t("never"));
  return (
    <div className="stack" style={{ maxWidth: 900 }}>
      <h1>{t("title")}</h1>
      <p className="muted">
        {t.rich("intro", {
          code: (c) => <code>{c}</code>,
          docs: (c) => <Link href="/docs">{c}</Link>,
        })}
      </p>
      <CreateKeyForm spaces={spaces.map((s) => ({ id: s.id, name: displayName(s.name) }))} />
      <h2>{t("keysOf", { team: displayName(team.name) })}</h2>
      {keys.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <table className="list" data-testid="api-keys-table">
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("key")}</th>
              <th>{t("created")}</th>
              <th>{t("lastUsed")}</th>
              <th>{t("status")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td>
                  {displayName(k.name)}
                  {k.readOnly ? ` · ${t("readOnlyTag")}` : ""}
                  {k.spaceId ? ` · ${t("oneSpaceTag")}` : ""}
                  <span className="muted"> · {k.createdBy}</span>
                </td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td className="muted">{when(k.createdAt)}</td>
                <td className="muted">{when(k.lastUsedAt)}</td>
                <td>{k.revokedAt ? t("revokedAt", { when: when(k.revokedAt) }) : t("active")}</td>
                <td>{!k.revokedAt && <RevokeKeyButton id={k.id} prefix={k.prefix} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">{t.rich("headless", { code: (c) => <code>{c}</code> })}</p>
    </div>
  );
}
