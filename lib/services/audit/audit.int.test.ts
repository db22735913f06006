import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { listAuditEvents } from "@/lib/db/queries/audit";
import { auditEvents, documents, extractions, pages } from "@/lib/db/schema";
import { type Env, parseEnv } from "@/lib/env";
import { fv, result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { createApiKey } from "@/lib/services/api-keys/create";
import { revokeApiKey } from "@/lib/services/api-keys/revoke";
import { createCorrection } from "@/lib/services/corrections/create";
import { markDocumentReviewed } from "@/lib/services/corrections/mark-reviewed";
import { deleteDocument } from "@/lib/services/documents/delete";
import { createSpace } from "@/lib/services/spaces/create";
import { renameSpace } from "@/lib/services/spaces/rename";
import { createUser } from "@/lib/services/users/create";
import { updateWebhook } from "@/lib/services/webhooks/update";
import type { StorageAdapter } from "@/lib/storage";
import { withRequestOrigin } from "./context";
import { recordAudit } from "./record";

/** A storage that holds nothing: the deleted test document has no files. */
const noStorage = { delete: async () => {} } as unknown as StorageAdapter;

describe.each(testDatabaseKinds())("audit log on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let adminId: string;
  let clerkId: string;
  let teamId: string;
  let outsiderTeam: string;
  let spaceId: string;
  let docId: string;

  const scope = () => ({ teamId, instance: false });
  const events = async () => (await listAuditEvents(db, { scope: scope(), filter: {}, limit: 1000 })).rows;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-audit")) });
    db = await prepareDatabase(env);
    const admin = await createUser({ db, input: { email: "admin@example.com", password: "longenough", role: "admin" } });
    adminId = admin.id;
    teamId = admin.teamId;
    // the admin adds a reviewer to their team
    clerkId = (
      await createUser({ db, actorId: adminId, input: { email: "clerk@example.com", password: "longenough", team: { id: teamId, role: "reviewer" } } })
    ).id;
    // another team: nothing it does shows in this team's log
    const outsider = await createUser({ db, input: { email: "outsider@example.com", password: "longenough" } });
    outsiderTeam = outsider.teamId;
    await createSpace({ db, userId: outsider.id, input: { name: "Elsewhere", fields: schema.fields } });
    spaceId = (await createSpace({ db, userId: adminId, input: { name: "Invoices", fields: schema.fields } })).id;
    const [doc] = await db
      .insert(documents)
      .values({ spaceId, fileName: "inv.pdf", mimeType: "application/pdf", sha256: "x", status: "done", pageCount: 1 })
      .returning();
    docId = doc?.id ?? "";
    await db.insert(pages).values({ documentId: docId, index: 0, width: 1240, height: 1754, imageKey: "k" });
    await db.insert(extractions).values({ documentId: docId, engineVersion: "t", extractor: "rules", result: result({ invoice_no: fv(null) }) });
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("records who did what to which space and document, with the request's address and id", async () => {
    const origin = { ip: "203.0.113.7", requestId: "req_audit_test_1" };
    await withRequestOrigin(origin, () =>
      createCorrection({ db, userId: clerkId, input: { documentId: docId, path: "invoice_no", kind: "edit", newValue: "INV-1" } }),
    );
    await createCorrection({ db, userId: clerkId, input: { documentId: docId, path: "total", kind: "accept" } });
    const rows = await events();
    const corrected = rows.find((r) => r.action === "value.corrected");
    expect(corrected).toMatchObject({
      actorId: clerkId,
      actorEmail: "clerk@example.com",
      spaceId,
      spaceName: "Invoices",
      documentId: docId,
      ip: "203.0.113.7",
      requestId: "req_audit_test_1",
      details: { path: "invoice_no", old: null, new: "INV-1" },
    });
    // outside a request there is no address or request id
    expect(rows.find((r) => r.action === "value.accepted")).toMatchObject({ actorId: clerkId, ip: null, requestId: null });
    // setup (no actor) and an admin's adding a reviewer; the other team's user and space are not in this log
    const created = rows.filter((r) => r.action === "user.created");
    expect(created.map((r) => [r.actorId, r.details.email, r.details.role])).toEqual([
      [adminId, "clerk@example.com", "reviewer"],
      [null, "admin@example.com", "owner"],
    ]);
    expect(rows.filter((r) => r.action === "space.created")).toMatchObject([{ actorId: adminId, spaceId, details: { name: "Invoices" } }]);
    expect(JSON.stringify(rows)).not.toMatch(/outsider|Elsewhere/);
    const theirs = (await listAuditEvents(db, { scope: { teamId: outsiderTeam, instance: false }, filter: {}, limit: 100 })).rows;
    expect(theirs.map((r) => r.action).sort()).toEqual(["space.created", "user.created"]);
  });

  it("records reviews, renames, webhooks, keys and deletions; the event outlives what it names", async () => {
    await createCorrection({ db, userId: clerkId, input: { documentId: docId, path: "line_items.1.amount", kind: "not_on_document" } });
    await markDocumentReviewed({ db, userId: clerkId, input: { documentId: docId } });
    await renameSpace({ db, userId: adminId, input: { spaceId, name: "Invoices 2026" } });
    // a loopback receiver, allowed as the operator's ALLOW_PRIVATE_WEBHOOKS would (no DNS needed here)
    await updateWebhook({ db, userId: adminId, input: { spaceId, url: "http://127.0.0.1:9/hook", allowPrivate: true } });
    const key = await createApiKey({ db, userId: adminId, input: { name: "ERP" } });
    await revokeApiKey({ db, userId: adminId, input: { idOrPrefix: key.id } });
    await deleteDocument({ db, storage: noStorage, userId: adminId, input: { documentId: docId } });
    const rows = await events();
    const actions = rows.map((r) => r.action);
    for (const a of [
      "value.not_on_document",
      "document.reviewed",
      "space.renamed",
      "webhook.changed",
      "api_key.created",
      "api_key.revoked",
      "document.deleted",
    ]) {
      expect(actions).toContain(a);
    }
    const webhook = rows.find((r) => r.action === "webhook.changed");
    expect(webhook?.details).toMatchObject({ secretRotated: true });
    expect(JSON.stringify(webhook?.details)).not.toMatch(/whsec|secret"?:\s*"/);
    expect(rows.find((r) => r.action === "api_key.created")).toMatchObject({ target: `api_key:${key.id}`, details: { name: "ERP", prefix: key.prefix } });
    expect(rows.find((r) => r.action === "document.deleted")).toMatchObject({ documentId: docId, details: { fileName: "inv.pdf" } });
    // the document is gone, its events stay (no foreign keys)
    expect(rows.filter((r) => r.documentId === docId).length).toBeGreaterThanOrEqual(5);
  });

  it("writes the event in the write's transaction: a rolled-back write leaves none", async () => {
    const before = (await events()).length;
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, { actor: clerkId, action: "space.deleted", spaceId });
        throw new Error("the write failed after its event");
      }),
    ).rejects.toThrow(/failed after/);
    expect((await events()).length).toBe(before);
    // a refused service call records nothing either
    await expect(renameSpace({ db, userId: clerkId, input: { spaceId, name: "Not a reviewer's to rename" } })).rejects.toMatchObject({ code: "forbidden" });
    expect((await events()).length).toBe(before);
  });

  it("is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused", async () => {
    const n = (await events()).length;
    // the trigger's own refusal (drizzle wraps the driver's error as `cause`)
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => "allowed",
        (e: { message?: string; cause?: { message?: string } }) => `${e.message} ${e.cause?.message ?? ""}`,
      );
    expect(await refusal(db.update(auditEvents).set({ action: "space.created" }))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(db.delete(auditEvents))).toMatch(/append-only: DELETE refused/);
    expect(await refusal(db.execute(sql`truncate audit_events`))).toMatch(/append-only: TRUNCATE refused/);
    const after = await events();
    expect(after.length).toBe(n);
    expect(after.map((r) => r.action)).not.toEqual(Array(n).fill("space.created"));
  });

  it("filters by actor, action, space and date (UTC days, both ends included)", async () => {
    const all = await events();
    const byAdmin = await listAuditEvents(db, { scope: scope(), filter: { actorId: adminId }, limit: 100 });
    // an instance admin also sees events outside any team; this team's scope has none of them
    expect((await listAuditEvents(db, { scope: { teamId, instance: true }, filter: {}, limit: 1000 })).total).toBe(all.length);
    expect(byAdmin.rows.length).toBeGreaterThan(0);
    expect(byAdmin.rows.every((r) => r.actorId === adminId)).toBe(true);
    const corrections = await listAuditEvents(db, { scope: scope(), filter: { action: "value.corrected" }, limit: 100 });
    expect(corrections.total).toBe(1);
    const inSpace = await listAuditEvents(db, { scope: scope(), filter: { spaceId }, limit: 100 });
    expect(inSpace.rows.length).toBe(all.filter((r) => r.spaceId === spaceId).length);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEvents(db, { scope: scope(), filter: { from: today, to: today }, limit: 1000 })).total).toBe(all.length);
    expect((await listAuditEvents(db, { scope: scope(), filter: { to: "2000-01-01" }, limit: 1000 })).total).toBe(0);
    expect((await listAuditEvents(db, { scope: scope(), filter: { from: "2999-01-01" }, limit: 1000 })).total).toBe(0);
    // newest first, paged
    const page2 = await listAuditEvents(db, { scope: scope(), filter: {}, limit: 2, offset: 2 });
    expect(page2.rows.map((r) => r.id)).toEqual(all.slice(2, 4).map((r) => r.id));
  });
});
