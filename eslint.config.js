// ESLint for the whole repository: the TypeScript of the gateway, the subgraphs, the development
// tools and the tests, and the browser JavaScript of the gateway's pages. `npm run lint` runs it
// (with `prettier --check .`, which owns the layout: no layout rules here).
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

// What the layering forbids, as `no-restricted-imports` patterns matched against a relative import's text.
const TEST_CODE = [
  { regex: "^\\.\\.?/(.*/)?test/", message: "Only tests may use the test support (test/): production code must not depend on it." },
  { regex: "^\\.\\.?/(.*\\.(test|fixture)|(.*/)?testing)\\.js$", message: "Tests, fixtures and test helpers are not part of the compiled program." },
];
const SUBGRAPH_CODE = {
  regex: "^\\.\\.?/(.*/)?subgraphs/(corporations|sdv|swt)/",
  message:
    "The production gateway knows the subgraphs only through the composed schema and HTTP; subgraphs/shared is the shared package. Assembling subgraphs in one process is a development tool (dev/).",
};
const DEV_TOOLS = { regex: "^\\.\\.?/(.*/)?dev/", message: "The development tools (dev/) build on the program, never the other way round." };
const GATEWAY_CODE = { regex: "^\\.\\.?/(.*/)?gateway/", message: "A subgraph does not depend on the gateway." };

/**
 * The same patterns for `import("...")`, which `no-restricted-imports` does not see. A selector's
 * regular expression may not contain a slash: it is written \x2F.
 */
function restrictedImports(patterns) {
  return {
    "no-restricted-imports": ["error", { patterns }],
    "no-restricted-syntax": ["error", ...patterns.map(({ regex, message }) => ({ selector: `ImportExpression[source.value=/${regex.replaceAll("/", "\\x2F")}/]`, message }))],
  };
}

const TEST_FILES = ["test/**", "**/*.test.ts", "**/*.fixture.ts", "subgraphs/swt/src/testing.ts"];

export default defineConfig(
  {
    ignores: ["dist/", ".data/", ".test-build/", "node_modules/", "gateway/public/vendor/"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.js"],
    plugins: { "import-x": importX },
    settings: {
      // The import rules read the imported files too: TypeScript with its own parser.
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/external-module-folders": ["node_modules", "node_modules/@types"],
      // Relative imports end in .js and name the .ts file beside them (NodeNext).
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Modules that import each other cannot be read, tested or moved one at a time.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "import-x/no-duplicates": "error",
      // Unused code: variables, imports, parameters after the last used one (not caught errors); a
      // leading underscore says "deliberately unused" (a positional parameter, a destructured rest).
      "@typescript-eslint/no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      // TypeORM's own options type entity and migration lists as `Function`.
      "@typescript-eslint/no-unsafe-function-type": "off",
      // The input rules find control characters in text on purpose (and the fuzz test escapes them).
      "no-control-regex": "off",
      // Answers of other services and of JSON are `any` at the boundary, narrowed by a validator or a type guard.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // The browser JavaScript of the gateway's pages (ES modules, loaded by the pages themselves).
    files: ["gateway/public/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // Absolute URLs such as /static/session.js are resolved by the browser, not on disk.
      "import-x/no-cycle": "off",
    },
  },
  {
    // The production gateway: the process `node dist/gateway/src/main.js` runs.
    files: ["gateway/src/**/*.ts"],
    ignores: TEST_FILES,
    rules: restrictedImports([...TEST_CODE, SUBGRAPH_CODE, DEV_TOOLS]),
  },
  {
    // The subgraphs and their shared package.
    files: ["subgraphs/**/*.ts"],
    ignores: TEST_FILES,
    rules: restrictedImports([...TEST_CODE, DEV_TOOLS, GATEWAY_CODE]),
  },
  {
    // The development tools (local launcher, CLIs) and the schema composer may assemble anything but the tests.
    files: ["dev/**/*.ts", "schema/**/*.ts"],
    ignores: TEST_FILES,
    rules: restrictedImports(TEST_CODE),
  },
);
