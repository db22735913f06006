"use client";

import { useTranslations } from "next-intl";

// Errors reach the page as a sentence and a reference, never as a stack trace.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main style={{ padding: "2rem", maxWidth: 640 }} className="stack">
      <h1>{t("errorTitle")}</h1>
      <p className="muted">
        {t("error")} <code>{error.digest ?? t("unknownReference")}</code>
      </p>
      <div>
        <button type="button" className="primary" onClick={reset}>
          {t("tryAgain")}
        </button>
      </div>
    </main>
  );
}
