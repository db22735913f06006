import Link from "next/link";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listSupplierMemories } from "@/lib/db/queries/supplier-memory";
import { ForgetButton } from "./forget-button";
import { activeTeam } from "@/lib/session/team";

export const dynamic = "force-dynamic";

/** How a remembered place reads to a person. */
function where(e: { label: string | null; constant: boolean; offset: { dy: number } | null }): string {
  if (e.constant) return "the same text as before";
  if (e.label && e.offset) return `${Math.abs(e.offset.dy) < 0.6 ? "right of" : "below"} “${e.label}”`;
  return "at the same place on the page";
}

/** Supplier memory: what reviewers' corrections and confirmations taught, per supplier, and a way to forget it. */
export default async function SupplierMemoryPage() {
  const user = await currentUser();
  if (!user) return null;
  const team = await activeTeam(user.id);
  const memories = team ? await listSupplierMemories(await getDb(), { userId: user.id, teamId: team.id }) : [];
  return (
    <div className="stack" style={{ maxWidth: 1000 }}>
      <h1>Supplier memory</h1>
      <p className="muted">
        When you correct or confirm a value, Vouch remembers for that supplier (by VAT id / registration number, IBAN, else name) where and how the field is
        printed. On the supplier&apos;s next document it looks there first: a value found there needs less review, and a different one is flagged. It only ever
        picks values printed on the page. Forget anything that was learned wrongly.
      </p>
      {memories.length === 0 ? <p data-testid="memory-empty">Nothing learned yet: correct or confirm values of a document first.</p> : null}
      {memories.map((m) => (
        <section key={m.id} className="card stack" data-testid="supplier-memory" aria-label={m.name}>
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h2 style={{ margin: 0 }}>{m.name}</h2>
            <ForgetButton memoryId={m.id} label={`Forget ${m.name}`} />
          </div>
          <p className="muted" style={{ margin: 0 }}>
            Space <Link href={`/spaces/${m.spaceId}`}>{m.spaceName}</Link> · known by {m.keys.join(", ")} · updated {m.updatedAt.slice(0, 16).replace("T", " ")}
          </p>
          <table>
            <thead>
              <tr>
                <th>Field</th>
                <th>Last value</th>
                <th>Where</th>
                <th>Format</th>
                <th>Learned from</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {m.memory.entries.map((e, i) => (
                <tr key={`${e.field}-${i}`}>
                  <td>{e.field}</td>
                  <td>{e.text}</td>
                  <td>{where(e)}</td>
                  <td>
                    <code>{e.shape}</code>
                  </td>
                  <td>
                    {e.documents.map((d) => (
                      <span key={d} style={{ marginRight: 8 }}>
                        {m.documents[d] ?? "a deleted document"}{" "}
                        <ForgetButton memoryId={m.id} documentId={d} label={`Forget what ${m.documents[d] ?? "this document"} taught`} text="×" />
                      </span>
                    ))}
                  </td>
                  <td>
                    <ForgetButton memoryId={m.id} field={e.field} label={`Forget ${e.field}`} />
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
