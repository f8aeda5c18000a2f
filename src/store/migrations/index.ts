import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-accounts.js";
import * as m0002 from "./0002-activities.js";

/**
 * The migrations, in order. A static list rather than a folder scan, so the built dist/ and
 * tsx runs see exactly the same set. Append; never edit or reorder a landed migration.
 */
const MIGRATIONS: Record<string, Migration> = {
  "0001-accounts": m0001,
  "0002-activities": m0002,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
