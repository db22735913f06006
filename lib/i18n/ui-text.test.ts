/**
 * No hard-coded English in the UI: every text a page shows goes through the message catalogues (en + ja). Parses each
 * .tsx file of app/ and components/ (SWC) and flags JSX text, user-facing attributes (aria-label,
 * title, placeholder, alt) and string literals rendered from a JSX expression that still hold English words — after
 * removing proper nouns and technical tokens (PROPER), and text inside <code>, <kbd> and <pre>.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
// The TSX parser: SWC, which next-intl (our i18n library) depends on — TypeScript 7 ships no JS compiler API.
const swc = createRequire(import.meta.url)("@swc/core") as { parseSync(src: string, opts: { syntax: "typescript"; tsx: boolean }): Node };

/** The slice of SWC's AST the rule reads. */
interface Node {
  type?: string;
  [k: string]: unknown;
}

/** Names and tokens that read the same in every language (products, formats, standards, keys on the keyboard). */
const PROPER = [
  "Vouch",
  "API",
  "CSV",
  "XLSX",
  "PDF",
  "PNG",
  "JSON",
  "OpenAPI",
  "DATEV",
  "SKR",
  "IBAN",
  "BIC",
  "VAT",
  "UTC",
  "OIDC",
  "HMAC",
  "SHA256",
  "URL",
  "Xero",
  "QuickBooks",
  "freee",
  "Enter",
  "Shift",
  "Ctrl",
  "Alt",
  "Tab",
  "Esc",
  "PageUp",
  "PageDown",
  "ms",
];

/**
 * Files not yet moved to the catalogues — the debt left, each named so it can only shrink. The API reference page
 * (app/docs) renders the OpenAPI description, which is English by design (field names and the contract's wording).
 */
const NOT_YET: Record<string, string> = {
  "app/docs/page.tsx": "renders the English OpenAPI description (names, types, the contract's own words)",
};

const LABEL_ATTRIBUTES = new Set(["aria-label", "title", "placeholder", "alt"]);
const LITERAL_TAGS = new Set(["code", "kbd", "pre"]);

/** The English left in a text once proper nouns, dotted tokens (domains, event names, files) and placeholders go. */
function english(text: string): string | null {
  // placeholders, dotted tokens (domains, event names, files) and date patterns (dd/mm/yyyy) read the same everywhere
  let s = text
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\S+\.\S+/g, " ")
    .replace(/\b[dmy]{2,4}(?:[/.-][dmy]{2,4})+\b/gi, " ");
  for (const w of PROPER) s = s.replace(new RegExp(`(?<![A-Za-z])${w}(?![A-Za-z])`, "g"), " ");
  return /[A-Za-z]{2,}/.test(s) ? text.trim().replace(/\s+/g, " ") : null;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) walk(rel, out);
    else if (e.name.endsWith(".tsx") && !e.name.includes(".test.")) out.push(rel);
  }
  return out;
}

/** The strings an expression renders as text: literals, both arms of a conditional, either side of || and ??. */
function renderedStrings(e: Node | null | undefined): string[] {
  if (!e) return [];
  if (e.type === "StringLiteral") return [e.value as string];
  if (e.type === "TemplateLiteral") return (e.quasis as Array<{ cooked?: string; raw: string }>).map((q) => q.cooked ?? q.raw);
  if (e.type === "ParenthesisExpression") return renderedStrings(e.expression as Node);
  if (e.type === "ConditionalExpression") return [...renderedStrings(e.consequent as Node), ...renderedStrings(e.alternate as Node)];
  if (e.type === "BinaryExpression" && (e.operator === "||" || e.operator === "??"))
    return [...renderedStrings(e.left as Node), ...renderedStrings(e.right as Node)];
  if (e.type === "BinaryExpression" && e.operator === "&&") return renderedStrings(e.right as Node);
  return [];
}

/** The name of a JSX element ("code", "Link", "styles.x"). */
const tagName = (el: Node) => {
  const n = (el.opening as Node | undefined)?.name as Node | undefined;
  return n?.type === "Identifier" ? (n.value as string) : "";
};

/** Hard-coded English in one file, one entry per finding. */
function hardCodedEnglish(file: string): string[] {
  const ast = swc.parseSync(fs.readFileSync(path.join(ROOT, file), "utf8"), { syntax: "typescript", tsx: true });
  const found: string[] = [];
  const report = (text: string) => {
    const words = english(text);
    if (words) found.push(words.slice(0, 80));
  };
  const visit = (n: unknown, literal: boolean) => {
    if (Array.isArray(n)) {
      for (const x of n) visit(x, literal);
      return;
    }
    if (!n || typeof n !== "object") return;
    const node = n as Node;
    if (node.type === "JSXElement" && LITERAL_TAGS.has(tagName(node))) literal = true;
    if (node.type === "JSXText" && !literal) report(node.value as string);
    if (node.type === "JSXAttribute") {
      const name = (node.name as Node | undefined)?.value;
      const value = node.value as Node | null;
      if (typeof name === "string" && LABEL_ATTRIBUTES.has(name) && value) {
        if (value.type === "StringLiteral") report(value.value as string);
        else if (value.type === "JSXExpressionContainer") for (const t of renderedStrings(value.expression as Node)) report(t);
      }
      // other attributes (className, href, data-*) hold no words for the reader; their expressions may hold JSX
      if (value?.type === "JSXExpressionContainer") visit((value.expression as Node | undefined)?.type === "JSXElement" ? value.expression : null, literal);
      return;
    }
    if (node.type === "JSXExpressionContainer" && !literal) for (const t of renderedStrings(node.expression as Node)) report(t);
    for (const [k, v] of Object.entries(node)) if (k !== "span" && v && typeof v === "object") visit(v, literal);
  };
  visit(ast, false);
  return found;
}

describe("UI text goes through the message catalogues", () => {
  const files = [...walk("app"), ...walk("components")].sort();

  it("no .tsx file of app/ or components/ shows hard-coded English (proper nouns aside)", () => {
    const offenders = Object.fromEntries(files.filter((f) => !NOT_YET[f]).flatMap((f) => (hardCodedEnglish(f).length > 0 ? [[f, hardCodedEnglish(f)]] : [])));
    expect(offenders).toEqual({});
  });

  it("the list of files not yet converted only names files that still need it", () => {
    expect(Object.keys(NOT_YET).filter((f) => !fs.existsSync(path.join(ROOT, f)) || hardCodedEnglish(f).length === 0)).toEqual([]);
  });

  it("the rule finds English text, labels and rendered literals, and lets proper nouns and code through", () => {
    const dir = fs.mkdtempSync(path.join(ROOT, ".ui-text-"));
    try {
      const rel = `${path.basename(dir)}/probe.tsx`;
      fs.writeFileSync(
        path.join(ROOT, rel),
        [
          "export const A = (p: { ok: boolean }) => (",
          '  <div aria-label="Close the panel" title={t("x")}>',
          "    Saved it",
          '    {p.ok ? "Copied" : t("copy")}',
          "    <code>npm run keys</code> Vouch · API · CSV",
          '    <input placeholder="example.com" />',
          "  </div>",
          ");",
        ].join("\n"),
      );
      expect(hardCodedEnglish(rel)).toEqual(["Close the panel", "Saved it", "Copied"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
