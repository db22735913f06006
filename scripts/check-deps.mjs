#!/usr/bin/env node
// The layering rules of docs/architecture.md, checked on every import of app/, components/ and lib/
// (static and dynamic imports, re-exports). Type-only imports count for every rule but the browser one:
// they couple the modules, but are erased before anything reaches the browser.
// Exit code 1 with one line per broken rule. `node scripts/check-deps.mjs --list` prints the folder graph.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const ROOTS = ["app", "components", "lib"];
const EXTS = [".ts", ".tsx", ".mjs", ".js"];

/** Modules only the server may load: the browser bundle must never reach them. */
const SERVER_ONLY = [
  ...["lib/db", "lib/services", "lib/http", "lib/session", "lib/auth", "lib/jobs"],
  ...["lib/storage", "lib/webhooks", "lib/net", "lib/env", "lib/view"],
];

function walk(dir, out = []) {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== "node_modules" && !e.name.startsWith(".")) walk(rel, out);
    } else if (EXTS.some((x) => e.name.endsWith(x)) && !e.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

const isTest = (f) => /\.(test|test-helpers)\.tsx?$|\/test-support\/|\/__fixtures__\//.test(f);

/** Every module a file imports, and whether only types are (comments stripped). */
function specifiers(src) {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const out = [];
  const re = /(?:^|[\s;])((?:import|export)\s[^"'`;]*?)\sfrom\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    out.push({ spec: m[2] ?? m[3] ?? m[4], typeOnly: /^(import|export)\s+type\s/.test(m[1] ?? "") });
  }
  return out;
}

/** A specifier as a path from the repository root (no extension), or null for a package. */
function resolve(from, spec) {
  if (spec.startsWith("@/")) return spec.slice(2);
  if (spec.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return null;
}

const under = (p, dir) => p === dir || p.startsWith(`${dir}/`);

/** The folder a module belongs to for the cycle check: lib/<name>, components, app. */
function unit(p) {
  const parts = p.split("/");
  return parts[0] === "lib" ? `lib/${parts[1]}` : parts[0];
}

const files = ROOTS.flatMap((r) => walk(r));
const errors = [];
const graph = new Map(); // unit -> Map(unit -> example "file → spec")

for (const file of files) {
  const src = fs.readFileSync(path.join(ROOT, file), "utf8");
  for (const { spec, typeOnly } of specifiers(src)) {
    const target = resolve(file, spec);
    const where = `${file} imports "${spec}"`;
    if (under(file, "app") || under(file, "components")) {
      if (spec === "drizzle-orm" || spec.startsWith("drizzle-orm/") || (target && under(target, "lib/db/schema"))) {
        errors.push(`${where}: app/ and components/ read through lib/db/queries, never the schema or drizzle`);
      }
    }
    if (under(file, "components") && !typeOnly && target && SERVER_ONLY.some((d) => under(target, d))) {
      errors.push(`${where}: components/ run in the browser and may not import server-only ${SERVER_ONLY.find((d) => under(target, d))}`);
    }
    if (under(file, "lib/engine") && target && !under(target, "lib/engine")) {
      errors.push(`${where}: lib/engine is a kernel and imports nothing outside itself`);
    }
    if (!target || isTest(file)) continue;
    const a = unit(file);
    const b = unit(target);
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.get(a).has(b)) graph.get(a).set(b, where);
  }
}

// Folder-level cycles (tests excluded: a test may reach across layers to set up data).
const state = new Map();
const stack = [];
function visit(u) {
  state.set(u, "open");
  stack.push(u);
  for (const v of graph.get(u)?.keys() ?? []) {
    if (state.get(v) === "open") {
      const cycle = [...stack.slice(stack.indexOf(v)), v];
      const why = cycle.slice(0, -1).map((x, i) => `    ${graph.get(x).get(cycle[i + 1])}`);
      errors.push(`folder cycle ${cycle.join(" → ")}:\n${why.join("\n")}`);
    } else if (!state.has(v)) visit(v);
  }
  stack.pop();
  state.set(u, "done");
}
for (const u of [...graph.keys()].sort()) if (!state.has(u)) visit(u);

if (process.argv.includes("--list")) {
  for (const [u, deps] of [...graph.entries()].sort()) console.log(`${u} → ${[...deps.keys()].sort().join(", ")}`);
}
if (errors.length > 0) {
  console.error(`[deps] ${errors.length} broken dependency rule(s) (docs/architecture.md):`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}
console.log(`[deps] ${files.length} files: no broken dependency rules`);
