"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "./settings.module.css";

/** The settings left nav: plain links in groups (Tab walks them), the current page marked for eyes and screen readers. */
export function SettingsNav({ label, groups }: { label: string; groups: Array<{ label: string; pages: Array<{ href: string; label: string }> }> }) {
  const path = usePathname();
  return (
    <nav className={styles.nav} aria-label={label} data-testid="settings-nav">
      <Link href="/settings" className={styles.title} aria-current={path === "/settings" ? "page" : undefined}>
        {label}
      </Link>
      {groups.map((g) => (
        <section key={g.label} aria-label={g.label}>
          <h2 className={styles.group}>{g.label}</h2>
          <ul>
            {g.pages.map((p) => (
              <li key={p.href}>
                <Link href={p.href} aria-current={path === p.href ? "page" : undefined}>
                  {p.label}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
