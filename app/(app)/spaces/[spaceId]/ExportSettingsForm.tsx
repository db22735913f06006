"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { AccountingSettings, ExportSettings } from "@/lib/export/presets/settings";
import styles from "./space.module.css";

/** A supplier seen in the space: the key settings are stored under, and a name to show. */
export interface SupplierChoice {
  key: string;
  name: string;
}

const FIELDS: Array<keyof AccountingSettings> = ["account", "taxCode", "costCentre"];

/**
 * What a document cannot know, set once per space and overridden per supplier: the
 * expense account, tax code and cost centre the presets write; DATEV's header numbers.
 */
export function ExportSettingsForm({ spaceId, suppliers }: { spaceId: string; suppliers: SupplierChoice[] }) {
  const [settings, setSettings] = useState<ExportSettings | null>(null);
  const [status, setStatus] = useState<string>("");
  const t = useTranslations("exportSettings");
  const url = `/api/spaces/${encodeURIComponent(spaceId)}/export-settings`;

  useEffect(() => {
    void fetch(url)
      .then((r) => r.json())
      .then((b: { settings?: ExportSettings }) => setSettings(b.settings ?? { defaults: {}, suppliers: {}, datev: {} }))
      .catch(() => setStatus(t("loadFailed")));
  }, [url, t]);

  if (!settings) return <p className={styles.muted}>{status || t("loading")}</p>;

  const setDefault = (k: string, v: string) => setSettings({ ...settings, defaults: { ...settings.defaults, [k]: v } });
  const setSupplier = (key: string, name: string, k: keyof AccountingSettings, v: string) =>
    setSettings({ ...settings, suppliers: { ...settings.suppliers, [key]: { ...settings.suppliers[key], label: name, [k]: v } } });
  const setDatev = (k: string, v: string | number | undefined) => setSettings({ ...settings, datev: { ...settings.datev, [k]: v } });
  const save = async () => {
    setStatus(t("saving"));
    // Empty strings mean "not set": drop them so the preset's default applies.
    const clean = JSON.parse(JSON.stringify(settings, (_k, v) => (v === "" ? undefined : v))) as ExportSettings;
    const res = await fetch(url, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(clean) });
    const body = (await res.json()) as { settings?: ExportSettings; error?: { message: string } };
    if (res.ok && body.settings) {
      setSettings(body.settings);
      setStatus(t("saved"));
    } else setStatus(body.error?.message ?? t("notSaved", { status: res.status }));
  };

  return (
    <form
      className={styles.settings}
      data-testid="export-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <table>
        <thead>
          <tr>
            <th>{t("supplier")}</th>
            {FIELDS.map((k) => (
              <th key={k}>{t(k)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{t("allSuppliers")}</td>
            {FIELDS.map((k) => (
              <td key={k}>
                <input value={settings.defaults[k] ?? ""} onChange={(e) => setDefault(k, e.target.value)} data-testid={`settings-default-${k}`} />
              </td>
            ))}
          </tr>
          {suppliers.map((s) => (
            <tr key={s.key}>
              <td title={s.key}>{s.name || s.key}</td>
              {FIELDS.map((k) => (
                <td key={k}>
                  <input value={settings.suppliers[s.key]?.[k] ?? ""} onChange={(e) => setSupplier(s.key, s.name, k, e.target.value)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        {t("payableAccount")}
        <input value={settings.defaults.payableAccount ?? ""} onChange={(e) => setDefault("payableAccount", e.target.value)} />
      </label>
      <label>
        {t("dateOrder")}
        <select
          value={settings.dateOrder ?? ""}
          onChange={(e) => setSettings({ ...settings, dateOrder: (e.target.value || undefined) as ExportSettings["dateOrder"] })}
        >
          <option value="">{t("presetDefault")}</option>
          <option value="dmy">dd/mm/yyyy</option>
          <option value="mdy">mm/dd/yyyy</option>
        </select>
      </label>
      <label>
        {t("consultant")}
        <input value={settings.datev.consultant ?? ""} onChange={(e) => setDatev("consultant", e.target.value)} size={8} />
      </label>
      <label>
        {t("client")}
        <input value={settings.datev.client ?? ""} onChange={(e) => setDatev("client", e.target.value)} size={6} />
      </label>
      <label>
        {t("fiscalYearStart")}
        <input value={settings.datev.fiscalYearStart ?? ""} onChange={(e) => setDatev("fiscalYearStart", e.target.value)} size={5} />
      </label>
      <label>
        SKR
        <select value={settings.datev.chart ?? "03"} onChange={(e) => setDatev("chart", e.target.value)}>
          <option value="03">03</option>
          <option value="04">04</option>
        </select>
      </label>
      <button type="submit" className={styles.button} data-testid="settings-save">
        {t("save")}
      </button>
      <span className={styles.muted} role="status">
        {status}
      </span>
    </form>
  );
}
