"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { LOCALES } from "@/lib/i18n/locale";
import { setLocale } from "./set-locale";

/** Each language named in itself, so a reader finds theirs whatever the page's language. */
const NAMES: Record<(typeof LOCALES)[number], string> = { en: "English", ja: "日本語" };

/** The header's language switch: saves the choice and re-renders the page in it. */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations("nav");
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <select
      aria-label={t("language")}
      value={locale}
      disabled={pending}
      data-testid="language-switch"
      onChange={(e) => {
        const next = e.target.value;
        start(async () => {
          await setLocale(next);
          router.refresh();
        });
      }}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {NAMES[l]}
        </option>
      ))}
    </select>
  );
}
