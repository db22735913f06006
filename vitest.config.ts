import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

// Three suites: fast unit tests beside the code, integration tests that talk to real
// databases and a real server (*.int.test.ts), and browser tests under e2e/.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "components/**/*.test.tsx", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          // one migrated database per run that the suites copy (createTestDatabase(kind, { migrated: true }))
          globalSetup: ["e2e/support/db-templates.ts"],
          exclude: ["node_modules/**", ".next*/**", ".scratch/**"],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // Two files at a time. Each file has its own temp data folders (mkdtemp), kernel-chosen free ports and
          // randomly named PostgreSQL databases; the migrated templates are only copied from. Run one file at a time the
          // suite kept ~0.75 of CI's 2 cores busy (server starts, job polls and retry waits leave a core idle).
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          // the same migrated database to copy (startServer({ migrated: true })); skeleton keeps a new install's empty folder
          globalSetup: ["e2e/support/db-templates.ts"],
          testTimeout: 300_000,
          hookTimeout: 400_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
