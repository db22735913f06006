import { redirect } from "next/navigation";
import { refusePage } from "@/app/(app)/refuse";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { getSheetRows } from "@/lib/db/queries/sheet";
import { SpaceWorkspace } from "./SpaceWorkspace";
import { displayName } from "@/lib/text/bidi";
import { getSpaceTeam, getTeamRole } from "@/lib/db/queries/teams";
import { can } from "@/lib/teams/roles";

export const dynamic = "force-dynamic";

const FIRST_ROWS = 300;

/** A space: upload on top, the sheet grid beside the page canvas, the review queue. */
export default async function SpacePage({ params, searchParams }: { params: Promise<{ spaceId: string }>; searchParams: Promise<{ view?: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const { spaceId } = await params;
  const { view } = await searchParams;
  // Taken before the query: the first poll asks for what changed after it.
  const loadedAt = new Date().toISOString();
  // The first rows render at once; the rest of a big space streams in from the client.
  const db = await getDb();
  const sheet = await getSheetRows(db, { userId: user.id, spaceId, window: { offset: 0, limit: FIRST_ROWS } });
  if (!sheet) return refusePage(db, { spaceId });
  const teamId = await getSpaceTeam(db, { spaceId });
  const role = teamId ? await getTeamRole(db, { userId: user.id, teamId }) : null;
  return (
    <SpaceWorkspace
      spaceId={spaceId}
      name={displayName(sheet.space.name)}
      schema={sheet.schema}
      initialRows={sheet.rows}
      total={sheet.total}
      initialView={view === "review" ? "review" : "grid"}
      loadedAt={loadedAt}
      may={{ upload: can(role, "upload"), export: can(role, "export"), review: can(role, "review") }}
    />
  );
}
