import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { startTestServer } from "../../../test/app.js";
import type { RoleResponse } from "../../contracts/sharing.js";
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
