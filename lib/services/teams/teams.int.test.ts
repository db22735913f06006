/** Memberships, roles and team-owned keys through the services, on PGlite and PostgreSQL. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { getSpaceById, listSpaces } from "@/lib/db/queries/spaces";
import { getTeamRole, listTeamsOf, resolveActiveTeam } from "@/lib/db/queries/teams";
import { teamMembers } from "@/lib/db/schema";
import { type Env, parseEnv } from "@/lib/env";
import { createApiKey } from "@/lib/services/api-keys/create";
import { createSpace } from "@/lib/services/spaces/create";
import { renameSpace } from "@/lib/services/spaces/rename";
import { addMember } from "@/lib/services/teams/add-member";
import { createTeam } from "@/lib/services/teams/create";
import { createUser } from "@/lib/services/users/create";

describe.each(testDatabaseKinds())("teams on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let owner: { id: string; teamId: string };
  let admin: string;
  let viewer: string;
  let stranger: { id: string; teamId: string };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-teams-svc")) });
    db = await prepareDatabase(env);
    owner = await createUser({ db, input: { email: "o@example.com", password: "longenough", teamName: "Acme" } });
    admin = (await createUser({ db, input: { email: "a@example.com", password: "longenough", team: { id: owner.teamId, role: "admin" } } })).id;
    viewer = (await createUser({ db, input: { email: "v@example.com", password: "longenough", team: { id: owner.teamId, role: "viewer" } } })).id;
    stranger = await createUser({ db, input: { email: "s@example.com", password: "longenough" } });
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("a joining user gets no team of their own; a new user owns one", async () => {
    expect(await listTeamsOf(db, { userId: admin })).toEqual([{ id: owner.teamId, name: "Acme", role: "admin" }]);
    expect(await listTeamsOf(db, { userId: stranger.id })).toEqual([{ id: stranger.teamId, name: "s@example.com", role: "owner" }]);
  });

  it("only owners grant or take the owner role, and a team keeps one owner", async () => {
    await expect(addMember({ db, userId: admin, input: { teamId: owner.teamId, memberId: stranger.id, role: "owner" } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(addMember({ db, userId: admin, input: { teamId: owner.teamId, memberId: owner.id, role: "viewer" } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(addMember({ db, userId: viewer, input: { teamId: owner.teamId, memberId: stranger.id, role: "viewer" } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(addMember({ db, userId: stranger.id, input: { teamId: owner.teamId, memberId: stranger.id, role: "admin" } })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(addMember({ db, userId: owner.id, input: { teamId: owner.teamId, memberId: owner.id, role: "admin" } })).rejects.toMatchObject({
      code: "wrong_state",
    });
    await addMember({ db, userId: admin, input: { teamId: owner.teamId, memberId: stranger.id, role: "reviewer" } });
    expect(await getTeamRole(db, { userId: stranger.id, teamId: owner.teamId })).toBe("reviewer");
    // two teams now: the switcher's preference is honoured only among the user's own memberships
    expect((await resolveActiveTeam(db, { userId: stranger.id, preferred: owner.teamId }))?.id).toBe(owner.teamId);
    expect((await resolveActiveTeam(db, { userId: stranger.id, preferred: "not-mine" }))?.id).toBe(stranger.teamId);
  });

  it("spaces follow the role: a viewer reads but cannot create or rename; a deactivated member sees nothing", async () => {
    await expect(createSpace({ db, userId: viewer, input: { name: "X", templateId: "invoice", teamId: owner.teamId } })).rejects.toMatchObject({
      code: "forbidden",
    });
    const space = await createSpace({ db, userId: admin, input: { name: "Invoices", templateId: "invoice", teamId: owner.teamId } });
    expect((await getSpaceById(db, { userId: viewer, spaceId: space.id }))?.id).toBe(space.id);
    await expect(renameSpace({ db, userId: viewer, input: { spaceId: space.id, name: "Y" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(renameSpace({ db, userId: admin, input: { spaceId: "00000000-0000-4000-8000-000000000000", name: "Y" } })).rejects.toMatchObject({
      code: "not_found",
    });
    await db.update(teamMembers).set({ deactivatedAt: new Date() }).where(eq(teamMembers.userId, viewer));
    expect(await getSpaceById(db, { userId: viewer, spaceId: space.id })).toBeNull();
    expect(await listSpaces(db, { userId: viewer })).toEqual([]);
    expect(await listTeamsOf(db, { userId: viewer })).toEqual([]);
  });

  it("keys are made by a team's admins, for a space of that team only", async () => {
    const other = await createTeam({ db, userId: stranger.id, input: { name: "Side" } });
    const theirs = await createSpace({ db, userId: stranger.id, input: { name: "Theirs", templateId: "invoice", teamId: other.id } });
    const ours = (await listSpaces(db, { userId: admin, teamId: owner.teamId }))[0]?.id ?? "";
    await expect(createApiKey({ db, userId: stranger.id, input: { teamId: owner.teamId } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiKey({ db, userId: admin, input: { teamId: owner.teamId, spaceId: theirs.id } })).rejects.toMatchObject({ code: "not_found" });
    const k = await createApiKey({ db, userId: admin, input: { teamId: owner.teamId, spaceId: ours, readOnly: true } });
    expect(k).toMatchObject({ teamId: owner.teamId, spaceId: ours, readOnly: true });
  });
});
