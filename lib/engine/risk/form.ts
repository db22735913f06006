/**
 * The print form of an amount against the document's other amounts. A document prints its amounts one way: the sign
 * apart from the digits or glued to them, one thousands separator. The arithmetic cannot see a space or a separator
 * (it reads "€21.81" and "€ 21.81", "1 916.21" and "1,916.21" as the same number), and the OCR drops or invents
 * exactly those; a value whose form no other amount of its document shares, where the others agree, was most likely
 * misread there.
 */

/** The parts of an amount's print the arithmetic does not read; undefined where the print has no such part. */
interface Form {
  /** the sign or code before the digits, trimmed, with whether a space parts it from them ("€|gap", "€|glued"). */
  lead?: string;
  /** the same after the digits ("EUR|gap"). */
  trail?: string;
  /** the thousands separator (every separator between digits but a final decimal mark). */
  group?: string;
}

/** The form of a number's print ("€ 1,916.21" → lead "€|gap", group ","). */
export function formOf(text: string): Form {
  const t = text.trim();
  const first = t.search(/\d/);
  if (first < 0) return {};
  const last = t.length - 1 - [...t].reverse().join("").search(/\d/);
  const head = t.slice(0, first);
  const tail = t.slice(last + 1);
  const side = (part: string, gapAt: "end" | "start") => {
    const sign = part.trim();
    if (!sign || /\d/.test(sign)) return undefined;
    const gap = gapAt === "end" ? /\s$/.test(part) : /^\s/.test(part);
    return `${sign}|${gap ? "gap" : "glued"}`;
  };
  // separators between digit runs; the last one is a decimal mark when one or two digits follow it
  const body = t.slice(first, last + 1);
  const seps = [...body.matchAll(/\D+/g)].map((m) => ({ sep: m[0], after: body.slice(m.index + m[0].length) }));
  const decimal = seps.length > 0 && /^\d{1,2}$/.test(seps[seps.length - 1]!.after) ? 1 : 0;
  const groups = seps.slice(0, seps.length - decimal).map((s) => s.sep.replace(/\s+/g, " "));
  const lead = side(head, "end");
  const trail = side(tail, "start");
  return { ...(lead ? { lead } : {}), ...(trail ? { trail } : {}), ...(groups.length ? { group: groups[0]! } : {}) };
}

/** Others that must show a part before a value's differing part counts as odd, and the share of them that must agree. */
const MIN_OTHERS = 3;
const AGREE = 0.9;

/**
 * Per value (by index), whether a part of its print differs from the form the document's other amounts agree on:
 * at least MIN_OTHERS others print that part (the same sign, for the sign's spacing) and AGREE of them print it one
 * way, which this value does not.
 */
export function oddForms(texts: readonly string[]): boolean[] {
  const forms = texts.map(formOf);
  const signOf = (p: string | undefined) => p?.slice(0, p.lastIndexOf("|"));
  return forms.map((f, i) => {
    const odd = (part: "lead" | "trail" | "group") => {
      const mine = f[part];
      if (mine === undefined) return false;
      const others = forms.filter((g, j) => j !== i && g[part] !== undefined && (part === "group" || signOf(g[part]) === signOf(mine))).map((g) => g[part]!);
      if (others.length < MIN_OTHERS) return false;
      const count = new Map<string, number>();
      for (const o of others) count.set(o, (count.get(o) ?? 0) + 1);
      const [common, n] = [...count].sort((a, b) => b[1] - a[1])[0]!;
      return n >= AGREE * others.length && common !== mine;
    };
    return odd("lead") || odd("trail") || odd("group");
  });
}
