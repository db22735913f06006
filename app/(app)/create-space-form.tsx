"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { type ActionState, createSpaceAction } from "@/app/(app)/actions";
import type { FieldSpec } from "@/lib/engine/types";
import { FieldEditor } from "./field-editor";

type TemplateInfo = { id: string; label: string; description: string };

/** Create a space from a built-in template or from custom fields. */
export function CreateSpaceForm({ templates }: { templates: TemplateInfo[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createSpaceAction, undefined);
  const [choice, setChoice] = useState<string>(templates[0]?.id ?? "custom");
  const [fields, setFields] = useState<FieldSpec[]>([{ name: "vendor", type: "string" }]);
  const t = useTranslations("spaces");
  return (
    <form action={action} className="card stack" aria-label={t("createLabel")}>
      {state?.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      <label>
        {t("name")}
        <input name="name" placeholder={t("namePlaceholder")} />
      </label>
      <fieldset className="row" style={{ border: 0, padding: 0 }}>
        <legend className="muted" style={{ marginBottom: 6 }}>
          {t("whatGoesIn")}
        </legend>
        {templates.map((t) => (
          <label key={t.id} className="card row" style={{ color: "var(--fg)", padding: "0.6rem 0.8rem" }} title={t.description}>
            <input type="radio" name="templateId" value={t.id} checked={choice === t.id} onChange={() => setChoice(t.id)} />
            {t.label}
          </label>
        ))}
        <label className="card row" style={{ color: "var(--fg)", padding: "0.6rem 0.8rem" }}>
          <input type="radio" name="templateId" value="" checked={choice === "custom"} onChange={() => setChoice("custom")} />
          {t("custom")}
        </label>
      </fieldset>
      {choice === "custom" && (
        <>
          <FieldEditor value={fields} onChange={setFields} />
          <input type="hidden" name="fields" value={JSON.stringify(fields)} />
        </>
      )}
      <div>
        <button className="primary" type="submit" disabled={pending}>
          {pending ? t("creating") : t("create")}
        </button>
      </div>
    </form>
  );
}
