/**
 * Domain rules and the provisioning they drive, on the real databases: who may set them, one team per domain,
 * and that admitting a new address creates the user and the membership together (or nothing).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { auditEvents, teamMembers } from "@/lib/db/schema";
import { getDomainRule, listDomainRules } from "@/lib/db/queries/sso-domains";
import { listTeamsOf } from "@/lib/db/queries/teams";
import { getUserByEmail } from "@/lib/db/queries/users";
import { type Env, parseEnv } from "@/lib/env";
import { addMember } from "@/lib/services/teams/add-member";
import { createUser } from "@/lib/services/users/create";
import { admitSsoSignIn, type SsoSignIn } from "./admit";
import { removeDomainRule } from "./remove-domain";
import { saveDomainRule } from "./save-domain";

describe.each(testDatabaseKinds())("SSO domain rules on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let owner: { id: string; teamId: string };
  let reviewer: string;
  let other: { id: string; teamId: string };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-sso-domains")) });
    db = await prepareDatabase(env);
    owner = await createUser({ db, input: { email: "owner@acme.test", password: "longenough", teamName: "Acme" } });
    other = await createUser({ db, input: { email: "owner@other.test", password: "longenough", teamName: "Other" } });
    reviewer = (await createUser({ db, input: { email: "rev@acme.test", password: "longenough", team: { id: owner.teamId, role: "reviewer" } } })).id;
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb?.cleanup();
  });

  it("team admins set and change a domain's role; others may not; a domain belongs to one team", async () => {
    await expect(saveDomainRule({ db, userId: reviewer, input: { teamId: owner.teamId, domain: "acme.test", role: "viewer" } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(saveDomainRule({ db, userId: other.id, input: { teamId: owner.teamId, domain: "acme.test", role: "viewer" } })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await saveDomainRule({ db, userId: owner.id, input: { teamId: owner.teamId, domain: " @ACME.test", role: "viewer" } })).toEqual({
      domain: "acme.test",
      role: "viewer",
    });
    expect(await saveDomainRule({ db, userId: owner.id, input: { teamId: owner.teamId, domain: "acme.test", role: "reviewer" } })).toMatchObject({
      role: "reviewer",
    });
    await expect(saveDomainRule({ db, userId: other.id, input: { teamId: other.teamId, domain: "acme.test", role: "admin" } })).rejects.toMatchObject({
      code: "already_exists",
    });
    expect(await getDomainRule(db, { domain: "acme.test" })).toEqual({ teamId: owner.teamId, role: "reviewer" });
    for (const bad of ["acme", "not a domain", "-x.test", "a@b.test"]) {
      await expect(saveDomainRule({ db, userId: owner.id, input: { teamId: owner.teamId, domain: bad, role: "viewer" } })).rejects.toMatchObject({
        code: "invalid",
      });
    }
    await expect(
      saveDomainRule({ db, userId: owner.id, input: { teamId: owner.teamId, domain: "acme.test", role: "owner" as "viewer" } }),
    ).rejects.toMatchObject({ code: "invalid" });
    expect(await listDomainRules(db, { userId: reviewer, teamId: owner.teamId })).toEqual([]);
    // two saves of the owner recorded, none of the refused attempts
    const saved = await db.select().from(auditEvents).where(eq(auditEvents.action, "sso.domain_saved"));
    expect(saved.map((e) => [e.actorId, e.teamId, e.target, e.details])).toEqual([
      [owner.id, owner.teamId, "domain:acme.test", { role: "viewer" }],
      [owner.id, owner.teamId, "domain:acme.test", { role: "reviewer" }],
    ]);
    expect((await listDomainRules(db, { userId: owner.id, teamId: owner.teamId })).map((r) => r.domain)).toEqual(["acme.test"]);
  });

  const signIn = (over: Partial<SsoSignIn>): SsoSignIn => ({
    provider: "oidc",
    subject: `sub-${over.email}`,
    email: null,
    verified: true,
    name: null,
    inviteToken: null,
    ...over,
  });

  it("a verified new address becomes a member of the domain's team with its role — user and membership together", async () => {
    const d = await admitSsoSignIn({ db, input: signIn({ email: "new@acme.test", name: " New\u202E " }) });
    expect(d).toEqual({ kind: "provision", teamId: owner.teamId, role: "reviewer", inviteId: null, via: "domain" });
    const u = await getUserByEmail(db, "new@acme.test");
    expect(u).toMatchObject({ name: "New", passwordHash: null, disabled: false });
    expect(u?.emailVerified).toBeInstanceOf(Date);
    expect(await listTeamsOf(db, { userId: u?.id ?? "" })).toEqual([{ id: owner.teamId, name: "Acme", role: "reviewer" }]);
    const [joined] = await db.select().from(auditEvents).where(eq(auditEvents.action, "user.joined_by_sso"));
    expect(joined).toMatchObject({ actorId: u?.id, actorEmail: "new@acme.test", teamId: owner.teamId, target: `user:${u?.id}` });
    expect(joined?.details).toEqual({ email: "new@acme.test", role: "reviewer", via: "domain" });
    // the same person again (the callback ran twice): signed in, not created twice
    expect(await admitSsoSignIn({ db, input: signIn({ email: "new@acme.test" }) })).toEqual({ kind: "sign_in", userId: u?.id });
  });

  it("refuses without a rule, and leaves no account behind; removing the rule stops new people, not members", async () => {
    expect(await admitSsoSignIn({ db, input: signIn({ email: "x@nowhere.test" }) })).toEqual({ kind: "refuse", reason: "no_access" });
    expect(await getUserByEmail(db, "x@nowhere.test")).toBeNull();
    await expect(removeDomainRule({ db, userId: reviewer, input: { teamId: owner.teamId, domain: "acme.test" } })).rejects.toMatchObject({ code: "forbidden" });
    await removeDomainRule({ db, userId: owner.id, input: { teamId: owner.teamId, domain: "acme.test" } });
    expect(await db.select({ target: auditEvents.target }).from(auditEvents).where(eq(auditEvents.action, "sso.domain_removed"))).toEqual([
      { target: "domain:acme.test" },
    ]);
    expect(await admitSsoSignIn({ db, input: signIn({ email: "later@acme.test" }) })).toEqual({ kind: "refuse", reason: "no_access" });
    const member = await getUserByEmail(db, "new@acme.test");
    expect(await admitSsoSignIn({ db, input: signIn({ email: "new@acme.test" }) })).toEqual({ kind: "sign_in", userId: member?.id });
  });

  it("a member deactivated in every team is refused; active in one team again, let in", async () => {
    const u = await getUserByEmail(db, "new@acme.test");
    await addMember({ db, userId: null, input: { teamId: owner.teamId, memberId: u?.id ?? "", role: "reviewer" } });
    await db
      .update(teamMembers)
      .set({ deactivatedAt: new Date() })
      .where(eq(teamMembers.userId, u?.id ?? ""));
    expect(await admitSsoSignIn({ db, input: signIn({ email: "new@acme.test" }) })).toEqual({ kind: "refuse", reason: "disabled" });
    await addMember({ db, userId: null, input: { teamId: other.teamId, memberId: u?.id ?? "", role: "viewer" } });
    expect(await admitSsoSignIn({ db, input: signIn({ email: "new@acme.test" }) })).toEqual({ kind: "sign_in", userId: u?.id });
  });
});
