import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { listAuditEvents } from "@/lib/db/queries/audit";
import { getReviewQueue } from "@/lib/db/queries/review";
import { documents, extractions, pages, reviewClaims } from "@/lib/db/schema";
import { type Env, parseEnv } from "@/lib/env";
import { fv, result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { assignDocument } from "./assign";
import { CLAIM_MINUTES, claimDocument } from "./claim";
import { claimNextDocument } from "./claim-next";
import { releaseClaim } from "./release";

const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);

describe.each(testDatabaseKinds())("team review queue and claims on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let ownerId: string;
  let teamId: string;
  let ann: string;
  let bob: string;
  let uploader: string;
  let stranger: string;
  const spaces: string[] = [];
  const docs: string[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-claims")) });
    db = await prepareDatabase(env);
    const owner = await createUser({ db, input: { email: "admin@example.com", password: "longenough" } });
    ownerId = owner.id;
    teamId = owner.teamId;
    const member = async (email: string, role: "reviewer" | "uploader") =>
      (await createUser({ db, actorId: ownerId, input: { email, password: "longenough", team: { id: teamId, role } } })).id;
    ann = await member("ann@example.com", "reviewer");
    bob = await member("bob@example.com", "reviewer");
    uploader = await member("upton@example.com", "uploader");
    stranger = (await createUser({ db, input: { email: "stranger@example.com", password: "longenough" } })).id;
    // two spaces of the team: the queue spans both; the stranger's team has a space with work too
    for (const name of ["Invoices", "Receipts"]) spaces.push((await createSpace({ db, userId: ownerId, input: { name, teamId, fields: schema.fields } })).id);
    const elsewhere = (await createSpace({ db, userId: stranger, input: { name: "Elsewhere", fields: schema.fields } })).id;
    const add = async (spaceId: string, i: number, status: "done" | "reviewed") => {
      const [doc] = await db
        .insert(documents)
        .values({ spaceId, fileName: `doc-${i}.pdf`, mimeType: "application/pdf", sha256: `s${i}`, status, pageCount: 1, createdAt: minutes(i - 10) })
        .returning();
      const id = doc?.id ?? "";
      await db.insert(pages).values({ documentId: id, index: 0, width: 1240, height: 1754, imageKey: `k${i}` });
      await db.insert(extractions).values({ documentId: id, engineVersion: "t", extractor: "rules", result: result({ invoice_no: fv(null) }) });
      return id;
    };
    docs.push(await add(spaces[0] as string, 0, "done"), await add(spaces[0] as string, 1, "done"), await add(spaces[1] as string, 2, "done"));
    await add(spaces[1] as string, 3, "reviewed");
    await add(elsewhere, 4, "done");
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("the queue spans the team's spaces (filter by space), riskiest first, none held; other teams' work is not in it", async () => {
    const q = await getReviewQueue(db, { userId: ann, teamId });
    expect(q.documents.map((d) => d.documentId).sort()).toEqual([...docs].sort());
    expect(q.documents.every((d) => d.holder === null && d.open > 0)).toBe(true);
    expect(new Set(q.documents.map((d) => d.spaceName))).toEqual(new Set(["Invoices", "Receipts"]));
    expect(q.spaces.find((s) => s.name === "Receipts")).toMatchObject({ documents: 1, reviewed: 1 });
    expect((await getReviewQueue(db, { userId: ann, teamId, spaceId: spaces[1] })).documents.map((d) => d.documentId)).toEqual([docs[2]]);
    // an uploader has no queue; the stranger sees only their own team's document
    expect((await getReviewQueue(db, { userId: uploader, teamId })).documents).toEqual([]);
    expect((await getReviewQueue(db, { userId: stranger })).documents.map((d) => d.fileName)).toEqual(["doc-4.pdf"]);
  });

  it("a claim holds the document for its holder: the other reviewer sees who and until when, and is served another", async () => {
    const now = new Date();
    const doc = docs[0] as string;
    const mine = await claimDocument({ db, userId: ann, input: { documentId: doc }, now });
    expect(mine).toMatchObject({ held: true, kind: "claim" });
    expect(mine.held && mine.expiresAt?.getTime()).toBe(minutes(CLAIM_MINUTES, now).getTime());
    const theirs = await claimDocument({ db, userId: bob, input: { documentId: doc }, now: minutes(1, now) });
    expect(theirs).toMatchObject({ held: false, holder: { userId: ann, email: "ann@example.com", kind: "claim" } });
    expect((await getReviewQueue(db, { userId: bob, teamId, now: minutes(1, now) })).documents.find((d) => d.documentId === doc)?.holder?.email).toBe(
      "ann@example.com",
    );
    // Ann renews her claim; Bob's "next" is another document
    expect(await claimDocument({ db, userId: ann, input: { documentId: doc }, now: minutes(2, now) })).toMatchObject({ held: true });
    const next = await claimNextDocument({ db, userId: bob, input: { teamId }, now: minutes(3, now) });
    expect(next?.documentId).not.toBe(doc);
    // an uploader may not claim; a stranger learns nothing
    await expect(claimDocument({ db, userId: uploader, input: { documentId: doc } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(claimDocument({ db, userId: stranger, input: { documentId: doc } })).rejects.toMatchObject({ code: "not_found" });
    // lapsed (no renewal for CLAIM_MINUTES): Bob takes it over
    expect(await claimDocument({ db, userId: bob, input: { documentId: doc }, now: minutes(2 + CLAIM_MINUTES + 1, now) })).toMatchObject({ held: true });
    // released: free again
    expect(await releaseClaim({ db, userId: bob, input: { documentId: doc } })).toEqual({ released: true });
    expect(await releaseClaim({ db, userId: bob, input: { documentId: doc } })).toEqual({ released: false });
  });

  it("two reviewers asking for the next document at the same moment are served different ones", async () => {
    await db.delete(reviewClaims);
    const now = new Date();
    const [a, b] = await Promise.all([
      claimNextDocument({ db, userId: ann, input: { teamId }, now }),
      claimNextDocument({ db, userId: bob, input: { teamId }, now }),
    ]);
    expect(a && b && a.documentId !== b.documentId).toBe(true);
    // within one space, skipping the one just left
    const c = await claimNextDocument({ db, userId: ann, input: { teamId, spaceId: spaces[0], skip: [a?.documentId ?? ""] }, now });
    expect([a?.documentId, b?.documentId]).not.toContain(c?.documentId ?? "none");
  });

  it("an admin assigns a document: it stays with the assignee (no expiry), is served to them first, is audited; others are refused", async () => {
    await db.delete(reviewClaims);
    const doc = docs[2] as string;
    await expect(assignDocument({ db, userId: ann, input: { documentId: doc, assigneeId: bob } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(assignDocument({ db, userId: stranger, input: { documentId: doc, assigneeId: bob } })).rejects.toMatchObject({ code: "not_found" });
    await expect(assignDocument({ db, userId: ownerId, input: { documentId: doc, assigneeId: uploader } })).rejects.toMatchObject({ code: "invalid" });
    await expect(assignDocument({ db, userId: ownerId, input: { documentId: doc, assigneeId: stranger } })).rejects.toMatchObject({ code: "invalid" });
    await assignDocument({ db, userId: ownerId, input: { documentId: doc, assigneeId: bob } });
    const far = minutes(600);
    expect(await claimDocument({ db, userId: ann, input: { documentId: doc }, now: far })).toMatchObject({
      held: false,
      holder: { userId: bob, kind: "assignment" },
    });
    expect(await claimDocument({ db, userId: bob, input: { documentId: doc }, now: far })).toMatchObject({ held: true, kind: "assignment", expiresAt: null });
    expect((await claimNextDocument({ db, userId: bob, input: { teamId }, now: far }))?.documentId).toBe(doc);
    // moving on (release) does not drop an assignment
    expect(await releaseClaim({ db, userId: bob, input: { documentId: doc } })).toEqual({ released: false });
    const events = (await listAuditEvents(db, { scope: { teamId, instance: false }, filter: { action: "document.assigned" }, limit: 10 })).rows;
    expect(events).toMatchObject([{ actorId: ownerId, documentId: doc, target: `user:${bob}`, details: { to: "bob@example.com" } }]);
    await assignDocument({ db, userId: ownerId, input: { documentId: doc, assigneeId: null } });
    expect((await getReviewQueue(db, { userId: ownerId, teamId })).documents.find((d) => d.documentId === doc)?.holder).toBeNull();
  });
});
