import { forbidden, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/db/queries/users";
import { DAY_UTC } from "@/lib/i18n/format";
import { TEAM_ROLES } from "@/lib/teams/roles";
import { displayName } from "@/lib/text/bidi";
import { CreateUserForm } from "./create-user-form";

export const dynamic = "force-dynamic";

/** The installation's accounts, for its instance admins. */
export default async function UsersPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (user.role !== "admin") forbidden();
  const users = await listUsers(await getDb());
  const t = await getTranslations("users");
  const tr = await getTranslations("roles");
  const format = await getFormatter();
  return (
    <div className="stack" style={{ maxWidth: 800 }}>
      <h1>{t("title")}</h1>
      <table className="list" data-testid="users-table">
        <thead>
          <tr>
            <th>{t("email")}</th>
            <th>{t("name")}</th>
            <th>{t("role")}</th>
            <th>{t("since")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{displayName(u.name)}</td>
              <td>{tr(u.role)}</td>
              <td className="muted">{format.dateTime(u.createdAt, DAY_UTC)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("add")}</h2>
      <CreateUserForm roles={TEAM_ROLES.map((r) => ({ value: r, label: tr(r) }))} />
    </div>
  );
}
