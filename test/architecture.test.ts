import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./paths.js";

/**
 * Plants wrong-direction imports in files that do not exist (ESLint lints the text as if it
 * lived at that path) and checks that the arrows of DESIGN.md catch each one, while the
 * allowed directions pass.
 */
const eslint = new ESLint({
  cwd: REPO_ROOT,
  // The planted files are not in the TypeScript project, so lint them without type information;
  // the import rules under test do not need it.
  overrideConfig: [{ files: ["**/planted.ts"], ...tseslint.configs.disableTypeChecked }],
});

async function restrictedImportErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("the layer arrows", () => {
  const wrong: [string, string][] = [
    ["src/core/planted.ts", 'import fs from "node:fs";\nexport const x = fs;\n'],
    ["src/core/planted.ts", 'import { openDatabase } from "../store/database.js";\nexport const x = openDatabase;\n'],
    ["src/core/planted.ts", 'import { Kysely } from "kysely";\nexport const x = Kysely;\n'],
    ["src/importers/planted.ts", 'import fs from "node:fs";\nexport const x = fs;\n'],
    ["src/importers/planted.ts", 'import { createApp } from "../services/app.js";\nexport const x = createApp;\n'],
    ["src/store/planted.ts", 'import { createApp } from "../services/app.js";\nexport const x = createApp;\n'],
    ["src/services/planted.ts", 'import { buildServer } from "../server/build-server.js";\nexport const x = buildServer;\n'],
    ["src/server/planted.ts", 'import { openDatabase } from "../store/database.js";\nexport const x = openDatabase;\n'],
    ["src/contracts/planted.ts", 'import { createApp } from "../services/app.js";\nexport const x = createApp;\n'],
    ["web/src/planted.ts", 'import { DomainError } from "../../src/core/errors.js";\nexport const x = DomainError;\n'],
    ["web/src/planted.ts", 'import fs from "node:fs";\nexport const x = fs;\n'],
  ];
  for (const [file, code] of wrong) {
    it(`catches ${code.split("\n")[0]} in ${file}`, async () => {
      expect(await restrictedImportErrors(file, code)).not.toEqual([]);
    });
  }

  const allowed: [string, string][] = [
    ["src/importers/planted.ts", 'import { sportFromName } from "./common/sport.js";\nexport const x = sportFromName;\n'],
    ["src/services/planted.ts", 'import { openDatabase } from "../store/database.js";\nexport const x = openDatabase;\n'],
    ["web/src/planted.ts", 'import { healthResponse } from "../../src/contracts/health.js";\nexport const x = healthResponse;\n'],
  ];
  for (const [file, code] of allowed) {
    it(`allows ${code.split("\n")[0]} in ${file}`, async () => {
      expect(await restrictedImportErrors(file, code)).toEqual([]);
    });
  }
});

describe("docs/ARCHITECTURE.md", () => {
  it("names every folder of src/ and web/src/, so the map stays true", () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, "docs", "ARCHITECTURE.md"), "utf8");
    const missing: string[] = [];
    for (const root of ["src", "web/src"]) {
      for (const entry of fs.readdirSync(path.join(REPO_ROOT, root), { recursive: true, withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        if (!new RegExp(`\\b${entry.name}\\b`).test(doc)) missing.push(path.join(entry.parentPath, entry.name));
      }
    }
    expect(missing).toEqual([]);
  });
});
