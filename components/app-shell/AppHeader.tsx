import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AppUser } from "@/lib/auth";
import styles from "./app-shell.module.css";
import { LanguageSwitch } from "./LanguageSwitch";
import { type TeamChoice, TeamSwitch } from "./TeamSwitch";
import { UserMenu } from "./UserMenu";

/**
 * The app's top bar: brand, the main work links (spaces, review queue, settings), the team switcher, the language
 * switch and the user menu. Every settings page sits behind "Settings" (its left nav): the bar stays one line at
 * 1366 px in both languages. Shared by the signed-in layout and the public API docs (signed out: "Sign in").
 */
export async function AppHeader({
  user,
  signOutAction,
  teams = [],
  activeTeamId = null,
  switchTeamAction,
  createTeamAction,
}: {
  user: AppUser | null;
  signOutAction?: () => Promise<void>;
  /** the user's teams and the active one (the switcher). */
  teams?: TeamChoice[];
  activeTeamId?: string | null;
  switchTeamAction?: (teamId: string) => Promise<void>;
  createTeamAction?: (name: string) => Promise<void>;
}) {
  const t = await getTranslations("nav");
  const role = teams.find((x) => x.id === activeTeamId)?.role ?? null;
  return (
    <header className={styles.header}>
      <Link href="/" className={styles.brand}>
        <span className={styles.logo}>✓</span> Vouch
      </Link>
      <nav className={styles.nav} aria-label={t("main")}>
        {user ? (
          <>
            <Link href="/">{t("spaces")}</Link>
            <Link href="/review">{t("reviewQueue")}</Link>
            <Link href="/settings" data-testid="nav-settings">
              {t("settings")}
            </Link>
          </>
        ) : (
          <Link href="/docs">{t("apiDocs")}</Link>
        )}
      </nav>
      {user && switchTeamAction ? (
        <TeamSwitch teams={teams} active={activeTeamId} switchTeam={switchTeamAction} {...(createTeamAction ? { createTeam: createTeamAction } : {})} />
      ) : null}
      <LanguageSwitch />
      {user ? (
        <UserMenu email={user.email} role={user.role} teamRole={role} {...(signOutAction ? { signOutAction } : {})} />
      ) : (
        <Link href="/login">{t("signIn")}</Link>
      )}
    </header>
  );
}
