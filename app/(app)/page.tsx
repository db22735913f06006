import Link from "next/link";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listSpaces } from "@/lib/db/queries/spaces";
import { templates } from "@/lib/engine/templates";
import { CreateSpaceForm } from "@/app/(app)/create-space-form";
import { displayName } from "@/lib/text/bidi";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await currentUser();
  const spaces = user ? await listSpaces(await getDb(), { userId: user.id }) : [];
  const templateList = Object.values(templates).map((t) => ({ id: t.id, label: t.label, description: t.description }));
  return (
    <div className="stack" style={{ maxWidth: 1000 }}>
      <h1>Spaces</h1>
      {spaces.length === 0 ? (
        <div className="card" data-testid="empty-spaces">
          <strong>No spaces yet.</strong>
          <p className="muted">
            A space is a sheet: pick what kind of documents go in it (invoices, delivery notes, receipts, or your own
            fields), then drop files onto it. Every value comes back with the place on the page it was read from.
            Create your first space below.
          </p>
        </div>
      ) : (
        <table className="list" data-testid="spaces-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Schema</th>
              <th>Documents</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {spaces.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/spaces/${s.id}`}>{displayName(s.name)}</Link>
                </td>
                <td>{s.templateId ? (templates[s.templateId]?.label ?? s.templateId) : `${s.fields.length} custom fields`}</td>
                <td>{s.documentCount}</td>
                <td className="muted">{s.createdAt.toISOString().slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>New space</h2>
      <CreateSpaceForm templates={templateList} />
    </div>
  );
}
