import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AppUser } from "@/lib/auth";
import styles from "./app-shell.module.css";
import { LanguageSwitch } from "./LanguageSwitch";
import { can } from "@/lib/teams/roles";
import { type TeamChoice, TeamSwitch } from "./TeamSwitch";

/**
 * The app's top bar: brand, navigation, the signed-in user. Shared by the signed-in
 * layout and the public API docs (signed out, it offers "Sign in" instead).
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
  /** the user's teams and the active one (the switcher; settings links follow the role there). */
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
      <nav className={styles.nav} aria-label="Main">
        {user ? (
          <>
            <Link href="/">{t("spaces")}</Link>
            <Link href="/review">{t("reviewQueue")}</Link>
            {can(role, "keys") && <Link href="/settings/api-keys">{t("apiKeys")}</Link>}
            {can(role, "webhooks") && <Link href="/settings/webhooks">{t("webhooks")}</Link>}
            <Link href="/settings/company">{t("myCompany")}</Link>
            <Link href="/settings/memory">{t("supplierMemory")}</Link>
            <Link href="/settings/sso">{t("sso")}</Link>
            {user.role === "admin" && <Link href="/settings/users">{t("users")}</Link>}
            {can(role, "members") && <Link href="/settings/members">{t("members")}</Link>}
            {can(role, "audit") && <Link href="/settings/audit">{t("auditLog")}</Link>}
          </>
        ) : null}
        <Link href="/docs">{t("apiDocs")}</Link>
      </nav>
      {user && switchTeamAction ? (
        <TeamSwitch teams={teams} active={activeTeamId} switchTeam={switchTeamAction} {...(createTeamAction ? { createTeam: createTeamAction } : {})} />
      ) : null}
      <LanguageSwitch />
      {user ? (
        <form action={signOutAction} className={styles.user}>
          <span className="muted" data-testid="current-user">
            {user.email} · {user.role}
          </span>
          <button type="submit">{t("signOut")}</button>
        </form>
      ) : (
        <Link href="/login">{t("signIn")}</Link>
      )}
    </header>
  );
}
