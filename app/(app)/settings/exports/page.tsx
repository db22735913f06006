import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ExportSettingsForm } from "@/app/(app)/spaces/[spaceId]/ExportSettingsForm";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listSpaces } from "@/lib/db/queries/spaces";
import { activeTeam } from "@/lib/session/team";
import { can } from "@/lib/teams/roles";
import { displayName } from "@/lib/text/bidi";

export const dynamic = "force-dynamic";

/** Export presets per space: the accounts, tax codes and DATEV numbers the accounting exports write (space defaults). */
export default async function ExportPresetsPage({ searchParams }: { searchParams: Promise<{ space?: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const team = await activeTeam(user.id);
  if (!team || !can(team.role, "settings")) forbidden();
  const spaces = await listSpaces(await getDb(), { userId: user.id, action: "settings", teamId: team.id });
  const { space: wanted } = await searchParams;
  const current = spaces.find((s) => s.id === wanted) ?? spaces[0] ?? null;
  const t = await getTranslations("exportSettings");
  return (
    <div className="stack" style={{ maxWidth: 1100 }}>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {spaces.length === 0 ? (
        <p>{t("noSpaces")}</p>
      ) : (
        <nav className="row" aria-label={t("spaces")}>
          {spaces.map((s) => (
            <Link key={s.id} href={`/settings/exports?space=${s.id}`} aria-current={s.id === current?.id ? "page" : undefined}>
              {displayName(s.name)}
            </Link>
          ))}
        </nav>
      )}
      {current ? (
        <section className="card stack" aria-label={displayName(current.name)}>
          <h2 style={{ margin: 0 }}>{displayName(current.name)}</h2>
          <ExportSettingsForm key={current.id} spaceId={current.id} suppliers={[]} />
          <Link href={`/spaces/${current.id}`} className="muted">
            {t("openSpace", { space: displayName(current.name) })}
          </Link>
        </section>
      ) : null}
    </div>
  );
}
