import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package root: two levels above this file in src/cli and in dist/cli alike. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export function readVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };
  return pkg.version;
}
