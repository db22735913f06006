import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-shell";
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
      <AppHeader user={user} signOutAction={signOutAction} />
      <main className={styles.main}>{children}</main>
    </div>
  );
}
