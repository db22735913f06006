import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ExportSettingsForm } from "@/app/(app)/spaces/[spaceId]/ExportSettingsForm";
import { getDb } from "@/lib/db/client";
import { listSpaces } from "@/lib/db/queries/spaces";
import { requireTeamPage } from "@/lib/session/team";
import { SpacePicker } from "../space-picker";
import { displayName } from "@/lib/text/bidi";

export const dynamic = "force-dynamic";

/** Export presets per space: the accounts, tax codes and DATEV numbers the accounting exports write (space defaults). */
export default async function ExportPresetsPage({ searchParams }: { searchParams: Promise<{ space?: string }> }) {
  const { user, team } = await requireTeamPage("settings");
  const spaces = await listSpaces(await getDb(), { userId: user.id, action: "settings", teamId: team.id });
  const { space: wanted } = await searchParams;
  const current = spaces.find((s) => s.id === wanted) ?? spaces[0] ?? null;
  const t = await getTranslations("exportSettings");
  return (
    <div className="stack" style={{ maxWidth: 1100 }}>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <SpacePicker spaces={spaces} currentId={current?.id} path="/settings/exports" label={t("spaces")} empty={t("noSpaces")} />
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
