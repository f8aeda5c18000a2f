import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-accounts.js";
import * as m0002 from "./0002-activities.js";
import * as m0003 from "./0003-community.js";
import * as m0004 from "./0004-assessments-profile.js";
import * as m0005 from "./0005-pain-programme.js";
import * as m0006 from "./0006-training.js";
import * as m0007 from "./0007-plans.js";
import * as m0008 from "./0008-sharing.js";
import * as m0009 from "./0009-account.js";
import * as m0010 from "./0010-original-files.js";
import * as m0011 from "./0011-upload-parts.js";
import * as m0012 from "./0012-load-indexes.js";
import * as m0013 from "./0013-email-verification.js";
import * as m0014 from "./0014-import-file-jobs.js";
import * as m0016 from "./0016-pain-escalation.js";
import * as m0017 from "./0017-site-setup.js";
import * as m0018 from "./0018-activity-corrections.js";
import * as m0019 from "./0019-upload-tokens.js";
import * as m0020 from "./0020-daily-wellness.js";
import * as m0021 from "./0021-profile-heart-rate.js";
import * as m0022 from "./0022-share-scopes.js";

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
  "0008-sharing": m0008,
  "0009-account": m0009,
  "0010-original-files": m0010,
  "0011-upload-parts": m0011,
  "0012-load-indexes": m0012,
  "0013-email-verification": m0013,
  "0014-import-file-jobs": m0014,
  "0016-pain-escalation": m0016,
  "0017-site-setup": m0017,
  "0018-activity-corrections": m0018,
  "0019-upload-tokens": m0019,
  "0020-daily-wellness": m0020,
  "0021-profile-heart-rate": m0021,
  "0022-share-scopes": m0022,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
