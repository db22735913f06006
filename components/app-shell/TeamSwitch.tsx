"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { TeamRole } from "@/lib/teams/roles";

export type TeamChoice = { id: string; name: string; role: TeamRole };

const NEW_TEAM = "__new";

/** The header's team switcher: the spaces list, queue and settings follow the chosen team (kept in a cookie); "New team…" starts one. */
export function TeamSwitch({
  teams,
  active,
  switchTeam,
  createTeam,
}: {
  teams: TeamChoice[];
  active: string | null;
  switchTeam: (teamId: string) => Promise<void>;
  /** starts a team owned by the user and makes it the active one. */
  createTeam?: (name: string) => Promise<void>;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  if (teams.length === 0) return null;
  return (
    <select
      aria-label="Team"
      value={active ?? ""}
      disabled={pending || (teams.length < 2 && !createTeam)}
      data-testid="team-switch"
      onChange={(e) => {
        const next = e.target.value;
        if (next === NEW_TEAM) {
          const name = window.prompt("Name of the new team")?.trim();
          if (!name || !createTeam) return;
          start(async () => {
            await createTeam(name);
            router.push("/");
            router.refresh();
          });
          return;
        }
        start(async () => {
          await switchTeam(next);
          router.push("/");
          router.refresh();
        });
      }}
    >
      {teams.map((t) => (
        <option key={t.id} value={t.id}>
          {`${t.name} · ${t.role}`}
        </option>
      ))}
      {createTeam ? <option value={NEW_TEAM}>New team…</option> : null}
    </select>
  );
}
