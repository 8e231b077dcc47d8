import { fileURLToPath } from "node:url";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";
import { DATE_SENSITIVE_SUITES, FIXED_MOMENTS } from "./support/moments.js";

const ALL_SUITES = ["test/**/*.test.ts", "gateway/src/**/*.test.ts", "subgraphs/*/src/**/*.test.ts", "dev/**/*.test.ts"];
// test/exit-code.test.ts runs `npm test` on a deliberately failing file it names here; no one else sets it.
const EXTRA = process.env.TEST_EXIT_CODE_FIXTURE ? [process.env.TEST_EXIT_CODE_FIXTURE] : [];

// swc emits decorator metadata, which TypeORM and type-graphql read; esbuild does not.
export default defineConfig({
  plugins: [swc.vite({ jsc: { target: "es2022" } })],
  resolve: {
    // Node loads graphql's CommonJS build for type-graphql and Apollo; the tests must use the same
    // copy, not the .mjs one Vite would pick, or `instanceof GraphQLScalarType` fails across copies.
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  // The config lives in test/; paths are from the project root.
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["reflect-metadata", "test/support/clock-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      // Every suite on the machine's clock, as the graph runs.
      { extends: true, test: { name: "now", include: [...ALL_SUITES, ...EXTRA] } },
      // The suites that read the clock again at fixed moments (month ends, leap day, daylight
      // saving, midnight in Amsterdam), with the graph's clock standing still there.
      ...Object.entries(FIXED_MOMENTS).map(([name, at]) => ({
        extends: true as const,
        test: { name: `at ${name}`, include: [...DATE_SENSITIVE_SUITES], env: { TEST_CLOCK: at } },
      })),
    ],
  },
});
