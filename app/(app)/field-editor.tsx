"use client";

import { useTranslations } from "next-intl";
import type { FieldSpec, FieldType } from "@/lib/engine/types";

const TYPES: FieldType[] = ["string", "number", "date", "array"];

/** A small editor for FieldSpecs: name, type, description, and children of array fields. */
export function FieldEditor({ value, onChange, nested = false }: { value: FieldSpec[]; onChange: (next: FieldSpec[]) => void; nested?: boolean }) {
  const t = useTranslations("fieldEditor");
  const update = (i: number, patch: Partial<FieldSpec>) => onChange(value.map((f, j) => (j === i ? normalise({ ...f, ...patch }) : f)));
  return (
    <div className="stack" style={{ gap: 6, marginLeft: nested ? 24 : 0 }} data-testid={nested ? "child-fields" : "field-editor"}>
      {value.map((f, i) => (
        <div key={i} className="stack" style={{ gap: 6 }}>
          <div className="row">
            <input aria-label={t("name")} value={f.name} placeholder={t("namePlaceholder")} onChange={(e) => update(i, { name: e.target.value })} />
            <select aria-label={t("type")} value={f.type} onChange={(e) => update(i, { type: e.target.value as FieldType })}>
              {TYPES.filter((x) => !nested || x !== "array").map((x) => (
                <option key={x} value={x}>
                  {t(`types.${x}`)}
                </option>
              ))}
            </select>
            <input
              aria-label={t("description")}
              style={{ flex: 1, minWidth: 200 }}
              value={f.description ?? ""}
              placeholder={t("descriptionPlaceholder")}
              onChange={(e) => update(i, { description: e.target.value || undefined })}
            />
            <label className="row" style={{ color: "var(--fg)" }}>
              <input type="checkbox" checked={Boolean(f.required)} onChange={(e) => update(i, { required: e.target.checked || undefined })} />
              {t("required")}
            </label>
            <button type="button" aria-label={t("remove", { name: f.name || t("field") })} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              ✕
            </button>
          </div>
          {f.type === "array" && <FieldEditor nested value={f.children ?? []} onChange={(children) => update(i, { children })} />}
        </div>
      ))}
      <div>
        <button type="button" onClick={() => onChange([...value, { name: "", type: "string" }])}>
          + {nested ? t("childField") : t("field")}
        </button>
      </div>
    </div>
  );
}

function normalise(f: FieldSpec): FieldSpec {
  if (f.type === "array") return { ...f, children: f.children?.length ? f.children : [{ name: "description", type: "string" }] };
  const { children: _drop, ...rest } = f;
  return rest;
}
