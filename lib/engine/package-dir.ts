import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The directory of an installed npm package. Under Node (server, CLI, workers) the
 * resolver answers; inside a bundle (Next's route modules) `createRequire().resolve`
 * returns a module id instead of a path, so fall back to `node_modules` under the
 * working directory, where `npm start` and `next dev` both run.
 */
export function packageDir(name: string): string {
  try {
    const resolved: unknown = createRequire(import.meta.url).resolve(`${name}/package.json`);
    if (typeof resolved === "string" && path.isAbsolute(resolved)) return path.dirname(resolved);
  } catch {
    // fall through to the working directory's node_modules
  }
  const dir = path.join(process.cwd(), "node_modules", name);
  if (!existsSync(path.join(dir, "package.json"))) throw new Error(`npm package ${name} is not installed`);
  return dir;
}
