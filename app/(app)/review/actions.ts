"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { asUser } from "@/lib/session/action";
import { assignDocument } from "@/lib/services/claims/assign";
import { claimNextDocument } from "@/lib/services/claims/claim-next";
import { activeTeam } from "@/lib/session/team";

/** "Review next": claim the next document nobody else holds (in one space, or across the active team's) and open it. */
export async function startReviewAction(form: FormData): Promise<void> {
  const spaceId = String(form.get("space") ?? "") || undefined;
  const r = await asUser(async (user) => {
    const team = await activeTeam(user.id);
    if (!team) return null;
    return claimNextDocument({ db: await getDb(), userId: user.id, input: { teamId: team.id, ...(spaceId ? { spaceId } : {}) } });
  }, "review next");
  if (r.ok && r.value) redirect(`/spaces/${encodeURIComponent(r.value.spaceId)}/documents/${encodeURIComponent(r.value.documentId)}?walk=queue`);
  redirect(`/review?${new URLSearchParams({ ...(spaceId ? { space: spaceId } : {}), empty: r.ok ? "1" : "error" })}`);
}

/** An admin assigns a document to a reviewer ("" takes the assignment back). */
export async function assignAction(form: FormData): Promise<void> {
  const documentId = String(form.get("documentId") ?? "");
  const assignee = String(form.get("assignee") ?? "");
  await asUser(async (user) => assignDocument({ db: await getDb(), userId: user.id, input: { documentId, assigneeId: assignee || null } }), "assign");
  revalidatePath("/review");
}
