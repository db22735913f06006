import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeAllSessions, openSession, sessionIsLive } from "@/lib/auth/sessions";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { listAuditEvents } from "@/lib/db/queries/audit";
import { getUsableInvitation, listInvitations } from "@/lib/db/queries/invitations";
import { getTeamRole, listTeamsOf } from "@/lib/db/queries/teams";
import { getSheetRows } from "@/lib/db/queries/sheet";
import { type Env, parseEnv } from "@/lib/env";
import { schema } from "@/lib/sheet/fixtures.test-helpers";
import { deactivateMember } from "@/lib/services/members/deactivate";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { acceptInvitation } from "./accept";
import { createInvitation } from "./create";
import { revokeInvitation } from "./revoke";
import { hashInvitationToken } from "./token";

const hours = (n: number, from = new Date()) => new Date(from.getTime() + n * 3_600_000);

describe.each(testDatabaseKinds())("invitations and deactivation on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let ownerId: string;
  let teamId: string;
  let spaceId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-invitations")) });
    db = await prepareDatabase(env);
    const owner = await createUser({ db, input: { email: "owner@example.com", password: "longenough", role: "admin" } });
    ownerId = owner.id;
    teamId = owner.teamId;
    spaceId = (await createSpace({ db, userId: ownerId, input: { name: "Invoices", fields: schema.fields } })).id;
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("an invite link makes a new account a member with the chosen role, once", async () => {
    const inv = await createInvitation({ db, userId: ownerId, input: { teamId, role: "reviewer", hours: 24 } });
    expect(inv.token).toMatch(/^inv_[A-Za-z0-9]{32}$/);
    expect(await getUsableInvitation(db, { tokenHash: hashInvitationToken(inv.token) })).toMatchObject({ teamId, role: "reviewer" });
    const joined = await acceptInvitation({ db, input: { token: inv.token, account: { email: "Rita@Example.com", password: "longenough", name: "Rita" } } });
    expect(joined).toMatchObject({ teamId, role: "reviewer", email: "rita@example.com" });
    expect(await getTeamRole(db, { userId: joined.userId, teamId })).toBe("reviewer");
    // invited into this team only: no team of their own
    expect((await listTeamsOf(db, { userId: joined.userId })).map((t) => t.id)).toEqual([teamId]);
    // the reviewer sees the team's space
    expect(await getSheetRows(db, { userId: joined.userId, spaceId })).not.toBeNull();
    // single use: the second use is refused, and the page no longer offers it
    await expect(acceptInvitation({ db, input: { token: inv.token, account: { email: "eve@example.com", password: "longenough" } } })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await getUsableInvitation(db, { tokenHash: hashInvitationToken(inv.token) })).toBeNull();
    const listed = await listInvitations(db, { userId: ownerId, teamId });
    expect(listed[0]).toMatchObject({ role: "reviewer", usedBy: "rita@example.com" });
    const events = (await listAuditEvents(db, { scope: { teamId, instance: false }, filter: {}, limit: 100 })).rows.map((r) => r.action);
    expect(events).toEqual(expect.arrayContaining(["member.invited", "member.joined", "user.created"]));
  });

  it("an expired, revoked or malformed link is refused with one sentence; an existing user joins signed in", async () => {
    const now = new Date();
    const expired = await createInvitation({ db, userId: ownerId, input: { teamId, role: "viewer", hours: 1 }, now });
    const later = hours(2, now);
    const err = await acceptInvitation({
      db,
      input: { token: expired.token, account: { email: "late@example.com", password: "longenough" } },
      now: later,
    }).catch((e: Error) => e.message);
    expect(err).toMatch(/cannot be used/);
    const revoked = await createInvitation({ db, userId: ownerId, input: { teamId, role: "viewer" } });
    expect(await revokeInvitation({ db, userId: ownerId, input: { invitationId: revoked.id } })).toEqual({ revoked: true });
    expect(
      await acceptInvitation({ db, input: { token: revoked.token, account: { email: "x@example.com", password: "longenough" } } }).catch(
        (e: Error) => e.message,
      ),
    ).toBe(err);
    expect(
      await acceptInvitation({ db, input: { token: "inv_nope", account: { email: "y@example.com", password: "longenough" } } }).catch((e: Error) => e.message),
    ).toBe(err);
    // someone with an account of their own (their own team) joins as themselves
    const uma = await createUser({ db, input: { email: "uma@example.com", password: "longenough" } });
    const inv = await createInvitation({ db, userId: ownerId, input: { teamId, role: "uploader" } });
    await acceptInvitation({ db, input: { token: inv.token, userId: uma.id } });
    expect((await listTeamsOf(db, { userId: uma.id })).map((t) => [t.id, t.role])).toEqual([
      [uma.teamId, "owner"],
      [teamId, "uploader"],
    ]);
  });

  it("only the team's admins invite; only owners invite owners", async () => {
    const outsider = await createUser({ db, input: { email: "outsider@example.com", password: "longenough" } });
    await expect(createInvitation({ db, userId: outsider.id, input: { teamId, role: "reviewer" } })).rejects.toMatchObject({ code: "not_found" });
    const adminInv = await createInvitation({ db, userId: ownerId, input: { teamId, role: "admin" } });
    const admin = await acceptInvitation({ db, input: { token: adminInv.token, account: { email: "adam@example.com", password: "longenough" } } });
    await expect(createInvitation({ db, userId: admin.userId, input: { teamId, role: "owner" } })).rejects.toMatchObject({ code: "forbidden" });
    expect((await createInvitation({ db, userId: admin.userId, input: { teamId, role: "reviewer" } })).token).toMatch(/^inv_/);
  });

  it("deactivating a member ends their sessions at once and they reach nothing of the team", async () => {
    const inv = await createInvitation({ db, userId: ownerId, input: { teamId, role: "reviewer" } });
    const vic = await acceptInvitation({ db, input: { token: inv.token, account: { email: "vic@example.com", password: "longenough" } } });
    const sid = await openSession(db, vic.userId, 3600);
    expect(await sessionIsLive(db, sid, vic.userId)).toBe(true);
    // a reviewer may not deactivate anyone
    await expect(deactivateMember({ db, userId: vic.userId, input: { teamId, memberId: ownerId }, endSessions: closeAllSessions })).rejects.toMatchObject({
      code: "forbidden",
    });
    // the last owner cannot deactivate themselves
    await expect(deactivateMember({ db, userId: ownerId, input: { teamId, memberId: ownerId }, endSessions: closeAllSessions })).rejects.toMatchObject({
      code: "invalid",
    });
    expect(await deactivateMember({ db, userId: ownerId, input: { teamId, memberId: vic.userId }, endSessions: closeAllSessions })).toEqual({
      deactivated: true,
    });
    expect(await sessionIsLive(db, sid, vic.userId)).toBe(false);
    expect(await getTeamRole(db, { userId: vic.userId, teamId })).toBeNull();
    expect(await getSheetRows(db, { userId: vic.userId, spaceId })).toBeNull();
    const ev = (await listAuditEvents(db, { scope: { teamId, instance: false }, filter: { action: "member.deactivated" }, limit: 10 })).rows;
    expect(ev).toMatchObject([{ actorId: ownerId, target: `user:${vic.userId}`, details: { role: "reviewer" } }]);
  });
});
