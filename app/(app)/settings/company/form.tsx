"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import type { OwnCompany } from "@/lib/engine/own";
import { saveCompanyAction } from "./actions";

const area = (name: string, label: string, value: string, hint: string, rows = 3) => (
  <label className="stack" style={{ gap: 4 }}>
    <span>
      {label} <span className="muted">— {hint}</span>
    </span>
    <textarea name={name} defaultValue={value} rows={rows} style={{ width: "100%", fontFamily: "inherit" }} />
  </label>
);

/** The "my company" form: one name, id or IBAN per line; addresses separated by a blank line. */
export function CompanyForm({ company }: { company: OwnCompany }) {
  const [state, save, saving] = useActionState(saveCompanyAction, undefined);
  const t = useTranslations("company");
  return (
    <form action={save} className="card stack" data-testid="company-form" aria-label={t("title")}>
      {area("names", t("names"), company.names.join("\n"), t("namesHint"))}
      {area("taxIds", t("taxIds"), company.taxIds.join("\n"), t("onePerLine"))}
      {area("ibans", t("ibans"), company.ibans.join("\n"), t("onePerLine"))}
      {area("addresses", t("addresses"), company.addresses.join("\n\n"), t("addressesHint"), 5)}
      <div className="row">
        <button className="primary" type="submit" disabled={saving}>
          {t("save")}
        </button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
