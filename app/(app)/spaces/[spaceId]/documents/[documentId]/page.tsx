import { notFound, redirect } from "next/navigation";
import { refusePage } from "@/app/(app)/refuse";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { getDocumentById } from "@/lib/db/queries/documents";
import { getSheetRows } from "@/lib/db/queries/sheet";
import { getSpaceTeam, getTeamRole } from "@/lib/db/queries/teams";
import { can } from "@/lib/teams/roles";
import { DocumentPage } from "./DocumentPage";

export const dynamic = "force-dynamic";

const FIRST_ROWS = 1000;

/** One document of a space, large, with its values as a form (the sheet's other view). */
export default async function DocumentRoute({
  params,
  searchParams,
}: {
  params: Promise<{ spaceId: string; documentId: string }>;
  searchParams: Promise<{ walk?: string }>;
}) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const { spaceId, documentId } = await params;
  const { walk } = await searchParams;
  const loadedAt = new Date().toISOString();
  // The whole space (first window, the rest streams in): PageDown walks its documents.
  const db = await getDb();
  const sheet = await getSheetRows(db, { userId: user.id, spaceId, window: { offset: 0, limit: FIRST_ROWS } });
  if (!sheet) return refusePage(db, { spaceId });
  // the document itself: another team's is 403 like the API's, an unknown id or one of another space 404
  const doc = await getDocumentById(db, { userId: user.id, documentId });
  if (!doc) return refusePage(db, { documentId });
  if (doc.spaceId !== spaceId) notFound();
  const teamId = await getSpaceTeam(db, { spaceId });
  const role = teamId ? await getTeamRole(db, { userId: user.id, teamId }) : null;
  return (
    <DocumentPage
      spaceId={spaceId}
      spaceName={sheet.space.name}
      schema={sheet.schema}
      documentId={documentId}
      userId={user.id}
      walk={walk === "queue" ? "queue" : "all"}
      initialRows={sheet.rows}
      total={sheet.total}
      loadedAt={loadedAt}
      readOnly={!can(role, "review")}
    />
  );
}
