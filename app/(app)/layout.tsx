import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-shell";
import { cookies } from "next/headers";
import { currentUser, signOut } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listTeamsOf } from "@/lib/db/queries/teams";
import { asUser } from "@/lib/session/action";
import { activeTeam, TEAM_COOKIE } from "@/lib/session/team";
import { createTeam } from "@/lib/services/teams/create";
import styles from "./app.module.css";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/login" });
  }
  async function switchTeamAction(teamId: string) {
    "use server";
    const me = await currentUser();
    if (!me) return;
    // only a team the user is an active member of; the cookie is a preference, every check asks the database
    const mine = await listTeamsOf(await getDb(), { userId: me.id });
    if (!mine.some((t) => t.id === teamId)) return;
    (await cookies()).set(TEAM_COOKIE, teamId, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax", httpOnly: true });
  }
  async function createTeamAction(name: string) {
    "use server";
    const r = await asUser(async (me) => createTeam({ db: await getDb(), userId: me.id, input: { name } }), "create team");
    if (r.ok) (await cookies()).set(TEAM_COOKIE, r.value.id, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax", httpOnly: true });
  }
  const teams = await listTeamsOf(await getDb(), { userId: user.id });
  const active = await activeTeam(user.id);
  return (
    <div className={styles.shell}>
      <AppHeader
        user={user}
        signOutAction={signOutAction}
        teams={teams}
        activeTeamId={active?.id ?? null}
        switchTeamAction={switchTeamAction}
        createTeamAction={createTeamAction}
      />
      <main className={styles.main}>{children}</main>
    </div>
  );
}
