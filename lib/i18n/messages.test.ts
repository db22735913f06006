import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ja from "@/messages/ja.json";
import { auditActionNames } from "@/lib/services/audit/actions";
import { TEAM_ROLES } from "@/lib/teams/roles";

/** Every message key of a catalogue, dotted ("nav.settings"). */
function keys(messages: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/**
 * Namespaces only the Japanese catalogue fills: English words a field by the space schema's own name (a user's custom
 * field keeps its name) and a reason by the engine's own sentence (it quotes the printed numbers). Nothing else may differ.
 */
const JA_ONLY = ["fields.", "reasonCodes."];

describe("the message catalogues", () => {
  const enKeys = keys(en);
  const jaKeys = keys(ja);

  it("en.json and ja.json have the same keys (but for the Japanese-only word lists)", () => {
    const jaSet = new Set(jaKeys);
    const enSet = new Set(enKeys);
    expect(enKeys.filter((k) => !jaSet.has(k))).toEqual([]);
    expect(jaKeys.filter((k) => !enSet.has(k) && !JA_ONLY.some((p) => k.startsWith(p)))).toEqual([]);
    expect(enKeys.filter((k) => JA_ONLY.some((p) => k.startsWith(p)))).toEqual([]);
  });

  it("no message is empty and every {placeholder} of English is in Japanese too", () => {
    const flat = (m: Record<string, unknown>) =>
      Object.fromEntries(keys(m).map((k) => [k, k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], m)]));
    const e = flat(en) as Record<string, string>;
    const j = flat(ja) as Record<string, string>;
    expect(Object.entries({ ...e, ...j }).filter(([, v]) => typeof v !== "string" || v.trim() === "")).toEqual([]);
    // simple arguments ({name}) and the argument of a plural/number ({count, plural, …}); rich tags <b>…</b>
    const args = (s: string) => [...new Set([...s.matchAll(/\{\s*([A-Za-z_]+)\s*[,}]/g)].map((m) => m[1]))].sort();
    const tags = (s: string) => [...new Set([...s.matchAll(/<([a-z]+)>/g)].map((m) => m[1]))].sort();
    // Japanese may leave out {message} / {detail}: the server's English sentence, worded there by its code instead
    const english = new Set(["message", "detail"]);
    const differ = Object.keys(e).filter((k) => {
      const ja = args(j[k] ?? "");
      const en = args(e[k] ?? "").filter((a) => !english.has(a ?? "") || ja.includes(a));
      return JSON.stringify(en) !== JSON.stringify(ja) || JSON.stringify(tags(e[k] ?? "")) !== JSON.stringify(tags(j[k] ?? ""));
    });
    expect(differ).toEqual([]);
  });

  it("words every audit action and every team role in both languages", () => {
    for (const m of [en, ja]) {
      const ks = new Set(keys(m));
      expect(auditActionNames.filter((a) => !ks.has(`audit.actions.${a}`))).toEqual([]);
      expect(TEAM_ROLES.filter((r) => !ks.has(`roles.${r}`))).toEqual([]);
    }
  });
});
