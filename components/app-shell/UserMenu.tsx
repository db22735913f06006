"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { TeamRole } from "@/lib/teams/roles";
import styles from "./app-shell.module.css";

/**
 * The signed-in user's menu: who they are (instance role, role in the active team), the API docs and sign-out.
 * A native <details>: Enter/Space opens it, Escape closes it and gives the focus back, a click outside closes it.
 */
export function UserMenu({
  email,
  role,
  teamRole,
  signOutAction,
}: {
  email: string;
  role: string;
  teamRole: TeamRole | null;
  signOutAction?: () => Promise<void>;
}) {
  const t = useTranslations("nav");
  const tr = useTranslations("roles");
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: Event) => {
      const el = ref.current;
      if (!el?.open) return;
      if (e instanceof KeyboardEvent) {
        if (e.key !== "Escape") return;
        el.open = false;
        el.querySelector("summary")?.focus();
      } else if (!el.contains(e.target as Node)) el.open = false;
    };
    document.addEventListener("keydown", close);
    document.addEventListener("click", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("click", close);
    };
  }, []);
  return (
    <details className={styles.menu} ref={ref} data-testid="user-menu">
      <summary aria-label={t("userMenu", { email })}>
        <span data-testid="current-user">
          {email} · {tr.has(role) ? tr(role) : role}
        </span>
      </summary>
      <div className={styles.menuPanel}>
        {teamRole ? <p className={styles.menuNote}>{t("teamRole", { role: tr(teamRole) })}</p> : null}
        <Link href="/docs">{t("apiDocs")}</Link>
        <form action={signOutAction}>
          <button type="submit">{t("signOut")}</button>
        </form>
      </div>
    </details>
  );
}
