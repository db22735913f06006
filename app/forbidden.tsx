import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * 403 for a page: the thing exists but the user's role in its team does not reach it (another team's space or
 * document, a settings page beyond the role) — the page-side twin of the API's `refusal()`. An unknown id stays 404.
 */
export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <main style={{ padding: "2rem", maxWidth: 640 }} className="stack" data-testid="forbidden">
      <h1>{t("forbiddenTitle")}</h1>
      <p className="muted">{t("forbidden")}</p>
      <Link href="/">{t("backHome")}</Link>
    </main>
  );
}
