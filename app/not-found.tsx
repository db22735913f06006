import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main style={{ padding: "2rem" }} className="stack" data-testid="not-found">
      <h1>{t("notFoundTitle")}</h1>
      <p className="muted">{t("notFound")}</p>
      <Link href="/">{t("backHome")}</Link>
    </main>
  );
}
