import Link from "next/link";
import { getTranslations } from "next-intl/server";
import styles from "../../auth.module.css";

export const dynamic = "force-dynamic";

const reasons = ["no_access", "unverified", "disabled", "no_email"] as const;
type Reason = (typeof reasons)[number];

/**
 * Where a refused single sign-on lands: `reason` from our sign-in callback (lib/services/sso/decide.ts),
 * or `error` from Auth.js when the exchange with the provider itself failed. No account was created.
 */
export default async function SsoDeniedPage({ searchParams }: { searchParams: Promise<{ reason?: string; email?: string; error?: string }> }) {
  const { reason, email } = await searchParams;
  const t = await getTranslations("auth");
  const known: Reason | null = reasons.find((r) => r === reason) ?? null;
  const who = email?.slice(0, 320) || t("thisAddress");
  return (
    <section className={`card stack ${styles.form}`} aria-labelledby="denied-title">
      <h1 id="denied-title">{t("deniedTitle")}</h1>
      <p role="alert">{known ? t(`denied_${known}`, { email: who }) : t("denied_error")}</p>
      <Link href="/login">{t("backToSignIn")}</Link>
    </section>
  );
}
