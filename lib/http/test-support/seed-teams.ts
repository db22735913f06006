/**
 * Two teams for the access suite, made through the real services: team Alpha (owner + admin, reviewer, uploader,
 * viewer), team Beta (its owner); a finished document with a page, a job and a webhook in each; failed and doomed
 * documents per caller; API keys of Alpha (full, read-only, restricted to a second space) and of Beta.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { documents, extractions, jobs, pages, spaces } from "@/lib/db/schema";
import type { Env } from "@/lib/env";
import { result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { createApiKey } from "@/lib/services/api-keys/create";
import { createSpace } from "@/lib/services/spaces/create";
import { addMember } from "@/lib/services/teams/add-member";
import { createUser } from "@/lib/services/users/create";
import { storageFromEnv } from "@/lib/storage";

export const PASSWORD = "team-test-password";
export const ROLES = ["admin", "reviewer", "uploader", "viewer"] as const;
export type Role = (typeof ROLES)[number];
/** What marks team Beta's data in an answer: none of it may reach team Alpha's members or keys. */
export const BETA_MARK = "Beta-Secret-Ledger";

export interface Seeded {
  png: Uint8Array;
  alpha: { teamId: string; space: string; space2: string; doc: string; job: string; failed: Record<Role, string>; doomed: Record<Role, string> };
  beta: { teamId: string; space: string; doc: string; job: string; failed: string; doomed: string };
  keys: { full: string; readOnly: string; oneSpace: string; beta: string };
  emails: Record<Role | "betaOwner" | "both", string>;
}

type Db = Awaited<ReturnType<typeof prepareDatabase>>;

async function addDocument(db: Db, env: Env, png: Uint8Array, spaceId: string, fileName: string, status: "done" | "failed") {
  const id = crypto.randomUUID();
  await db.insert(documents).values({ id, spaceId, fileName, mimeType: "image/png", sha256: id, status, pageCount: status === "done" ? 1 : 0 });
  if (status === "done") {
    const imageKey = `documents/${id}/page-0.png`;
    await storageFromEnv(env).put(imageKey, png);
    // A flattened page beside it (GET …/pages/0/flat answers 200 when allowed).
    const flatImageKey = `documents/${id}/page-0.flat.jpg`;
    await storageFromEnv(env).put(flatImageKey, png);
    const quad = [
      { x: 10, y: 10 },
      { x: 990, y: 10 },
      { x: 990, y: 990 },
      { x: 10, y: 990 },
    ] as const;
    await db
      .insert(pages)
      .values({ documentId: id, index: 0, width: 64, height: 64, imageKey, flatImageKey, flattening: { quad: [...quad], width: 63, height: 63 } });
    await db.insert(extractions).values({ documentId: id, engineVersion: "t", extractor: "rules", result: result() });
  }
  const [job] = await db
    .insert(jobs)
    .values({ documentId: id, spaceId, uniqueKey: id, status: status === "done" ? "completed" : "failed" })
    .returning({ id: jobs.id });
  return { id, job: job?.id ?? "" };
}

/** Seed before the server opens the (single-process) database. */
export async function seedTeams(env: Env): Promise<Seeded> {
  const db = await prepareDatabase(env);
  const png = new Uint8Array(
    await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ffffff" } })
      .png()
      .toBuffer(),
  );
  const emails = {
    admin: "a-admin@example.com",
    reviewer: "a-reviewer@example.com",
    uploader: "a-uploader@example.com",
    viewer: "a-viewer@example.com",
    betaOwner: "b-owner@example.com",
    both: "both@example.com",
  };
  const owner = await createUser({ db, input: { email: "a-owner@example.com", password: PASSWORD, teamName: "Alpha" } });
  for (const role of ROLES) {
    await createUser({
      db,
      input: { email: emails[role], password: PASSWORD, role: role === "admin" ? "admin" : "reviewer", team: { id: owner.teamId, role } },
    });
  }
  const betaOwner = await createUser({ db, input: { email: emails.betaOwner, password: PASSWORD, teamName: "Beta" } });
  // in both teams: a viewer of Alpha (joined first) and a reviewer of Beta, for the team switcher
  const both = await createUser({ db, input: { email: emails.both, password: PASSWORD, team: { id: owner.teamId, role: "viewer" } } });
  await addMember({ db, userId: null, input: { teamId: betaOwner.teamId, memberId: both.id, role: "reviewer" } });

  const space = (await createSpace({ db, userId: owner.id, input: { name: "Alpha invoices", fields: schema.fields } })).id;
  const space2 = (await createSpace({ db, userId: owner.id, input: { name: "Alpha receipts", fields: schema.fields } })).id;
  const betaSpace = (await createSpace({ db, userId: betaOwner.id, input: { name: `${BETA_MARK} space`, fields: schema.fields } })).id;
  for (const [id, secret] of [
    [space, "whsec_alpha_0123456789"],
    [betaSpace, `whsec_${BETA_MARK}`],
  ] as const) {
    await db.update(spaces).set({ webhookUrl: "https://hooks.example.com/in", webhookSecret: secret }).where(eq(spaces.id, id));
  }
  const doc = await addDocument(db, env, png, space, "alpha-invoice.png", "done");
  const betaDoc = await addDocument(db, env, png, betaSpace, `${BETA_MARK}.png`, "done");
  const failed = {} as Record<Role, string>;
  const doomed = {} as Record<Role, string>;
  for (const role of ROLES) {
    failed[role] = (await addDocument(db, env, png, space, `failed-${role}.png`, "failed")).id;
    doomed[role] = (await addDocument(db, env, png, space, `doomed-${role}.png`, "failed")).id;
  }
  const keys = {
    full: (await createApiKey({ db, userId: owner.id, input: { name: "full" } })).key,
    readOnly: (await createApiKey({ db, userId: owner.id, input: { name: "ro", readOnly: true } })).key,
    oneSpace: (await createApiKey({ db, userId: owner.id, input: { name: "one", spaceId: space2 } })).key,
    beta: (await createApiKey({ db, userId: betaOwner.id, input: { name: "beta" } })).key,
  };
  const seeded: Seeded = {
    png,
    alpha: { teamId: owner.teamId, space, space2, doc: doc.id, job: doc.job, failed, doomed },
    beta: {
      teamId: betaOwner.teamId,
      space: betaSpace,
      doc: betaDoc.id,
      job: betaDoc.job,
      failed: (await addDocument(db, env, png, betaSpace, "b-failed.png", "failed")).id,
      doomed: (await addDocument(db, env, png, betaSpace, "b-doomed.png", "failed")).id,
    },
    keys,
    emails,
  };
  await closeDriver(env);
  return seeded;
}
