import { fileURLToPath } from "node:url";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

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
    setupFiles: ["reflect-metadata"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    include: ["test/**/*.test.ts", "gateway/src/**/*.test.ts", "subgraphs/*/src/**/*.test.ts"],
    pool: "forks",
  },
});
