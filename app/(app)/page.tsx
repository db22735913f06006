import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listSpaces } from "@/lib/db/queries/spaces";
import { templates } from "@/lib/engine/templates";
import { CreateSpaceForm } from "@/app/(app)/create-space-form";
import { displayName } from "@/lib/text/bidi";
import { activeTeam } from "@/lib/session/team";
import { can } from "@/lib/teams/roles";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await currentUser();
  const team = user ? await activeTeam(user.id) : null;
  // the active team's spaces (the header's switcher picks the team)
  const spaces = user && team ? await listSpaces(await getDb(), { userId: user.id, teamId: team.id }) : [];
  const t = await getTranslations("spaces");
  // Numbers and dates in the reader's locale (the creation day as stored: UTC).
  const format = await getFormatter();
  // A built-in template's name in the reader's language (the template's own label otherwise).
  const templateLabel = (id: string, label: string) => (t.has(`template_${id}`) ? t(`template_${id}`) : label);
  const templateList = Object.values(templates).map((tp) => ({ id: tp.id, label: templateLabel(tp.id, tp.label), description: tp.description }));
  return (
    <div className="stack" style={{ maxWidth: 1000 }}>
      <h1>{t("title")}</h1>
      {spaces.length === 0 ? (
        <div className="card" data-testid="empty-spaces">
          <strong>{t("none")}</strong>
          <p className="muted">{t("intro")}</p>
        </div>
      ) : (
        <table className="list" data-testid="spaces-table">
          <thead>
            <tr>
              <th>{t("name")}</th>
              <th>{t("schema")}</th>
              <th>{t("documents")}</th>
              <th>{t("created")}</th>
            </tr>
          </thead>
          <tbody>
            {spaces.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/spaces/${s.id}`}>{displayName(s.name)}</Link>
                </td>
                <td>
                  {s.templateId ? templateLabel(s.templateId, templates[s.templateId]?.label ?? s.templateId) : t("customFields", { count: s.fields.length })}
                </td>
                <td>{format.number(s.documentCount)}</td>
                <td className="muted">{format.dateTime(s.createdAt, { dateStyle: "medium", timeZone: "UTC" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(team?.role, "settings") ? (
        <>
          <h2>{t("newSpace")}</h2>
          <CreateSpaceForm templates={templateList} />
        </>
      ) : null}
    </div>
  );
}
