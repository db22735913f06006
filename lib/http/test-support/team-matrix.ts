/**
 * What every route of the app tree requires, for lib/http/teams.int.test.ts: the action of lib/teams/roles.ts a
 * route handler checks, and a request that succeeds when it is allowed. The test fails when a route or a method
 * appears in app/ without a line here — a new route cannot ship without its check being tested.
 */
import type { TeamAction } from "@/lib/teams/roles";

/** The ids one request is aimed at: the caller's own team's, another team's, or ids that do not exist. */
export interface Target {
  space: string;
  doc: string;
  /** a failed document (retry), one per caller so an allowed retry does not change the next caller's answer. */
  failed: string;
  /** a document to delete, one per caller. */
  doomed: string;
  job: string;
}

export interface Req {
  method: string;
  path: string;
  json?: unknown;
  form?: FormData;
}

/** A tenant-scoped route: `action` decides; `ok` is the status when allowed. */
export interface Case {
  route: string;
  method: string;
  action: TeamAction;
  /** "space": aimed at a space or something in it (403 for another team's, 404 for unknown ids); "team": the active/key's team. */
  scope: "space" | "team";
  req(t: Target, png: Uint8Array): Req;
  ok: number[];
}

const pageForm = (png: Uint8Array, fields: Record<string, string>, part: string) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.append(part, new Blob([new Uint8Array(png)], { type: "image/png" }), "page.png");
  return f;
};

/** The web app's session routes (cookie). */
export const SESSION_CASES: Case[] = [
  {
    route: "/api/documents/[documentId]",
    method: "GET",
    action: "read",
    scope: "space",
    req: (t) => ({ method: "GET", path: `/api/documents/${t.doc}` }),
    ok: [200],
  },
  {
    route: "/api/documents/[documentId]",
    method: "DELETE",
    action: "delete",
    scope: "space",
    req: (t) => ({ method: "DELETE", path: `/api/documents/${t.doomed}` }),
    ok: [200],
  },
  {
    route: "/api/documents/[documentId]/corrections",
    method: "GET",
    action: "read",
    scope: "space",
    req: (t) => ({ method: "GET", path: `/api/documents/${t.doc}/corrections` }),
    ok: [200],
  },
  {
    route: "/api/documents/[documentId]/corrections",
    method: "POST",
    action: "review",
    scope: "space",
    req: (t) => ({ method: "POST", path: `/api/documents/${t.doc}/corrections`, json: { path: "total", kind: "accept" } }),
    ok: [201],
  },
  {
    route: "/api/documents/[documentId]/corrections/proposal",
    method: "POST",
    action: "review",
    scope: "space",
    req: (t) => ({ method: "POST", path: `/api/documents/${t.doc}/corrections/proposal`, json: { page: 0, box: { xmin: 0, ymin: 0, xmax: 100, ymax: 100 } } }),
    ok: [200],
  },
  {
    route: "/api/documents/[documentId]/dismiss-duplicate",
    method: "POST",
    action: "review",
    scope: "space",
    req: (t) => ({ method: "POST", path: `/api/documents/${t.doc}/dismiss-duplicate` }),
    ok: [200],
  },
  {
    route: "/api/documents/[documentId]/pages/[index]",
    method: "GET",
    action: "read",
    scope: "space",
    req: (t) => ({ method: "GET", path: `/api/documents/${t.doc}/pages/0` }),
    ok: [200],
  },
  {
    route: "/api/documents/[documentId]/pages/[index]/flat",
    method: "GET",
    action: "read",
    scope: "space",
    req: (t) => ({ method: "GET", path: `/api/documents/${t.doc}/pages/0/flat` }),
    ok: [200],
  },
  {
    route: "/api/documents/[documentId]/retry",
    method: "POST",
    action: "upload",
    scope: "space",
    req: (t) => ({ method: "POST", path: `/api/documents/${t.failed}/retry` }),
    ok: [202],
  },
  { route: "/api/audit", method: "GET", action: "audit", scope: "team", req: () => ({ method: "GET", path: "/api/audit" }), ok: [200] },
  { route: "/api/settings/company", method: "GET", action: "read", scope: "team", req: () => ({ method: "GET", path: "/api/settings/company" }), ok: [200] },
  {
    route: "/api/settings/company",
    method: "PUT",
    action: "settings",
    scope: "team",
    req: () => ({ method: "PUT", path: "/api/settings/company", json: { names: ["Alpha GmbH"], taxIds: [], ibans: [], addresses: [] } }),
    ok: [200],
  },
  {
    route: "/api/spaces/[spaceId]/documents",
    method: "GET",
    action: "read",
    scope: "space",
    req: (t) => ({ method: "GET", path: `/api/spaces/${t.space}/documents` }),
    ok: [200],
  },
  {
    route: "/api/spaces/[spaceId]/documents",
    method: "POST",
    action: "upload",
    scope: "space",
    req: (t, png) => ({ method: "POST", path: `/api/spaces/${t.space}/documents`, form: pageForm(png, { fileName: "up.png" }, "page") }),
    ok: [201],
  },
  {
    route: "/api/spaces/[spaceId]/export",
    method: "GET",
    action: "export",
    scope: "space",
    req: (t) => ({ method: "GET", path: `/api/spaces/${t.space}/export?format=csv` }),
    ok: [200],
  },
  {
    route: "/api/spaces/[spaceId]/export-settings",
    method: "GET",
    action: "read",
    scope: "space",
    req: (t) => ({ method: "GET", path: `/api/spaces/${t.space}/export-settings` }),
    ok: [200],
  },
  {
    route: "/api/spaces/[spaceId]/export-settings",
    method: "PUT",
    action: "settings",
    scope: "space",
    req: (t) => ({ method: "PUT", path: `/api/spaces/${t.space}/export-settings`, json: {} }),
    ok: [200],
  },
];

/** The public API's keyed routes. */
export const KEY_CASES: Case[] = [
  { route: "/space", method: "GET", action: "read", scope: "team", req: () => ({ method: "GET", path: "/space" }), ok: [200] },
  {
    route: "/space/[spaceId]/webhook",
    method: "GET",
    action: "webhooks",
    scope: "space",
    req: (t) => ({ method: "GET", path: `/space/${t.space}/webhook` }),
    ok: [200],
  },
  {
    route: "/space/[spaceId]/webhook",
    method: "PUT",
    action: "webhooks",
    scope: "space",
    req: (t) => ({ method: "PUT", path: `/space/${t.space}/webhook`, json: { rotateSecret: false } }),
    ok: [200],
  },
  {
    route: "/create",
    method: "POST",
    action: "settings",
    scope: "team",
    req: () => ({ method: "POST", path: "/create", json: { name: "From a key", templateId: "invoice" } }),
    ok: [201],
  },
  {
    route: "/upload",
    method: "POST",
    action: "upload",
    scope: "space",
    req: (t, png) => ({ method: "POST", path: "/upload", form: pageForm(png, { space: t.space }, "files") }),
    ok: [200, 202],
  },
  { route: "/view", method: "GET", action: "read", scope: "space", req: (t) => ({ method: "GET", path: `/view?space=${t.space}` }), ok: [200] },
  { route: "/jobs/[jobId]", method: "GET", action: "read", scope: "space", req: (t) => ({ method: "GET", path: `/jobs/${t.job}` }), ok: [200] },
];

/** Routes that hold no team's data, and why (checked only to exist in the tree). */
export const UNTENANTED: Record<string, string> = {
  "/amount GET": "the key creator's own page count",
  "/api/auth/[...nextauth] GET": "Auth.js sign-in",
  "/api/auth/[...nextauth] POST": "Auth.js sign-in",
  "/health GET": "readiness, no data",
  "/ocr/[...path] *": "unknown paths: the 404 envelope",
  "/ocr/fields GET": "answers 404 (use POST)",
  "/ocr/fields POST": "reads the posted image, stores nothing",
  "/openapi.json GET": "the API description",
  "* OPTIONS": "CORS preflight, no data",
};

/**
 * Pages and what the role in the active team (the team owning `[spaceId]`) must allow: allowed → 200, beyond the role →
 * 403 (app/forbidden.tsx); another team's existing ids → 403, unknown ids → 404, as the API answers. `instance`: an
 * instance admin's page (users). `action: "read"` pages every member opens.
 */
export const PAGES: Record<string, { action: TeamAction | "instance" | null; path(t: Target): string }> = {
  "/": { action: "read", path: () => "/" },
  "/docs": { action: null, path: () => "/docs" },
  // an invite link is public: an unknown token says it cannot be used
  "/invite/[token]": { action: null, path: () => "/invite/inv_00000000000000000000000000000000" },
  "/login": { action: null, path: () => "/login" },
  "/login/denied": { action: null, path: () => "/login/denied" },
  "/review": { action: "read", path: () => "/review" },
  "/settings": { action: "read", path: () => "/settings" },
  "/settings/api-keys": { action: "keys", path: () => "/settings/api-keys" },
  "/settings/audit": { action: "audit", path: () => "/settings/audit" },
  "/settings/company": { action: "read", path: () => "/settings/company" },
  "/settings/exports": { action: "settings", path: (t) => `/settings/exports?space=${t.space}` },
  "/settings/invitations": { action: "members", path: () => "/settings/invitations" },
  "/settings/members": { action: "members", path: () => "/settings/members" },
  "/settings/memory": { action: "read", path: () => "/settings/memory" },
  "/settings/sso": { action: "read", path: () => "/settings/sso" },
  "/settings/users": { action: "instance", path: () => "/settings/users" },
  "/settings/webhooks": { action: "webhooks", path: (t) => `/settings/webhooks?space=${t.space}` },
  "/setup": { action: null, path: () => "/setup" },
  "/spaces/[spaceId]": { action: "read", path: (t) => `/spaces/${t.space}` },
  "/spaces/[spaceId]/documents/[documentId]": { action: "read", path: (t) => `/spaces/${t.space}/documents/${t.doc}` },
};
