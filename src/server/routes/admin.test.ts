import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import { grantAdmin } from "../../services/account/site-setup.js";
import { ADMIN_USERS_PAGE_SIZE } from "../../contracts/sharing.js";
import type { AdminUsersResponse, RoleResponse } from "../../contracts/sharing.js";
import { client, person } from "./sharing.test-helpers.js";
import type { Client } from "./sharing.test-helpers.js";

for (const dialect of DIALECTS) {
  describe(`roles on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let admin: Client;
    let ada: Client;
    let bea: Client;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      admin = await person(t.server, "admin@example.org");
      // Signing up makes no admin; the operator makes one on the server's command line.
      await grantAdmin(t.app, "admin@example.org");
      ada = await person(t.server, "ada@example.org");
      bea = await person(t.server, "bea@example.org");
    });
    afterAll(() => t.close());

    const auditOf = (userId: string) =>
      t.app.database.db.selectFrom("audit_log").selectAll().where("action", "=", "role.changed").where("target", "=", `user:${userId}`).execute();

    it("requires sign-in to change a role", async () => {
      const anon = client(t.server);
      expect((await anon.put("/api/me/role", { role: "coach" })).statusCode).toBe(401);
      expect((await anon.put(`/api/admin/users/${ada.id}/role`, { role: "coach" })).statusCode).toBe(401);
    });

    it("lets anyone switch themselves between runner and coach, audited", async () => {
      const res = await ada.put("/api/me/role", { role: "coach" });
      expect(res.statusCode).toBe(200);
      expect(res.json<RoleResponse>().user.role).toBe("coach");
      expect((await ada.get("/api/me")).json<RoleResponse>().user.role).toBe("coach");
      expect((await ada.put("/api/me/role", { role: "runner" })).json<RoleResponse>().user.role).toBe("runner");
      const rows = await auditOf(ada.id);
      expect(rows.map((r) => [r.actor_id, JSON.parse(r.details_json) as unknown])).toEqual([
        [ada.id, { from: "runner", to: "coach" }],
        [ada.id, { from: "coach", to: "runner" }],
      ]);
      // Nobody makes themselves a moderator or admin.
      const up = await ada.put("/api/me/role", { role: "admin" });
      expect(up.statusCode).toBe(400);
      expect(up.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    });

    it("lists people for an admin only, found by part of their email or name", async () => {
      expect((await client(t.server).get("/api/admin/users")).statusCode).toBe(401);
      const denied = await ada.get("/api/admin/users");
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ error: { code: "ADMIN_ONLY" } });

      const all = (await admin.get("/api/admin/users")).json<AdminUsersResponse>();
      expect(all).toMatchObject({ page: 1, pages: 1, total: 3 });
      expect(all.users.map((u) => [u.email, u.displayName, u.role])).toEqual([
        ["admin@example.org", "admin", "admin"],
        ["ada@example.org", "ada", "runner"],
        ["bea@example.org", "bea", "runner"],
      ]);
      expect(all.users[1]).toEqual({ id: ada.id, email: "ada@example.org", displayName: "ada", role: "runner", createdAt: expect.any(String) as string });
      const found = (await admin.get("/api/admin/users?q=BEA")).json<AdminUsersResponse>();
      expect(found.users.map((u) => u.id)).toEqual([bea.id]);
      expect(found.total).toBe(1);
      // LIKE wildcards are searched as themselves: nobody's address holds a % or an _.
      for (const q of ["%", "_", "\\"]) expect((await admin.get(`/api/admin/users?q=${encodeURIComponent(q)}`)).json<AdminUsersResponse>().total, q).toBe(0);
      expect((await admin.get("/api/admin/users?q=example.org&page=2")).json<AdminUsersResponse>()).toMatchObject({ users: [], page: 2, total: 3 });
      const bad = await admin.get("/api/admin/users?page=0");
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    });

    it("pages through many people", async () => {
      const extra = ADMIN_USERS_PAGE_SIZE + 2;
      const now = new Date().toISOString();
      await t.app.database.db
        .insertInto("users")
        .values(Array.from({ length: extra }, (_, i) => ({ id: `zz-page-${String(i).padStart(3, "0")}`, email: `paged-${i}@example.net`, display_name: `Paged ${i}`, password_hash: null, role: "runner" as const, created_at: now })))
        .execute();
      try {
        const first = (await admin.get("/api/admin/users?q=example.net")).json<AdminUsersResponse>();
        expect(first).toMatchObject({ page: 1, pages: 2, total: extra });
        expect(first.users).toHaveLength(ADMIN_USERS_PAGE_SIZE);
        const second = (await admin.get("/api/admin/users?q=example.net&page=2")).json<AdminUsersResponse>();
        expect(second.users.map((u) => u.email)).toHaveLength(2);
        expect(new Set([...first.users, ...second.users].map((u) => u.id)).size).toBe(extra);
      } finally {
        await t.app.database.db.deleteFrom("users").where("email", "like", "%@example.net").execute();
      }
    });

    it("refuses role changes to anyone but an admin", async () => {
      const res = await ada.put(`/api/admin/users/${bea.id}/role`, { role: "moderator" });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: "ADMIN_ONLY" } });
      expect((await ada.put(`/api/admin/users/${ada.id}/role`, { role: "admin" })).statusCode).toBe(403);
      expect((await bea.get("/api/me")).json<RoleResponse>().user.role).toBe("runner");
    });

    it("lets an admin set any role, audited with the admin as actor", async () => {
      const res = await admin.put(`/api/admin/users/${bea.id}/role`, { role: "moderator" });
      expect(res.statusCode).toBe(200);
      expect(res.json<RoleResponse>().user).toMatchObject({ id: bea.id, role: "moderator" });
      const rows = await auditOf(bea.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_id: admin.id, target: `user:${bea.id}` });
      expect(JSON.parse(rows[0]!.details_json)).toEqual({ from: "runner", to: "moderator" });
      // A moderator cannot step down on their own, so a role an admin gave stays until an admin changes it.
      expect((await bea.put("/api/me/role", { role: "runner" })).json()).toMatchObject({ error: { code: "ROLE_CHANGE_FORBIDDEN" } });
      expect((await admin.put("/api/admin/users/no-such-user/role", { role: "coach" })).statusCode).toBe(404);
    });

    it("never leaves the site without an admin", async () => {
      const res = await admin.put(`/api/admin/users/${admin.id}/role`, { role: "runner" });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: "LAST_ADMIN" } });
      await admin.put(`/api/admin/users/${ada.id}/role`, { role: "admin" });
      expect((await ada.put(`/api/admin/users/${admin.id}/role`, { role: "runner" })).statusCode).toBe(200);
    });
  });
}
