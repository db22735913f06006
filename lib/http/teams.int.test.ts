/**
 * Teams over HTTP on both databases: two teams, four roles, four API keys; every route of the app tree (enumerated
 * from app/, so a new route without a line in test-support/team-matrix.ts fails) checked against every role and
 * key — allowed requests succeed, refused ones answer 403 for another team's (or beyond the role's) existing ids
 * and 404 for unknown ids; nothing of team Beta ever reaches team Alpha (docs/teams.md, docs/api.md).
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { startServer, type TestServer, tempDataDir } from "@/e2e/support/server";
import { signInCookie } from "@/e2e/support/session";
import { parseEnv } from "@/lib/env";
import { can, keyCan } from "@/lib/teams/roles";
import { pagePatterns, routeHandlers } from "./route-tree";
import { KEY_CASES, PAGES, type Req, SESSION_CASES, type Target, UNTENANTED } from "./test-support/team-matrix";
import { BETA_MARK, PASSWORD, ROLES, type Role, type Seeded, seedTeams } from "./test-support/seed-teams";

/** The "not allowed" page (app/forbidden.tsx): in the HTML, or in the RSC payload the browser renders it from (Next streams a 403 that way). */
const saysForbidden = (body: string) => {
  const b = body.replaceAll('\\"', '"');
  return b.includes('data-testid="forbidden"') || b.includes('"data-testid":"forbidden"');
};

const unknown = (): Target => {
  const u = () => crypto.randomUUID();
  return { space: u(), doc: u(), failed: u(), doomed: u(), job: u() };
};

describe("the access matrix covers the route tree", () => {
  it("names every route handler and method of app/, and every page", () => {
    const covered = new Set([...SESSION_CASES, ...KEY_CASES].map((c) => `${c.route} ${c.method}`));
    const missing: string[] = [];
    for (const { pattern, methods } of routeHandlers()) {
      for (const m of methods) {
        const key = `${pattern} ${m}`;
        if (!covered.has(key) && !UNTENANTED[key] && !UNTENANTED[`${pattern} *`] && !UNTENANTED[`* ${m}`]) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
    expect(pagePatterns()).toEqual(Object.keys(PAGES).sort());
  });
});

describe.each(testDatabaseKinds())("teams over HTTP on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let s: Seeded;
  const cookies = {} as Record<Role | "betaOwner" | "both", string>;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    const dataDir = tempDataDir("vouch-teams");
    s = await seedTeams(parseEnv({ NODE_ENV: "test", ...tdb.env(dataDir) }));
    server = await startServer({ dataDir, env: { ...tdb.env(dataDir), RATE_LIMIT_PER_KEY: "100000", RATE_LIMIT_PER_USER: "100000" } });
    for (const who of [...ROLES, "betaOwner", "both"] as const) cookies[who] = await signInCookie(server.url, s.emails[who], PASSWORD);
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await tdb?.cleanup();
  });

  const send = async (r: Req, headers: Record<string, string>, redirect: RequestRedirect = "manual") => {
    const init: RequestInit = { method: r.method, headers: { ...headers }, redirect };
    if (r.json !== undefined) {
      init.body = JSON.stringify(r.json);
      (init.headers as Record<string, string>)["content-type"] = "application/json";
    } else if (r.form) init.body = r.form;
    const res = await fetch(`${server.url}${r.path}`, init);
    const body = Buffer.from(await res.arrayBuffer()).toString("latin1");
    return { status: res.status, body };
  };
  const own = (role: Role): Target => ({
    space: s.alpha.space,
    doc: s.alpha.doc,
    failed: s.alpha.failed[role],
    doomed: s.alpha.doomed[role],
    job: s.alpha.job,
  });
  const beta = (): Target => ({ space: s.beta.space, doc: s.beta.doc, failed: s.beta.failed, doomed: s.beta.doomed, job: s.beta.job });

  it("session routes: each role of team Alpha gets exactly what its role allows, 403 beyond it and on Beta's ids, 404 on unknown ids", async () => {
    const seen: string[] = [];
    for (const c of SESSION_CASES) {
      for (const role of ROLES) {
        const h = { cookie: cookies[role] };
        const mine = await send(c.req(own(role), s.png), h);
        const want = can(role, c.action) ? c.ok : [403];
        seen.push(`${c.method} ${c.route} ${role} → ${mine.status}`);
        expect([c.method, c.route, role, want.includes(mine.status)]).toEqual([c.method, c.route, role, true]);
        if (c.scope !== "space") continue;
        const other = await send(c.req(beta(), s.png), h);
        expect([c.method, c.route, role, "Beta", other.status]).toEqual([c.method, c.route, role, "Beta", 403]);
        expect(other.body).not.toContain(BETA_MARK);
        const none = await send(c.req(unknown(), s.png), h);
        expect([c.method, c.route, role, "unknown", none.status]).toEqual([c.method, c.route, role, "unknown", 404]);
      }
    }
    console.log(`[teams] ${seen.length} role × route answers on ${kind}`);
  }, 300_000);

  it("Beta's doomed and failed documents are untouched by Alpha's attempts; Alpha's reviewer never reads, exports or corrects Beta's data", async () => {
    const h = { cookie: cookies.betaOwner };
    for (const id of [s.beta.doomed, s.beta.failed]) {
      const r = await send({ method: "GET", path: `/api/documents/${id}` }, h);
      expect(r.status).toBe(200);
      expect(r.body).toContain('"status":"failed"');
    }
    const corr = await send({ method: "GET", path: `/api/documents/${s.beta.doc}/corrections` }, h);
    expect(JSON.parse(corr.body)).toEqual({ corrections: [] });
    const reviewer = { cookie: cookies.reviewer };
    for (const path of [`/api/spaces/${s.beta.space}/export?format=csv`, `/api/spaces/${s.beta.space}/documents`, `/api/documents/${s.beta.doc}/pages/0`]) {
      const r = await send({ method: "GET", path }, reviewer);
      expect([path, r.status]).toEqual([path, 403]);
      expect(r.body).not.toContain(BETA_MARK);
    }
  });

  it("API keys: a team's key reaches only its team; read-only keys read and export; a one-space key sees one space", async () => {
    const keys = {
      full: { key: s.keys.full, readOnly: false, space: null as string | null },
      readOnly: { key: s.keys.readOnly, readOnly: true, space: null as string | null },
      oneSpace: { key: s.keys.oneSpace, readOnly: false, space: s.alpha.space2 as string | null },
    };
    for (const c of KEY_CASES) {
      for (const [name, k] of Object.entries(keys)) {
        const h = { authorization: `Bearer ${k.key}` };
        // the one-space key is aimed at its own space; Alpha's other space answers 403 to it
        const target = { ...own("admin"), ...(k.space ? { space: k.space } : {}) };
        const allowed = keyCan(k.readOnly, c.action) && !(c.route === "/create" && k.space);
        const mine = await send(c.req(target, s.png), h);
        if (c.route === "/jobs/[jobId]" && k.space) {
          expect([name, c.route, mine.status]).toEqual([name, c.route, 403]); // the job is in the other space
        } else expect([name, c.method, c.route, (allowed ? c.ok : [403]).includes(mine.status)]).toEqual([name, c.method, c.route, true]);
        if (c.scope !== "space") continue;
        if (k.space) {
          const outside = await send(c.req({ ...own("admin"), space: s.alpha.space }, s.png), h);
          expect([name, c.route, "other space", outside.status]).toEqual([name, c.route, "other space", 403]);
        }
        const other = await send(c.req(beta(), s.png), h);
        expect([name, c.method, c.route, "Beta", other.status]).toEqual([name, c.method, c.route, "Beta", 403]);
        expect(other.body).not.toContain(BETA_MARK);
        const none = await send(c.req(unknown(), s.png), h);
        expect([name, c.method, c.route, "unknown", none.status]).toEqual([name, c.method, c.route, "unknown", 404]);
      }
    }
    const list = async (key: string) =>
      (
        (JSON.parse((await send({ method: "GET", path: "/space" }, { authorization: `Bearer ${key}` })).body) as { spaces: Array<{ id: string }> }).spaces ?? []
      ).map((x) => x.id);
    expect(await list(s.keys.oneSpace)).toEqual([s.alpha.space2]);
    expect(await list(s.keys.readOnly)).toEqual(expect.arrayContaining([s.alpha.space, s.alpha.space2]));
    expect(await list(s.keys.readOnly)).not.toContain(s.beta.space);
    expect(await list(s.keys.beta)).toEqual([s.beta.space]);
  }, 300_000);

  it("pages: every role sees its team's space and document; Beta's answer 403 and unknown ids 404, as the API; settings beyond the role 403", async () => {
    for (const role of ROLES) {
      const h = { cookie: cookies[role] };
      for (const [pattern, page] of Object.entries(PAGES)) {
        const r = await send({ method: "GET", path: page.path(own(role)) }, h);
        expect(r.body).not.toContain(BETA_MARK);
        if (page.action === null) {
          expect([role, pattern, r.status < 500]).toEqual([role, pattern, true]);
          continue;
        }
        // an instance page: the instance admin (our team admin) only
        const allowed = page.action === "instance" ? role === "admin" : can(role, page.action);
        // a page beyond the role says so with 403 and the localized "not allowed" page
        expect([role, pattern, r.status]).toEqual([role, pattern, allowed ? 200 : 403]);
        if (!allowed) expect([role, pattern, saysForbidden(r.body)]).toEqual([role, pattern, true]);
        if (pattern === "/settings/webhooks") expect([role, r.body.includes("whsec_alpha_0123456789")]).toEqual([role, can(role, "webhooks")]);
        if (pattern === "/settings/sso") expect([role, r.body.includes('aria-label="Add a domain"')]).toEqual([role, can(role, "members")]);
        if (pattern.includes("[spaceId]")) {
          // another team's existing space or document: 403 like the API (never its data); an unknown id: 404
          const other = await send({ method: "GET", path: page.path(beta()) }, h);
          expect([role, pattern, other.status]).toEqual([role, pattern, 403]);
          expect(other.body).not.toContain(BETA_MARK);
          expect([role, pattern, saysForbidden(other.body)]).toEqual([role, pattern, true]);
          const none = await send({ method: "GET", path: page.path(unknown()) }, h);
          expect([role, pattern, "unknown", none.status]).toEqual([role, pattern, "unknown", 404]);
        }
        if (pattern === "/spaces/[spaceId]/documents/[documentId]") {
          // Beta's document under Alpha's space is still Beta's: 403; an unknown document of our space: 404
          const mixed = await send({ method: "GET", path: `/spaces/${own(role).space}/documents/${s.beta.doc}` }, h);
          expect([role, "beta doc in own space", mixed.status]).toEqual([role, "beta doc in own space", 403]);
          const lost = await send({ method: "GET", path: `/spaces/${own(role).space}/documents/${crypto.randomUUID()}` }, h);
          expect([role, "unknown doc in own space", lost.status]).toEqual([role, "unknown doc in own space", 404]);
        }
      }
      const home = await send({ method: "GET", path: "/" }, h);
      expect(home.body).toContain("Alpha invoices");
      expect([role, home.body.includes('name="templateId"')]).toEqual([role, can(role, "settings")]);
    }
  }, 300_000);

  it("a member of two teams switches between them: the spaces list follows the active team, a foreign choice is ignored", async () => {
    const home = async (team: string | null) =>
      (await send({ method: "GET", path: "/" }, { cookie: `${cookies.both}${team ? `; vouch-team=${team}` : ""}` })).body;
    const first = await home(null);
    expect(first).toContain("Alpha invoices"); // the team joined first
    expect(first).not.toContain(BETA_MARK);
    const beta = await home(s.beta.teamId);
    expect(beta).toContain(BETA_MARK);
    expect(beta).not.toContain("Alpha invoices");
    // the switcher lists both teams with the role in each
    const utf8 = Buffer.from(beta, "latin1").toString("utf8"); // send() keeps bytes as latin1
    expect(utf8).toContain("Alpha · viewer");
    expect(utf8).toContain("Beta · reviewer");
    // a team the user is not in (a member of Beta picking a team id they do not hold) falls back to their first team
    const foreign = await send({ method: "GET", path: "/" }, { cookie: `${cookies.betaOwner}; vouch-team=${s.alpha.teamId}` });
    expect(foreign.body).toContain(BETA_MARK);
    expect(foreign.body).not.toContain("Alpha invoices");
  });
});
