import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { activeTeam } from "@/lib/session/team";
import { SettingsNav } from "./settings-nav";
import { visibleSettings } from "./sections";
import styles from "./settings.module.css";

/** Every settings page: a left nav grouped by Team, Integrations and Data (only what the role allows), the page beside it. */
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const team = await activeTeam(user.id);
  const t = await getTranslations("settings");
  const groups = visibleSettings(team?.role ?? null, user.role === "admin").map((g) => ({
    label: t(`group.${g.id}`),
    pages: g.pages.map((p) => ({ href: p.href, label: t(`page.${p.id}`) })),
  }));
  return (
    <div className={styles.layout}>
      <SettingsNav label={t("title")} groups={groups} />
      <div className={styles.content}>{children}</div>
    </div>
  );
}
