/**
 * Who in a team may do what: the one table every check reads (queries, services, routes, the UI that hides a
 * button, docs/teams.md). Pure data, importable from the browser too.
 *
 * Owner and admin are two roles: an admin runs the team (members, settings, keys, webhooks, deleting), an owner
 * additionally grants or removes the owner role and deletes the team — so a team can always be taken back by its
 * owners and never ends up without one.
 */

export const TEAM_ROLES = ["owner", "admin", "reviewer", "uploader", "viewer"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** What a check asks for. Reading is the floor: every action implies being allowed to see the space. */
export const TEAM_ACTIONS = [
  "read",
  "export",
  "upload",
  "review",
  "assign",
  "settings",
  "webhooks",
  "keys",
  "members",
  "audit",
  "delete",
  "owners",
  "delete_team",
] as const;
export type TeamAction = (typeof TEAM_ACTIONS)[number];

/** The roles allowed each action, and the words docs/teams.md shows for it. */
export const PERMISSIONS: Record<TeamAction, { roles: readonly TeamRole[]; what: string }> = {
  read: { roles: ["owner", "admin", "reviewer", "uploader", "viewer"], what: "see the team's spaces, documents, pages and values" },
  export: { roles: ["owner", "admin", "reviewer", "viewer"], what: "export CSV / XLSX / accounting presets" },
  upload: { roles: ["owner", "admin", "uploader"], what: "drop documents, retry a failed one" },
  review: { roles: ["owner", "admin", "reviewer"], what: "correct and accept values, mark reviewed, dismiss duplicates, claim from the queue" },
  assign: { roles: ["owner", "admin"], what: "assign queue documents to a reviewer" },
  settings: { roles: ["owner", "admin"], what: "create, rename and configure spaces (fields, export settings), My company, supplier memory" },
  webhooks: { roles: ["owner", "admin"], what: "set a space's webhook, resend deliveries" },
  keys: { roles: ["owner", "admin"], what: "create and revoke the team's API keys" },
  members: { roles: ["owner", "admin"], what: "invite, change roles of and deactivate members (not owners)" },
  audit: { roles: ["owner", "admin"], what: "browse and export the audit log" },
  delete: { roles: ["owner", "admin"], what: "delete documents and spaces" },
  owners: { roles: ["owner"], what: "grant or remove the owner role" },
  delete_team: { roles: ["owner"], what: "delete the team" },
};

/** May `role` do `action`? (null/undefined role: not a member — never.) */
export function can(role: TeamRole | null | undefined, action: TeamAction): boolean {
  return role != null && PERMISSIONS[action].roles.includes(role);
}

/** The roles a member with `role` may give others (invite with, change to): the owner role only by an owner. */
export function grantableRoles(role: TeamRole | null | undefined): TeamRole[] {
  return TEAM_ROLES.filter((r) => r !== "owner" || can(role, "owners"));
}

/** The roles allowed `action` (for SQL conditions). */
export function rolesWith(action: TeamAction): TeamRole[] {
  return [...PERMISSIONS[action].roles];
}

export function isTeamRole(v: unknown): v is TeamRole {
  return typeof v === "string" && (TEAM_ROLES as readonly string[]).includes(v);
}

/** What an API key may do: a read-only key reads and exports, a full key everything the API offers in its team. */
export function keyCan(readOnly: boolean, action: TeamAction): boolean {
  if (readOnly) return action === "read" || action === "export";
  // keys never manage people or keys (those stay with signed-in admins)
  return !(["members", "keys", "owners", "delete_team", "audit", "assign"] as TeamAction[]).includes(action);
}

/** The roles-and-permissions table of docs/teams.md, rendered from PERMISSIONS (a unit test keeps the doc equal). */
export function permissionTableMarkdown(): string {
  const head = `| may … | ${TEAM_ROLES.join(" | ")} |`;
  const rule = `|---|${TEAM_ROLES.map(() => ":-:").join("|")}|`;
  const body = TEAM_ACTIONS.map((a) => `| ${PERMISSIONS[a].what} (\`${a}\`) | ${TEAM_ROLES.map((r) => (can(r, a) ? "✓" : "")).join(" | ")} |`);
  return [head, rule, ...body].join("\n");
}
