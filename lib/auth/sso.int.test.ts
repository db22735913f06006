/**
 * Single sign-on against a real OpenID Connect provider started here on loopback
 * (e2e/support/oidc.ts): discovery, authorization code with PKCE, state and nonce, through the
 * app's real Auth.js route handlers in the real server. Who comes in, who is refused, and that
 * an SSO session is the same revocable kind as a password one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { Browserless, startOidcProvider, type TestOidcProvider } from "@/e2e/support/oidc";
import { freePort, startServer, type TestServer, tempDataDir } from "@/e2e/support/server";
import { closeAllSessions } from "@/lib/auth/sessions";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { getUserByEmail, listUsers } from "@/lib/db/queries/users";
import { parseEnv } from "@/lib/env";
import { createUser } from "@/lib/services/users/create";
import { saveDomainRule } from "@/lib/services/sso/save-domain";
import { listTeamsOf } from "@/lib/db/queries/teams";
import { auditEvents, sessions, teamMembers } from "@/lib/db/schema";
import { eq } from "drizzle-orm";

const accounts = {
  ana: { email: "Ana@Acme.test", email_verified: true, name: "Ana Acme" },
  carol: { email: "carol@acme.test", email_verified: true, name: "Carol" },
  dan: { email: "dan@beta.test", email_verified: true },
  erin: { email: "erin@gamma.test", email_verified: true },
  "frank-unverified": { email: "frank@acme.test", email_verified: false },
  gina: { email: "gina@acme.test", email_verified: true },
  "ana-unverified": { email: "ana@acme.test", email_verified: false },
  bob: { email: "bob@elsewhere.test", email_verified: true, name: "Bob" },
  nomail: { name: "No Mail" },
};

/** The whole code flow as a browser does it: app → provider's sign-in page → back to the app. */
async function ssoSignIn(b: Browserless, app: string, login: string) {
  const csrf = await b.request(`${app}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = await b.request(`${app}/api/auth/signin/oidc`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${app}/spaces` }),
  });
  const authorize = new URL(start.headers.get("location") ?? "");
  const toLoginPage = await b.follow(authorize.toString());
  const html = await toLoginPage.res.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no sign-in form at the provider:\n${html.slice(0, 500)}`);
  const loginPage = toLoginPage.visited[toLoginPage.visited.length - 1] ?? "";
  const back = await b.request(new URL(action, loginPage).toString(), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ prompt: "login", login, password: "anything" }),
  });
  const rest = await b.follow(new URL(back.headers.get("location") ?? "", loginPage).toString());
  return { authorize, visited: rest.visited, landed: rest.visited[rest.visited.length - 1] ?? "" };
}

describe.each(testDatabaseKinds())("single sign-on through a local OIDC provider on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let idp: TestOidcProvider;
  let dbEnv: ReturnType<typeof parseEnv>;
  let acmeTeam: string;
  let betaTeam: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    const dataDir = tempDataDir("vouch-sso");
    dbEnv = parseEnv({ NODE_ENV: "test", ...tdb.env(dataDir) });
    const db = await prepareDatabase(dbEnv);
    const admin = await createUser({ db, input: { email: "admin@acme.test", password: "correct horse battery", role: "admin", teamName: "Acme" } });
    const beta = await createUser({ db, input: { email: "owner@beta.test", password: "correct horse battery", teamName: "Beta" } });
    acmeTeam = admin.teamId;
    betaTeam = beta.teamId;
    await saveDomainRule({ db, userId: admin.id, input: { teamId: acmeTeam, domain: "acme.test", role: "reviewer" } });
    await saveDomainRule({ db, userId: beta.id, input: { teamId: betaTeam, domain: "@Beta.TEST", role: "viewer" } });
    await createUser({ db, input: { email: "ana@acme.test", password: "correct horse battery" } });
    // a member deactivated in their only team: SSO must not let them back in
    const gina = await createUser({ db, input: { email: "gina@acme.test", password: "correct horse battery", team: { id: acmeTeam, role: "reviewer" } } });
    await db.update(teamMembers).set({ deactivatedAt: new Date() }).where(eq(teamMembers.userId, gina.id));
    await closeDriver(dbEnv);
    const port = await freePort();
    // Next reports 127.0.0.1 as localhost: the redirect URI registered at the provider uses the name the app sees
    idp = await startOidcProvider({ appUrl: `http://localhost:${port}`, accounts });
    server = await startServer({ port, dataDir, env: { ...tdb.env(dataDir), ...idp.env("Acme ID") } });
  });
  afterAll(async () => {
    await server?.stop();
    await idp?.stop();
    await tdb?.cleanup();
  });

  it("the provider is found by discovery and the sign-in carries PKCE, state and nonce", async () => {
    const disco = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as { issuer: string; authorization_endpoint: string };
    expect(disco.issuer).toBe(idp.issuer);
    const providers = (await (await fetch(`${server.url}/api/auth/providers`)).json()) as Record<string, { name: string; type: string }>;
    expect(providers.oidc).toMatchObject({ name: "Acme ID", type: "oidc" });
    const b = new Browserless();
    const { csrfToken } = (await (await b.request(`${server.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    const start = await b.request(`${server.url}/api/auth/signin/oidc`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: server.url }),
    });
    const url = new URL(start.headers.get("location") ?? "");
    expect(`${url.origin}${url.pathname}`).toBe(disco.authorization_endpoint);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    for (const p of ["code_challenge", "state", "nonce"]) expect(url.searchParams.get(p)?.length).toBeGreaterThan(20);
    expect(url.searchParams.get("redirect_uri")).toBe(`${server.url}/api/auth/callback/oidc`);
    expect(url.searchParams.get("scope")).toBe("openid email profile");
  });

  it("signs an existing user in by their verified address, into a revocable session", async () => {
    const b = new Browserless();
    const { landed } = await ssoSignIn(b, server.url, "ana");
    expect(landed).toBe(`${server.url}/spaces`);
    const session = (await (await b.request(`${server.url}/api/auth/session`)).json()) as { user?: { email: string } };
    expect(session.user?.email).toBe("ana@acme.test");
    // a second sign-in finds the identity already linked
    const again = new Browserless();
    expect((await ssoSignIn(again, server.url, "ana")).landed).toBe(`${server.url}/spaces`);
  });

  it("refuses a tampered state: the callback does not sign in", async () => {
    const b = new Browserless();
    const { csrfToken } = (await (await b.request(`${server.url}/api/auth/csrf`)).json()) as { csrfToken: string };
    await b.request(`${server.url}/api/auth/signin/oidc`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: server.url }),
    });
    const res = await b.request(`${server.url}/api/auth/callback/oidc?code=forged&state=forged&iss=${encodeURIComponent(idp.issuer)}`);
    expect(res.headers.get("location")).toContain("/login/denied?error=");
    expect(b.cookieNames(server.url).some((n) => n.includes("session-token"))).toBe(false);
  });

  it("refuses an unverified address for an existing account, an address with no team, and no address", async () => {
    const unverified = await ssoSignIn(new Browserless(), server.url, "ana-unverified");
    expect(unverified.landed).toBe(`${server.url}/login/denied?reason=unverified&email=ana%40acme.test`);
    const stranger = new Browserless();
    const refused = await ssoSignIn(stranger, server.url, "bob");
    expect(refused.landed).toBe(`${server.url}/login/denied?reason=no_access&email=bob%40elsewhere.test`);
    expect(stranger.cookieNames(server.url).some((n) => n.includes("session-token"))).toBe(false);
    const page = await (await fetch(refused.landed)).text();
    expect(page).toContain("has not enabled access");
    const nomail = await ssoSignIn(new Browserless(), server.url, "nomail");
    expect(nomail.landed).toBe(`${server.url}/login/denied?reason=no_email`);
  });

  it("provisions a new verified address into the team that claimed its domain, with that team's role", async () => {
    const carol = new Browserless();
    expect((await ssoSignIn(carol, server.url, "carol")).landed).toBe(`${server.url}/spaces`);
    expect(((await (await carol.request(`${server.url}/api/auth/session`)).json()) as { user?: { email: string } }).user?.email).toBe("carol@acme.test");
    const dan = new Browserless();
    expect((await ssoSignIn(dan, server.url, "dan")).landed).toBe(`${server.url}/spaces`);
    // a domain no team claimed, an unverified address in a claimed one, a deactivated member: refused, nothing made
    expect((await ssoSignIn(new Browserless(), server.url, "erin")).landed).toBe(`${server.url}/login/denied?reason=no_access&email=erin%40gamma.test`);
    expect((await ssoSignIn(new Browserless(), server.url, "frank-unverified")).landed).toBe(
      `${server.url}/login/denied?reason=unverified&email=frank%40acme.test`,
    );
    expect((await ssoSignIn(new Browserless(), server.url, "gina")).landed).toBe(`${server.url}/login/denied?reason=disabled&email=gina%40acme.test`);
  });

  it("the login page offers the provider beside the password form", async () => {
    const html = await (await fetch(`${server.url}/login`)).text();
    expect(html).toMatch(/<button[^>]*>Sign in with Acme ID</);
    expect(html).toContain('type="password"');
  });

  it("ending a user's sessions ends their SSO session at once; no account was made for the refused; unset, SSO is gone", async () => {
    const b = new Browserless();
    await ssoSignIn(b, server.url, "ana");
    const who = async () => ((await (await b.request(`${server.url}/api/auth/session`)).json()) as { user?: { email: string } } | null)?.user?.email;
    expect(await who()).toBe("ana@acme.test");
    await server.stop();
    const db = await prepareDatabase(dbEnv);
    const ana = await getUserByEmail(db, "ana@acme.test");
    await closeAllSessions(db, ana?.id ?? "");
    expect((await listUsers(db)).map((u) => u.email).sort()).toEqual([
      "admin@acme.test",
      "ana@acme.test",
      "carol@acme.test",
      "dan@beta.test",
      "gina@acme.test",
      "owner@beta.test",
    ]);
    // an SSO session lasts OIDC_SESSION_HOURS (12 by default), not the 30 days of a password one
    const carolId = (await getUserByEmail(db, "carol@acme.test"))?.id ?? "";
    const carolSessions = await db.select().from(sessions).where(eq(sessions.userId, carolId));
    expect(carolSessions.length).toBeGreaterThan(0);
    for (const row of carolSessions) expect(Math.abs(row.expires.getTime() - Date.now() - 12 * 3_600_000)).toBeLessThan(10 * 60_000);
    const teamsOf = async (email: string) => listTeamsOf(db, { userId: (await getUserByEmail(db, email))?.id ?? "" });
    expect(await teamsOf("carol@acme.test")).toEqual([{ id: acmeTeam, name: "Acme", role: "reviewer" }]);
    expect(await teamsOf("dan@beta.test")).toEqual([{ id: betaTeam, name: "Beta", role: "viewer" }]);
    expect((await getUserByEmail(db, "carol@acme.test"))?.passwordHash).toBeNull();
    // each joining is in the audit log with the callback request's client address and request id
    const joined = await db.select().from(auditEvents).where(eq(auditEvents.action, "user.joined_by_sso"));
    expect(joined.map((e) => [e.actorEmail, e.teamId]).sort()).toEqual([
      ["carol@acme.test", acmeTeam],
      ["dan@beta.test", betaTeam],
    ]);
    for (const e of joined) {
      expect(e.ip).toBe("127.0.0.1");
      expect(e.requestId).toMatch(/^req_/);
    }
    await closeDriver(dbEnv);
    // restarted without OIDC_*: the session is gone, and the login page offers passwords only
    const withoutSso = Object.fromEntries(Object.entries(server.env).filter(([k]) => !k.startsWith("OIDC_")));
    server = await startServer({ port: server.port, dataDir: server.dataDir, env: withoutSso });
    expect(await who()).toBeUndefined();
    const html = await (await fetch(`${server.url}/login`)).text();
    expect(html).toContain('type="password"');
    expect(html).not.toMatch(/>Sign in with [^<]*</);
  });
});
