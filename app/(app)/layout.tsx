import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser, signOut } from "@/lib/auth";
import styles from "./app.module.css";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/login" });
  }
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <Link href="/" className={styles.brand}>
          <span className={styles.logo}>✓</span> Vouch
        </Link>
        <nav className={styles.nav} aria-label="Main">
          <Link href="/">Spaces</Link>
          <Link href="/review">Review queue</Link>
          <Link href="/settings/api-keys">API keys</Link>
          <Link href="/settings/webhooks">Webhooks</Link>
          <Link href="/settings/company">My company</Link>
          {user.role === "admin" && <Link href="/settings/users">Users</Link>}
          <Link href="/docs">API docs</Link>
        </nav>
        <form action={signOutAction} className={styles.user}>
          <span className="muted" data-testid="current-user">
            {user.email} · {user.role}
          </span>
          <button type="submit">Sign out</button>
        </form>
      </header>
      <main className={styles.main}>{children}</main>
    </div>
  );
}
