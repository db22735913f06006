"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("nav");
  const tr = useTranslations("roles");
  const [pending, start] = useTransition();
  if (teams.length === 0) return null;
  return (
    <select
      aria-label={t("team")}
      value={active ?? ""}
      disabled={pending || (teams.length < 2 && !createTeam)}
      data-testid="team-switch"
      onChange={(e) => {
        const next = e.target.value;
        if (next === NEW_TEAM) {
          const name = window.prompt(t("newTeamName"))?.trim();
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
      {teams.map((team) => (
        <option key={team.id} value={team.id}>
          {`${team.name} · ${tr(team.role)}`}
        </option>
      ))}
      {createTeam ? <option value={NEW_TEAM}>{t("newTeam")}</option> : null}
    </select>
  );
}
