import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/db/queries/users";
import { CreateUserForm } from "./create-user-form";
import { displayName } from "@/lib/text/bidi";

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const user = await currentUser();
  if (user?.role !== "admin") redirect("/");
  const users = await listUsers(await getDb());
  return (
    <div className="stack" style={{ maxWidth: 800 }}>
      <h1>Users</h1>
      <table className="list" data-testid="users-table">
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Since</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{displayName(u.name)}</td>
              <td>{u.role}</td>
              <td className="muted">{u.createdAt.toISOString().slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <CreateUserForm />
    </div>
  );
}
