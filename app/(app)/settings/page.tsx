import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { activeTeam } from "@/lib/session/team";
import { visibleSettings } from "./sections";
import styles from "./settings.module.css";

export const dynamic = "force-dynamic";

/** The settings overview: each page the role may open, with one line on what it is for. */
export default async function SettingsPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const team = await activeTeam(user.id);
  const t = await getTranslations("settings");
  const groups = visibleSettings(team?.role ?? null, user.role === "admin");
  return (
    <div className="stack" style={{ maxWidth: 1000 }}>
      <h1>{t("title")}</h1>
      {groups.map((g) => (
        <section key={g.id} className="stack" aria-labelledby={`settings-${g.id}`}>
          <h2 id={`settings-${g.id}`}>{t(`group.${g.id}`)}</h2>
          <div className={styles.cards}>
            {g.pages.map((p) => (
              <Link key={p.id} href={p.href} className="card stack" style={{ gap: 4, textDecoration: "none" }}>
                <strong>{t(`page.${p.id}`)}</strong>
                <span className="muted">{t(`about.${p.id}`)}</span>
              </Link>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
