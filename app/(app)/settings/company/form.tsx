"use client";

import { useActionState } from "react";
import type { OwnCompany } from "@/lib/engine/own";
import { type CompanyFormState, saveCompanyAction } from "./actions";

function Status({ state }: { state: CompanyFormState }) {
  if (state?.error)
    return (
      <p className="error" role="alert">
        {state.error}
      </p>
    );
  if (state?.ok)
    return (
      <p className="notice" role="status">
        {state.ok}
      </p>
    );
  return null;
}

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
  return (
    <form action={save} className="card stack" data-testid="company-form" aria-label="My company">
      {area("names", "Names", company.names.join("\n"), "one per line, e.g. the legal name and a trading name")}
      {area("taxIds", "VAT / tax ids", company.taxIds.join("\n"), "one per line")}
      {area("ibans", "IBANs", company.ibans.join("\n"), "one per line")}
      {area("addresses", "Addresses", company.addresses.join("\n\n"), "separate addresses by a blank line", 5)}
      <div className="row">
        <button className="primary" type="submit" disabled={saving}>
          Save
        </button>
      </div>
      <Status state={state} />
    </form>
  );
}
