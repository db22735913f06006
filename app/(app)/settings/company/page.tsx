import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { getOwnCompany } from "@/lib/db/queries/own-company";
import { activeTeam } from "@/lib/session/team";
import { CompanyForm } from "./form";

export const dynamic = "force-dynamic";

/** "My company": the organisation's own identifiers, so the extractor never takes us for the supplier. */
export default async function CompanyPage() {
  const user = await currentUser();
  if (!user) return null;
  const team = await activeTeam(user.id);
  if (!team) return null;
  const company = await getOwnCompany(await getDb(), { teamId: team.id });
  const t = await getTranslations("company");
  return (
    <div className="stack" style={{ maxWidth: 800 }}>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <CompanyForm company={company} />
    </div>
  );
}
