import Link from "next/link";
import type { AppUser } from "@/lib/auth";
import styles from "./app-shell.module.css";

/**
 * The app's top bar: brand, navigation, the signed-in user. Shared by the signed-in
 * layout and the public API docs (signed out, it offers "Sign in" instead).
 */
export function AppHeader({ user, signOutAction }: { user: AppUser | null; signOutAction?: () => Promise<void> }) {
  return (
    <header className={styles.header}>
      <Link href="/" className={styles.brand}>
        <span className={styles.logo}>✓</span> Vouch
      </Link>
      <nav className={styles.nav} aria-label="Main">
        {user ? (
          <>
            <Link href="/">Spaces</Link>
            <Link href="/review">Review queue</Link>
            <Link href="/settings/api-keys">API keys</Link>
            <Link href="/settings/webhooks">Webhooks</Link>
            <Link href="/settings/company">My company</Link>
            {user.role === "admin" && <Link href="/settings/users">Users</Link>}
          </>
        ) : null}
        <Link href="/docs">API docs</Link>
      </nav>
      {user ? (
        <form action={signOutAction} className={styles.user}>
          <span className="muted" data-testid="current-user">
            {user.email} · {user.role}
          </span>
          <button type="submit">Sign out</button>
        </form>
      ) : (
        <Link href="/login">Sign in</Link>
      )}
    </header>
  );
}
