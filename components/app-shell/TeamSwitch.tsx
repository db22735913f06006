"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { TeamRole } from "@/lib/teams/roles";

export type TeamChoice = { id: string; name: string; role: TeamRole };

/** The header's team switcher: the spaces list, queue and settings follow the chosen team (kept in a cookie). */
export function TeamSwitch({ teams, active, switchTeam }: { teams: TeamChoice[]; active: string | null; switchTeam: (teamId: string) => Promise<void> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  if (teams.length === 0) return null;
  return (
    <select
      aria-label="Team"
      value={active ?? ""}
      disabled={pending || teams.length < 2}
      data-testid="team-switch"
      onChange={(e) => {
        const next = e.target.value;
        start(async () => {
          await switchTeam(next);
          router.push("/");
          router.refresh();
        });
      }}
    >
      {teams.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name} · {t.role}
        </option>
      ))}
    </select>
  );
}
