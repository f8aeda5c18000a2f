// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import { builtinModules } from "node:module";

/**
 * The arrows of DESIGN.md, enforced: core ← importers, store ← services ← server, cli;
 * web → contracts. Each layer lists what it must not import. A test
 * (test/architecture.test.ts) plants wrong-direction imports and checks that these catch them.
 */
const nodeBuiltins = [
  ...builtinModules.map((m) => m),
  ...builtinModules.map((m) => `node:${m}`),
];
const layer = (/** @type {string[]} */ names) =>
  names.map((n) => ({
    group: [`**/${n}`, `**/${n}/**`, `../${n}/**`, `./${n}/**`],
    message: `This layer must not import from src/${n} (see DESIGN.md, "The shape").`,
  }));
const ioPackages = ["pg", "better-sqlite3", "kysely", "fastify", "@fastify/*", "commander", "react", "react-dom"];

/** @param {string[]} forbiddenLayers @param {{noNode?: boolean, extra?: string[], nodeAllowed?: string[]}} [opts] */
function restrict(forbiddenLayers, opts = {}) {
  const paths = [];
  if (opts.noNode) {
    const allowed = new Set(opts.nodeAllowed ?? []);
    for (const name of nodeBuiltins) {
      if (allowed.has(name)) continue;
      paths.push({ name, message: "Pure layer: no Node built-ins (no I/O, no clock)." });
    }
  }
  for (const name of opts.extra ?? []) {
    paths.push({ name, message: "This layer must stay free of I/O libraries." });
  }
  return {
    "no-restricted-imports": [
      "error",
      { paths, patterns: [...layer(forbiddenLayers), ...(opts.extra ?? []).filter((e) => e.includes("*")).map((g) => ({ group: [g], message: "This layer must stay free of I/O libraries." }))] },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ["dist/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "test/fixtures/**", "src/**/*.as.ts"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ["*.js", "*.mjs", "bin/*.js"],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "ExportDefaultDeclaration", message: "Use named exports." },
      ],
    },
  },
  {
    files: ["*.config.*", "eslint.config.js", "vite.config.ts", "playwright.config.ts", "vitest.config.ts", "e2e/summary-reporter.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["src/core/**/*.ts"],
    rules: restrict(["importers", "store", "services", "server", "cli", "contracts"], {
      noNode: true,
      extra: ioPackages,
    }),
  },
  {
    files: ["src/importers/**/*.ts"],
    rules: restrict(["store", "services", "server", "cli", "contracts"], {
      noNode: true,
      nodeAllowed: ["node:zlib", "zlib", "node:buffer", "buffer"],
      extra: ioPackages,
    }),
  },
  {
    // Tests of the pure layers read fixtures from disk; the layer arrows still hold for them.
    files: ["src/core/**/*.test.ts", "src/importers/**/*.test.ts"],
    rules: restrict(["store", "services", "server", "cli"]),
  },
  {
    files: ["src/store/**/*.ts"],
    rules: restrict(["importers", "services", "server", "cli"]),
  },
  {
    files: ["src/services/**/*.ts"],
    rules: restrict(["server", "cli"]),
  },
  {
    files: ["src/contracts/**/*.ts"],
    rules: restrict(["importers", "store", "services", "server", "cli"], { noNode: true, extra: ioPackages }),
  },
  {
    files: ["src/server/**/*.ts"],
    rules: restrict(["store", "importers", "cli"]),
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: restrict(["store", "importers", "server/routes"]),
  },
  {
    files: ["web/**/*.ts", "web/**/*.tsx"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: nodeBuiltins.map((name) => ({ name, message: "The browser app has no Node built-ins." })),
          patterns: [
            {
              group: ["**/src/**", "!**/src/contracts", "!**/src/contracts/**"],
              message: "web/ imports nothing from src/ but src/contracts (DESIGN.md).",
            },
          ],
        },
      ],
    },
  },
);
