/** The app directory as URL paths, for tests that must cover every route (kept here so HTTP suites share it). */
import fs from "node:fs";
import path from "node:path";

const APP = path.resolve(import.meta.dirname, "../../app");

/** A concrete URL path for each file named `name` under app/ (route groups dropped, params filled). */
export function samplePaths(name: "route.ts" | "page.tsx"): string[] {
  const out: string[] = [];
  const walk = (dir: string, segs: string[]) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        const seg = e.name.startsWith("(") ? null : e.name.startsWith("[...") ? "a/b" : e.name.startsWith("[") ? "x1" : e.name;
        walk(path.join(dir, e.name), seg === null ? segs : [...segs, seg]);
      } else if (e.name === name) out.push(`/${segs.join("/")}`);
    }
  };
  walk(APP, []);
  return out.sort();
}

/** Every route handler of app/ as its URL pattern (params kept: `/api/documents/[documentId]`) and the methods it exports. */
export function routeHandlers(): Array<{ pattern: string; methods: string[] }> {
  const out: Array<{ pattern: string; methods: string[] }> = [];
  const walk = (dir: string, segs: string[]) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), e.name.startsWith("(") ? segs : [...segs, e.name]);
      else if (e.name === "route.ts") {
        const src = fs.readFileSync(path.join(dir, e.name), "utf8");
        const methods = [...src.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)].map(
          (m) => m[1] as string,
        );
        // `export const { GET, POST } = handlers` (Auth.js)
        for (const m of src.matchAll(/export\s+const\s+\{([^}]*)\}/g))
          methods.push(
            ...(m[1] ?? "")
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          );
        out.push({ pattern: `/${segs.join("/")}`, methods: [...new Set(methods)].sort() });
      }
    }
  };
  walk(APP, []);
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Every page of app/ as its URL pattern (route groups dropped, params kept). */
export function pagePatterns(): string[] {
  const out: string[] = [];
  const walk = (dir: string, segs: string[]) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), e.name.startsWith("(") ? segs : [...segs, e.name]);
      else if (e.name === "page.tsx") out.push(`/${segs.join("/")}`);
    }
  };
  walk(APP, []);
  return out.sort();
}
