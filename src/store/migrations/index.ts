import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-accounts.js";
import * as m0002 from "./0002-activities.js";
import * as m0003 from "./0003-community.js";
import * as m0004 from "./0004-assessments-profile.js";
import * as m0005 from "./0005-pain-programme.js";
import * as m0006 from "./0006-training.js";
import * as m0007 from "./0007-plans.js";

/**
 * The migrations, in order. A static list rather than a folder scan, so the built dist/ and
 * tsx runs see exactly the same set. Append; never edit or reorder a landed migration.
 */
const MIGRATIONS: Record<string, Migration> = {
  "0001-accounts": m0001,
  "0002-activities": m0002,
  "0003-community": m0003,
  "0004-assessments-profile": m0004,
  "0005-pain-programme": m0005,
  "0006-training": m0006,
  "0007-plans": m0007,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
