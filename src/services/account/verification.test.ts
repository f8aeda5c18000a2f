import { Migrator } from "kysely";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, DIALECTS } from "../../../test/db.js";
import type { TestDb } from "../../../test/db.js";
import { createApp } from "../app.js";
import { hashPassword, logIn } from "../auth.js";
import { migrateToLatest, openDatabase } from "../../store/database.js";
import { migrationProvider } from "../../store/migrations/index.js";

for (const dialect of DIALECTS) {
  describe(`migration 0013 (verified addresses) on ${dialect}`, () => {
    let testDb: TestDb;
    beforeAll(async () => {
      testDb = await createTestDb(dialect);
    });
    afterAll(() => testDb.drop());

    it("leaves accounts made before it unverified (the local owner excepted), and they still sign in", async () => {
      const database = await openDatabase(testDb.spec);
      try {
        const migrated = await new Migrator({ db: database.db, provider: migrationProvider }).migrateTo("0012-load-indexes");
        expect(migrated.error).toBeUndefined();
        // Rows as the app wrote them before 0013, in a database that has no email_verified_at yet.
        const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
        const at = "2025-01-01T00:00:00.000Z";
        await db
          .insertInto("users")
          .values([
            { id: "owner", email: "owner@localhost", display_name: "Runner", password_hash: null, role: "admin", is_local_owner: 1, created_at: at },
            { id: "old", email: "old@example.org", display_name: "Old", password_hash: await hashPassword("an old long password"), role: "coach", is_local_owner: 0, created_at: at },
          ])
          .execute();
        expect(await migrateToLatest(database)).toContain("0013-email-verification");
        const rows = await database.db.selectFrom("users").select(["id", "email_verified_at"]).orderBy("id").execute();
        expect(rows).toEqual([
          { id: "old", email_verified_at: null },
          { id: "owner", email_verified_at: at },
        ]);
      } finally {
        await database.close();
      }
      const app = await createApp({ db: testDb.spec, multiUser: true, version: "0.0.0-test" });
      try {
        const grant = await logIn(app, { email: "old@example.org", password: "an old long password" });
        expect(grant.user).toMatchObject({ id: "old", emailVerified: false });
      } finally {
        await app.close();
      }
    });
  });
}
