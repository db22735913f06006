import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { can, grantableRoles, keyCan, PERMISSIONS, permissionTableMarkdown, rolesWith, TEAM_ACTIONS, type TeamRole } from "./roles";

describe("team roles", () => {
  it("docs/teams.md shows exactly the permission table the checks use", () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/teams.md"), "utf8");
    const start = doc.indexOf("<!-- permissions:start -->");
    const end = doc.indexOf("<!-- permissions:end -->");
    expect(start).toBeGreaterThan(-1);
    expect(doc.slice(start + "<!-- permissions:start -->".length, end).trim()).toBe(permissionTableMarkdown());
  });

  it("gives the roles the issue asks for, and nothing more", () => {
    const allowed = (r: TeamRole) => TEAM_ACTIONS.filter((a) => can(r, a));
    expect(allowed("uploader")).toEqual(["read", "upload"]);
    expect(allowed("reviewer")).toEqual(["read", "export", "review"]);
    expect(allowed("viewer")).toEqual(["read", "export"]);
    expect(allowed("owner")).toEqual([...TEAM_ACTIONS]);
    expect(allowed("admin")).toEqual(TEAM_ACTIONS.filter((a) => a !== "owners" && a !== "delete_team"));
    expect(can(null, "read")).toBe(false);
  });

  it("only an owner grants the owner role (the role pickers of members and invitations)", () => {
    expect(grantableRoles("owner")).toEqual(["owner", "admin", "reviewer", "uploader", "viewer"]);
    expect(grantableRoles("admin")).toEqual(["admin", "reviewer", "uploader", "viewer"]);
    expect(grantableRoles(null)).not.toContain("owner");
  });

  it("every action admits its owners, and reading is the floor of every role", () => {
    for (const a of TEAM_ACTIONS) expect(rolesWith(a)).toContain("owner");
    for (const a of TEAM_ACTIONS) for (const r of PERMISSIONS[a].roles) expect(can(r, "read")).toBe(true);
  });

  it("a read-only key reads and exports only; no key manages people or keys", () => {
    expect(TEAM_ACTIONS.filter((a) => keyCan(true, a))).toEqual(["read", "export"]);
    expect(TEAM_ACTIONS.filter((a) => keyCan(false, a))).toEqual(["read", "export", "upload", "review", "settings", "webhooks", "delete"]);
  });
});
