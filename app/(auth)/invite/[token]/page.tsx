import { getFormatter, getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { ssoEnabled } from "@/lib/auth/oidc";
import { env } from "@/lib/env";
import { getDb } from "@/lib/db/client";
import { getUsableInvitation } from "@/lib/db/queries/invitations";
import { hashInvitationToken, INVITATION_TOKEN } from "@/lib/services/invitations/token";
import { WHEN_UTC } from "@/lib/i18n/format";
import { displayName } from "@/lib/text/bidi";
import styles from "../../auth.module.css";
import { SsoButton } from "../../login/sso-button";
import { AcceptForm } from "./accept-form";

export const dynamic = "force-dynamic";

/** An invite link: join the team with the role it offers — set a password, or join with the account signed in. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const inv = INVITATION_TOKEN.test(token) ? await getUsableInvitation(await getDb(), { tokenHash: hashInvitationToken(token) }) : null;
  const t = await getTranslations("invite");
  if (!inv) {
    return (
      <div className={`card stack ${styles.form}`} data-testid="invite-unusable">
        <h1>{t("title")}</h1>
        <p>{t("unusable")}</p>
      </div>
    );
  }
  const user = await currentUser();
  const tr = await getTranslations("roles");
  const format = await getFormatter();
  return (
    <>
      <AcceptForm
        token={token}
        teamName={displayName(inv.teamName)}
        role={tr.has(inv.role) ? tr(inv.role) : inv.role}
        expiresAt={format.dateTime(inv.expiresAt, WHEN_UTC)}
        signedInAs={user?.email ?? null}
      />
      {/* or with the company's identity provider: a new person is created in this team and the link spent (lib/services/sso) */}
      {!user && ssoEnabled(env) ? <SsoButton name={env.OIDC_NAME} next={`/invite/${token}`} invite={token} /> : null}
    </>
  );
}
