import Link from "next/link";
import { displayName } from "@/lib/text/bidi";

/** The settings pages that configure one space at a time (exports, webhooks): a link per space, the shown one marked. */
export function SpacePicker(props: { spaces: Array<{ id: string; name: string }>; currentId: string | undefined; path: string; label: string; empty: string }) {
  if (props.spaces.length === 0) return <p>{props.empty}</p>;
  return (
    <nav className="row" aria-label={props.label}>
      {props.spaces.map((s) => (
        <Link key={s.id} href={`${props.path}?space=${s.id}`} aria-current={s.id === props.currentId ? "page" : undefined}>
          {displayName(s.name)}
        </Link>
      ))}
    </nav>
  );
}
