import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, createTestDb } from "../../../test/db.js";
import type { TestDb } from "../../../test/db.js";
import { createApp } from "../app.js";
import type { App } from "../app.js";
import { existingTables, likeLiteral, USER_DATA } from "./user-data.js";

for (const dialect of DIALECTS) {
  describe(`the catalogue of user data on ${dialect}`, () => {
    let testDb: TestDb;
    let app: App;
    beforeAll(async () => {
      testDb = await createTestDb(dialect);
      app = await createApp({ db: testDb.spec, multiUser: true, version: "0.0.0-test" });
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    it("names every table of the database, so export and deletion cannot miss a new one", async () => {
      const tables = await existingTables(app.database.db);
      const unnamed = [...tables.keys()].filter((t) => !(t in USER_DATA));
      expect(unnamed, "add these tables to USER_DATA in src/services/account/user-data.ts").toEqual([]);
    });

    it("points only at columns the tables have", async () => {
      const tables = await existingTables(app.database.db);
      for (const [name, plan] of Object.entries(USER_DATA)) {
        const columns = tables.get(name);
        if (plan.kind === "child" && columns) {
          expect(columns.has(plan.column), `${name}.${plan.column}`).toBe(true);
          expect(tables.get(plan.parent)?.has(plan.parentKey), `${plan.parent}.${plan.parentKey}`).toBe(true);
        }
        if (plan.kind !== "owned" || !columns) continue;
        for (const c of [...plan.owners, ...(plan.mentions ?? []), ...(plan.export === false ? [] : plan.export.omit)]) {
          expect(columns.has(c), `${name}.${c}`).toBe(true);
        }
      }
    });
  });
}

describe("LIKE patterns", () => {
  it("escape the characters LIKE would read as wildcards", () => {
    expect(likeLiteral("a_b%c\\d@example.org")).toBe("a\\_b\\%c\\\\d@example.org");
  });
});
