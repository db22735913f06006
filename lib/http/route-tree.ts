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
