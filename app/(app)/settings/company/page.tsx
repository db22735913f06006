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
  return (
    <div className="stack" style={{ maxWidth: 800 }}>
      <h1>My company</h1>
      <p className="muted">
        Your own names, VAT/tax ids, IBANs and addresses. On a document they mark the buyer block — the supplier is never taken from them — and a document that
        names none of them is flagged: it may not be addressed to you. Also at GET/PUT /api/settings/company.
      </p>
      <CompanyForm company={company} />
    </div>
  );
}
