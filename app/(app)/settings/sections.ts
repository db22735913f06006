import type { TeamAction, TeamRole } from "@/lib/teams/roles";
import { can } from "@/lib/teams/roles";

/** One settings page: where it lives and what the role in the active team must allow (instance: an instance admin's page). */
export interface SettingsPage {
  id: string;
  href: string;
  need: TeamAction | "instance";
}

/** The settings left nav, grouped: who is in the team, what talks to other systems, what the engine knows about us. */
export const SETTINGS_GROUPS: Array<{ id: "team" | "integrations" | "data"; pages: SettingsPage[] }> = [
  {
    id: "team",
    pages: [
      { id: "members", href: "/settings/members", need: "members" },
      { id: "invitations", href: "/settings/invitations", need: "members" },
      { id: "audit", href: "/settings/audit", need: "audit" },
      { id: "users", href: "/settings/users", need: "instance" },
    ],
  },
  {
    id: "integrations",
    pages: [
      { id: "apiKeys", href: "/settings/api-keys", need: "keys" },
      { id: "webhooks", href: "/settings/webhooks", need: "webhooks" },
      { id: "sso", href: "/settings/sso", need: "read" },
    ],
  },
  {
    id: "data",
    pages: [
      { id: "company", href: "/settings/company", need: "read" },
      { id: "memory", href: "/settings/memory", need: "read" },
      { id: "exports", href: "/settings/exports", need: "settings" },
    ],
  },
];

/** The groups with only the pages the user may open (empty groups dropped). */
export function visibleSettings(teamRole: TeamRole | null, instanceAdmin: boolean) {
  return SETTINGS_GROUPS.map((g) => ({
    id: g.id,
    pages: g.pages.filter((p) => (p.need === "instance" ? instanceAdmin && can(teamRole, "members") : can(teamRole, p.need))),
  })).filter((g) => g.pages.length > 0);
}
