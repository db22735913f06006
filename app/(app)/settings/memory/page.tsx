import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listSupplierMemories } from "@/lib/db/queries/supplier-memory";
import { WHEN_UTC } from "@/lib/i18n/format";
import { activeTeam } from "@/lib/session/team";
import { ForgetButton } from "./forget-button";

export const dynamic = "force-dynamic";

/** Supplier memory: what reviewers' corrections and confirmations taught, per supplier, and a way to forget it. */
export default async function SupplierMemoryPage() {
  const user = await currentUser();
  if (!user) return null;
  const team = await activeTeam(user.id);
  const memories = team ? await listSupplierMemories(await getDb(), { userId: user.id, teamId: team.id }) : [];
  const t = await getTranslations("memory");
  const tf = await getTranslations("fields");
  const format = await getFormatter();
  // A field's name in the reader's language (English keeps the schema's name, as the sheet does).
  const field = (name: string) => (tf.has(name) ? tf(name) : name);
  /** How a remembered place reads to a person. */
  const where = (e: { label: string | null; constant: boolean; offset: { dy: number } | null }) =>
    e.constant
      ? t("sameText")
      : e.label && e.offset
        ? Math.abs(e.offset.dy) < 0.6
          ? t("rightOf", { label: e.label })
          : t("below", { label: e.label })
        : t("samePlace");
  return (
    <div className="stack" style={{ maxWidth: 1000 }}>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {memories.length === 0 ? <p data-testid="memory-empty">{t("empty")}</p> : null}
      {memories.map((m) => (
        <section key={m.id} className="card stack" data-testid="supplier-memory" aria-label={m.name}>
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h2 style={{ margin: 0 }}>{m.name}</h2>
            <ForgetButton memoryId={m.id} label={t("forgetLabel", { what: m.name })} text={t("forget")} />
          </div>
          <p className="muted" style={{ margin: 0 }}>
            {t.rich("meta", {
              space: (c) => <Link href={`/spaces/${m.spaceId}`}>{c}</Link>,
              spaceName: m.spaceName,
              keys: m.keys.join(", "),
              when: format.dateTime(new Date(m.updatedAt), WHEN_UTC),
            })}
          </p>
          <table>
            <thead>
              <tr>
                <th>{t("field")}</th>
                <th>{t("lastValue")}</th>
                <th>{t("where")}</th>
                <th>{t("format")}</th>
                <th>{t("learnedFrom")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {m.memory.entries.map((e, i) => (
                <tr key={`${e.field}-${i}`}>
                  <td>{field(e.field)}</td>
                  <td>
                    {e.text}
                    {/* A last line that varies between documents (a branch under the address): the lines reviewers gave. */}
                    {e.tail ? (
                      <div className="muted" data-testid="memory-last-line">
                        {t("lastLine", { lines: Object.keys(e.tail.lines).join(" · ") })}
                      </div>
                    ) : null}
                  </td>
                  <td>{where(e)}</td>
                  <td>
                    <code>{e.shape}</code>
                  </td>
                  <td>
                    {e.documents.map((d) => (
                      <span key={d} style={{ marginRight: 8 }}>
                        {m.documents[d] ?? t("deletedDocument")}{" "}
                        <ForgetButton memoryId={m.id} documentId={d} label={t("forgetTaught", { document: m.documents[d] ?? t("thisDocument") })} text="×" />
                      </span>
                    ))}
                  </td>
                  <td>
                    <ForgetButton memoryId={m.id} field={e.field} label={t("forgetLabel", { what: field(e.field) })} text={t("forget")} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
