import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { getSheetRows } from "@/lib/db/queries/sheet";
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
  const sheet = await getSheetRows(await getDb(), { userId: user.id, spaceId, window: { offset: 0, limit: FIRST_ROWS } });
  if (!sheet) notFound();
  return (
    <DocumentPage
      spaceId={spaceId}
      spaceName={sheet.space.name}
      schema={sheet.schema}
      documentId={documentId}
      walk={walk === "queue" ? "queue" : "all"}
      initialRows={sheet.rows}
      total={sheet.total}
      loadedAt={loadedAt}
    />
  );
}
