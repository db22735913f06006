/**
 * Safe XML parsing for e-invoices. E-invoice syntaxes (CII, UBL) never need a DTD, so any
 * DOCTYPE or ENTITY declaration is refused before the parser sees the bytes: no external
 * entity (XXE) can be fetched and no entity can expand ("billion laughs"). Oversized or
 * too deeply nested documents are refused too. Only the five predefined entities and
 * numeric character references are decoded.
 */
import { XMLParser } from "fast-xml-parser";
import { EngineError } from "../types";

/** Largest XML e-invoice read (an EXTENDED invoice with thousands of lines stays far below). */
export const MAX_XML_BYTES = 5 * 1024 * 1024;
const MAX_DEPTH = 60;

/** A parsed element: attributes under "@name", text under "#text", children by local name. */
export type XNode = { [key: string]: XNode | XNode[] | string | undefined };

const decoder = new TextDecoder("utf-8", { fatal: false });

/** Decode bytes as UTF-8 (e-invoices are UTF-8 by specification), dropping a BOM. */
export function xmlText(bytes: Uint8Array | string): string {
  const s = typeof bytes === "string" ? bytes : decoder.decode(bytes);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Parse an e-invoice XML document; throws EngineError("invalid_request") on refused input. */
export function parseXml(input: Uint8Array | string, maxBytes = MAX_XML_BYTES): XNode {
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes) throw new EngineError("payload_too_large", `XML of ${size} bytes exceeds the ${maxBytes}-byte limit`);
  const text = xmlText(input);
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new EngineError("invalid_request", "XML with a DOCTYPE or entity declarations is refused (e-invoices need none)");
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    // numeric character references (&#228;) are decoded only with this on
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: MAX_DEPTH,
  });
  try {
    return parser.parse(text) as XNode;
  } catch (err) {
    throw new EngineError("invalid_request", `XML could not be parsed: ${(err as Error).message}`);
  }
}

/** Always an array (one child element parses as an object, several as an array). */
export function all(v: XNode | XNode[] | string | undefined): XNode[] {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === "string" ? { "#text": x } : x));
}

/** The first child reached by following one of the paths (each a list of local names; `a|b` = either). */
export function at(node: XNode | undefined, ...paths: string[]): XNode | undefined {
  for (const path of paths) {
    let cur: XNode[] = node ? [node] : [];
    for (const step of path.split("/")) {
      const names = step.split("|");
      cur = cur.flatMap((n) => names.flatMap((name) => all(n[name] as XNode | XNode[] | string | undefined)));
      if (cur.length === 0) break;
    }
    if (cur[0]) return cur[0];
  }
  return undefined;
}

/** Every node reached by a path. */
export function each(node: XNode | undefined, path: string): XNode[] {
  let cur: XNode[] = node ? [node] : [];
  for (const step of path.split("/")) {
    const names = step.split("|");
    cur = cur.flatMap((n) => names.flatMap((name) => all(n[name] as XNode | XNode[] | string | undefined)));
  }
  return cur;
}

/** Text content of a node (trimmed; undefined when empty). */
export function text(node: XNode | undefined): string | undefined {
  if (!node) return undefined;
  const t = node["#text"];
  const s = typeof t === "string" ? t.trim() : undefined;
  return s ? s : undefined;
}

/** Text at the first path that has some. */
export function textAt(node: XNode | undefined, ...paths: string[]): string | undefined {
  for (const p of paths) {
    for (const n of each(node, p)) {
      const t = text(n);
      if (t) return t;
    }
  }
  return undefined;
}

/** An attribute of a node. */
export function attr(node: XNode | undefined, name: string): string | undefined {
  const v = node?.[`@${name}`];
  return typeof v === "string" ? v : undefined;
}
