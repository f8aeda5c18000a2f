import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/db.js";
import { emailedToken, outboxOf, parseSetCookie, signUpVerified, startTestServer } from "../../../test/app.js";
import type { CoachInvitesResponse, LinkInvitePreview, LinkInviteResponse, ShareResponse, SharingListResponse } from "../../contracts/sharing.js";
import type { MailMessage, Mailer } from "../../services/account/mailer.js";
import { signUp } from "../../services/auth.js";
import { SESSION_COOKIE } from "../auth-context.js";
import { cast, client } from "./sharing.test-helpers.js";
import type { Client } from "./sharing.test-helpers.js";

const NOW = new Date("2024-03-31T12:00:00.000Z");

/** A mailer that keeps what it was given; with `fail`, every delivery fails after being kept. */
function captureMailer(fail = false): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { kind: "smtp", sent, send: (m) => (sent.push(m), fail ? Promise.reject(new Error("SMTP said no")) : Promise.resolve()) };
}

for (const dialect of DIALECTS) {
  describe(`sharing invitations on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let ada: Client;
    let bea: Client;
    let cole: Client;
    let dee: Client;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      t.app.now = () => NOW;
      ({ ada, bea, cole, dee } = await cast(t.server));
    });
    afterAll(() => {
      t.app.now = () => NOW;
      return t.close();
    });

    it("requires sign-in for every sharing endpoint", async () => {
      const anon = client(t.server);
      for (const res of [
        await anon.get("/api/sharing"),
        await anon.post("/api/sharing/invites/email", { email: "x@example.org", access: "read" }),
        await anon.post("/api/sharing/invites/link", { access: "read" }),
        await anon.get("/api/sharing/notes"),
        await anon.patch("/api/sharing/s1", { access: "notes" }),
        await anon.del("/api/sharing/s1"),
        await anon.get("/api/invites"),
        await anon.post("/api/invites/s1/accept"),
        await anon.post("/api/invites/s1/decline"),
        await anon.get(`/api/invites/link/${"a".repeat(43)}`),
        await anon.post(`/api/invites/link/${"a".repeat(43)}/accept`),
      ]) {
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: "NOT_SIGNED_IN" } });
      }
    });

    it("shows an email invitation only to the account with that address, and refuses duplicates and oneself", async () => {
      const res = await ada.post("/api/sharing/invites/email", { email: "dee@example.org", access: "notes" });
      expect(res.statusCode).toBe(201);
      const share = res.json<ShareResponse>().share;
      expect(share).toMatchObject({ kind: "email", status: "pending", access: "notes", inviteEmail: "dee@example.org", coach: null });

      expect((await dee.get("/api/invites")).json<CoachInvitesResponse>().invites).toEqual([
        // An invitation that names no scopes shares what sharing always showed.
        { id: share.id, athlete: { displayName: "ada" }, access: "notes", scopes: ["training", "pain", "assessments"], createdAt: NOW.toISOString() },
      ]);
      expect((await cole.get("/api/invites")).json<CoachInvitesResponse>().invites).toEqual([]);
      // Someone else's invitation cannot be accepted by id.
      expect((await cole.post(`/api/invites/${share.id}/accept`)).json()).toMatchObject({ error: { code: "INVITE_NOT_FOUND" } });

      const again = await ada.post("/api/sharing/invites/email", { email: "DEE@example.org", access: "read" });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ error: { code: "SHARE_EXISTS" } });
      const self = await ada.post("/api/sharing/invites/email", { email: "ada@example.org", access: "read" });
      expect(self.json()).toMatchObject({ error: { code: "CANNOT_SHARE_WITH_SELF" } });
      const bad = await ada.post("/api/sharing/invites/email", { email: "not an email", access: "all" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path).sort()).toEqual(["access", "email"]);

      // A runner with that address could not accept it: only coaches and physios can.
      const toBea = (await ada.post("/api/sharing/invites/email", { email: "bea@example.org", access: "read" })).json<ShareResponse>().share;
      const notCoach = await bea.post(`/api/invites/${toBea.id}/accept`);
      expect(notCoach.statusCode).toBe(403);
      expect(notCoach.json()).toMatchObject({ error: { code: "NOT_A_COACH" } });

      // Withdrawing an invitation takes it away from the invitee.
      expect((await ada.del(`/api/sharing/${share.id}`)).json<ShareResponse>().share.status).toBe("revoked");
      expect((await ada.del(`/api/sharing/${toBea.id}`)).statusCode).toBe(200);
      expect((await dee.get("/api/invites")).json<CoachInvitesResponse>().invites).toEqual([]);
      expect((await dee.post(`/api/invites/${share.id}/accept`)).statusCode).toBe(404);
    });

    it("lets the invitee decline an email invitation, and tells the runner", async () => {
      const share = (await bea.post("/api/sharing/invites/email", { email: "cole@example.org", access: "read" })).json<ShareResponse>().share;
      // Only the invitee can decline, and only while it is open.
      expect((await dee.post(`/api/invites/${share.id}/decline`)).json()).toMatchObject({ error: { code: "INVITE_NOT_FOUND" } });
      expect((await bea.post(`/api/invites/${share.id}/decline`)).statusCode).toBe(404);
      const res = await cole.post(`/api/invites/${share.id}/decline`);
      expect(res.statusCode).toBe(204);
      expect((await cole.get("/api/invites")).json<CoachInvitesResponse>().invites.map((i) => i.id)).not.toContain(share.id);
      expect((await cole.post(`/api/invites/${share.id}/accept`)).statusCode).toBe(404);
      expect((await cole.post(`/api/invites/${share.id}/decline`)).statusCode).toBe(404);
      // The runner sees the answer; nothing is shared; the runner cannot revoke what is over.
      const mine = (await bea.get("/api/sharing")).json<SharingListResponse>().shares;
      expect(mine.find((s) => s.id === share.id)).toMatchObject({ status: "declined", inviteEmail: "cole@example.org", revokedAt: NOW.toISOString(), coach: null });
      expect((await bea.del(`/api/sharing/${share.id}`)).statusCode).toBe(404);
      expect((await cole.get("/api/athletes")).json<{ athletes: { id: string }[] }>().athletes.map((a) => a.id)).not.toContain(bea.id);
      const audit = await t.app.database.db.selectFrom("audit_log").selectAll().where("action", "=", "share.declined").execute();
      expect(audit.map((a) => a.actor_id)).toEqual([cole.id]);
      // The runner may invite the same person again, and a month later the refusal is no longer listed.
      const again = await bea.post("/api/sharing/invites/email", { email: "cole@example.org", access: "read" });
      expect(again.statusCode).toBe(201);
      const monthAgo = new Date(NOW.getTime() - 31 * 86_400_000).toISOString();
      await t.app.database.db.updateTable("shares").set({ revoked_at: monthAgo }).where("id", "=", share.id).execute();
      expect((await bea.get("/api/sharing")).json<SharingListResponse>().shares.map((s) => s.status)).toEqual(["pending"]);
      expect((await bea.del(`/api/sharing/${again.json<ShareResponse>().share.id}`)).statusCode).toBe(200);
    });

    it("makes a single-use link that the runner cannot accept themselves", async () => {
      const made = await ada.post("/api/sharing/invites/link", { access: "read" });
      expect(made.statusCode).toBe(201);
      const { token, path, share } = made.json<LinkInviteResponse>();
      expect(path).toBe(`/invite/${token}`);
      expect(share).toMatchObject({ kind: "link", status: "pending", inviteExpiresAt: "2024-04-07T12:00:00.000Z", expired: false });
      // Only the hash is stored.
      const row = await t.app.database.db.selectFrom("shares").selectAll().where("id", "=", share.id).executeTakeFirstOrThrow();
      expect(row.invite_token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(token);

      expect((await ada.get(`/api/invites/link/${token}`)).json<LinkInvitePreview>().yours).toBe(true);
      const own = await ada.post(`/api/invites/link/${token}/accept`);
      expect(own.statusCode).toBe(403);
      expect(own.json()).toMatchObject({ error: { code: "OWN_INVITE" } });
      expect((await bea.post(`/api/invites/link/${token}/accept`)).json()).toMatchObject({ error: { code: "NOT_A_COACH" } });

      // A link is accepted with its secret, never by the share's id.
      expect((await cole.post(`/api/invites/${share.id}/accept`)).json()).toMatchObject({ error: { code: "INVITE_NOT_FOUND" } });
      expect((await cole.get(`/api/invites/link/${token}`)).json<LinkInvitePreview>()).toEqual({
        athlete: { displayName: "ada" },
        yours: false,
        access: "read",
        scopes: ["training", "pain", "assessments"],
        expiresAt: "2024-04-07T12:00:00.000Z",
      });
      const accepted = await cole.post(`/api/invites/link/${token}/accept`);
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({ athlete: { id: ada.id, displayName: "ada", access: "read", since: NOW.toISOString() } });

      // Used once: gone for everyone, including the coach who used it.
      for (const who of [dee, cole]) {
        const res = await who.post(`/api/invites/link/${token}/accept`);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ error: { code: "INVITE_NOT_FOUND" } });
      }
      expect((await dee.get(`/api/athletes/${ada.id}`)).statusCode).toBe(404);
      expect((await cole.get(`/api/athletes/${ada.id}`)).statusCode).toBe(200);

      // A second invitation to a coach who already sees the runner is refused, and stays open.
      const second = (await ada.post("/api/sharing/invites/link", { access: "notes" })).json<LinkInviteResponse>();
      expect((await cole.post(`/api/invites/link/${second.token}/accept`)).json()).toMatchObject({ error: { code: "SHARE_EXISTS" } });
      expect((await dee.post(`/api/invites/link/${second.token}/accept`)).statusCode).toBe(200);

      const list = (await ada.get("/api/sharing")).json<SharingListResponse>().shares;
      // Both were created at the same (fixed) instant: compare them by name, not by list order.
      const byCoach = list.map((s) => [s.status, s.coach?.displayName ?? ""]).sort((a, b) => a[1]!.localeCompare(b[1]!));
      expect(byCoach).toEqual([["active", "cole"], ["active", "dee"]]);
      for (const s of list) await ada.del(`/api/sharing/${s.id}`);
    });

    it("lets a link expire after seven days", async () => {
      const { token } = (await ada.post("/api/sharing/invites/link", { access: "read" })).json<LinkInviteResponse>();
      t.app.now = () => new Date(NOW.getTime() + 7 * 86_400_000 + 1000);
      try {
        const res = await cole.post(`/api/invites/link/${token}/accept`);
        expect(res.statusCode).toBe(410);
        expect(res.json()).toMatchObject({ error: { code: "INVITE_EXPIRED" } });
        expect((await ada.get("/api/sharing")).json<SharingListResponse>().shares.map((s) => s.expired)).toEqual([true]);
      } finally {
        t.app.now = () => NOW;
      }
    });

    it("keeps one runner's shares from another", async () => {
      const { share } = (await ada.post("/api/sharing/invites/link", { access: "read" })).json<LinkInviteResponse>();
      expect((await bea.del(`/api/sharing/${share.id}`)).statusCode).toBe(404);
      expect((await bea.patch(`/api/sharing/${share.id}`, { access: "notes" })).statusCode).toBe(404);
      expect((await bea.get("/api/sharing")).json<SharingListResponse>().shares).toEqual([]);
      expect((await ada.get("/api/sharing")).json<SharingListResponse>().shares.map((s) => s.id)).toContain(share.id);
    });

    it("audits invitations, acceptances and revocations with actor, subject and time", async () => {
      const rows = await t.app.database.db.selectFrom("audit_log").selectAll().where("target", "=", `user:${ada.id}`).orderBy("created_at").orderBy("action").execute();
      const actions = new Set(rows.map((r) => r.action));
      for (const a of ["share.invited", "share.accepted", "share.revoked"]) expect(actions.has(a), a).toBe(true);
      const accepted = rows.filter((r) => r.action === "share.accepted");
      expect(accepted.map((r) => r.actor_id).sort()).toEqual([cole.id, dee.id].sort());
      for (const r of rows) {
        expect(r.created_at).toBe(NOW.toISOString());
        // No email address of the invitee and no secret in the audit.
        expect(r.details_json).not.toMatch(/@example\.org/);
      }
    });
  });

  describe(`invitation emails on ${dialect}`, () => {
    const mailer = captureMailer();
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let ada: Client;
    let dee: Client;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true, mail: { mailer, publicUrl: "https://club.example" } });
      ({ ada, dee } = await cast(t.server));
      // The sign-up links of the cast are not what these tests read.
      mailer.sent.length = 0;
    });
    afterAll(() => t.close());

    it("tells the invitee by email who invites them and where to answer, and sends nothing for a link", async () => {
      const res = await ada.post("/api/sharing/invites/email", { email: "Dee@Example.org", access: "notes" });
      expect(res.statusCode).toBe(201);
      expect(mailer.sent).toHaveLength(1);
      const mail = mailer.sent[0]!;
      expect(mail.to).toBe("dee@example.org");
      expect(mail.subject).toBe("ada invites you to see their running on kneewise");
      expect(mail.text).toContain("https://club.example/coach");
      expect(mail.text).toContain("(read and keep notes)");
      expect(mail.text).toContain("sign in to kneewise with this address (dee@example.org)");
      // The invitee finds the same invitation in the app.
      expect((await dee.get("/api/invites")).json<CoachInvitesResponse>().invites).toHaveLength(1);
      // Refused invitations send nothing.
      expect((await ada.post("/api/sharing/invites/email", { email: "dee@example.org", access: "read" })).statusCode).toBe(409);
      expect((await ada.post("/api/sharing/invites/link", { access: "read" })).statusCode).toBe(201);
      expect(mailer.sent).toHaveLength(1);
    });

    it("keeps the invitation when the mail server fails", async () => {
      const failing = captureMailer(true);
      const other = await startTestServer(dialect, { multiUser: true, mail: { mailer: failing, publicUrl: "https://club.example" } });
      try {
        const people = await cast(other.server);
        failing.sent.length = 0;
        const res = await people.bea.post("/api/sharing/invites/email", { email: "cole@example.org", access: "read" });
        expect(res.statusCode).toBe(201);
        expect(failing.sent.map((m) => m.to)).toEqual(["cole@example.org"]);
        expect((await people.cole.get("/api/invites")).json<CoachInvitesResponse>().invites).toHaveLength(1);
      } finally {
        await other.close();
      }
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`invitations need a verified address on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let ada: Client;
    let bea: Client;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      ({ ada, bea } = await cast(t.server));
    });
    afterAll(() => t.close());

    async function signIn(email: string, password = "a long enough password"): Promise<Client> {
      const res = await t.server.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
      expect(res.statusCode, res.body).toBe(200);
      const c = client(t.server, { [SESSION_COOKIE]: parseSetCookie(res.headers["set-cookie"]).get(SESSION_COOKIE)!.value });
      return { ...c, id: res.json<{ user: { id: string } }>().user.id };
    }
    const asCoach = async (c: Client) => expect((await c.put("/api/me/role", { role: "coach" })).statusCode).toBe(200);
    async function openLink(email: string, cookies: Record<string, string> = {}) {
      return t.server.inject({ method: "POST", url: "/api/auth/verify-email", cookies, payload: { token: emailedToken(t.server, email) } });
    }

    it("gives an invited address to whoever reads its mail, not to whoever signs up with it first", async () => {
      const invite = await ada.post("/api/sharing/invites/email", { email: "physio@example.org", access: "read" });
      expect(invite.statusCode).toBe(201);
      const shareId = invite.json<ShareResponse>().share.id;
      // Someone else signs up first with the invited address: the answer is the usual 202, but
      // no account exists, so there is nothing to sign in to and nothing to accept with.
      const squat = await t.server.inject({ method: "POST", url: "/api/auth/signup", payload: { email: "physio@example.org", password: "squatter's own phrase", displayName: "Mallory" } });
      expect(squat.statusCode).toBe(202);
      const tries = await t.server.inject({ method: "POST", url: "/api/auth/login", payload: { email: "physio@example.org", password: "squatter's own phrase" } });
      expect(tries.statusCode).toBe(401);
      expect(await t.app.database.db.selectFrom("users").select("id").where("email", "=", "physio@example.org").execute()).toEqual([]);
      // The physio signs up too; only the link in their inbox makes the account.
      const { cookies } = await signUpVerified(t.server, { email: "physio@example.org", displayName: "Phyllis" });
      const physio = { ...client(t.server, cookies), id: "" };
      expect((await physio.get("/api/me")).json()).toMatchObject({ user: { displayName: "Phyllis", emailVerified: true } });
      await asCoach(physio);
      expect((await physio.post(`/api/invites/${shareId}/accept`)).statusCode).toBe(200);
    });

    it("shows and accepts nothing for an address that is not verified, until its owner opens a link they asked for", async () => {
      // An account from before verification existed: its address was never proved.
      await signUp(t.app, { email: "old.coach@example.org", password: "a long enough password", displayName: "Old" });
      const old = await signIn("old.coach@example.org");
      expect((await old.get("/api/me")).json()).toMatchObject({ user: { emailVerified: false } });
      await asCoach(old);
      const invite = await ada.post("/api/sharing/invites/email", { email: "old.coach@example.org", access: "read" });
      const shareId = invite.json<ShareResponse>().share.id;
      expect((await old.get("/api/invites")).json<CoachInvitesResponse>().invites).toEqual([]);
      for (const res of [await old.post(`/api/invites/${shareId}/accept`), await old.post(`/api/invites/${shareId}/decline`)]) {
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ error: { code: "EMAIL_NOT_VERIFIED", message: expect.stringContaining("account page") as string } });
      }
      // Link invitations (bound to no address) wait for a verified address too.
      const link = (await bea.post("/api/sharing/invites/link", { access: "read" })).json<LinkInviteResponse>();
      const byLink = await old.post(`/api/invites/link/${link.token}/accept`);
      expect(byLink.statusCode).toBe(403);
      expect(byLink.json()).toMatchObject({ error: { code: "EMAIL_NOT_VERIFIED" } });

      const resend = await old.post("/api/account/email/verification");
      expect(resend.statusCode).toBe(202);
      const mail = outboxOf(t.server).at(-1)!;
      expect(mail).toMatchObject({ to: "old.coach@example.org", subject: "Confirm your email address for kneewise" });
      const opened = await openLink("old.coach@example.org");
      expect(opened.statusCode).toBe(200);
      expect(opened.json()).toEqual({ verified: "address", email: "old.coach@example.org" });
      expect((await old.get("/api/me")).json()).toMatchObject({ user: { emailVerified: true } });
      expect((await old.get("/api/invites")).json<CoachInvitesResponse>().invites.map((i) => i.id)).toEqual([shareId]);
      expect((await old.post(`/api/invites/${shareId}/accept`)).statusCode).toBe(200);
      expect((await old.post(`/api/invites/link/${link.token}/accept`)).statusCode).toBe(200);
      const again = await old.post("/api/account/email/verification");
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ error: { code: "EMAIL_ALREADY_VERIFIED" } });
    });

    it("sends a few links an hour on request, not a flood", async () => {
      await signUp(t.app, { email: "eager@example.org", password: "a long enough password", displayName: "Eager" });
      const eager = await signIn("eager@example.org");
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await eager.post("/api/account/email/verification")).statusCode);
      expect(statuses).toEqual([202, 202, 202, 429]);
    });

    it("makes a changed address unverified again: invitations follow the proved address only", async () => {
      const { cookies } = await signUpVerified(t.server, { email: "mover@example.org" });
      const mover = { ...client(t.server, cookies), id: "" };
      await asCoach(mover);
      const wrong = await mover.put("/api/account/email", { email: "mover.new@example.org", password: "not the password" });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json()).toMatchObject({ error: { code: "PASSWORD_INCORRECT", fields: [{ path: "password" }] } });
      const moved = await mover.put("/api/account/email", { email: "Mover.New@example.org", password: "a long enough password" });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ user: { email: "mover.new@example.org", emailVerified: false } });
      // The old address is told, in case someone else made the change.
      expect(outboxOf(t.server).findLast((m) => m.to === "mover@example.org")?.subject).toBe("Your kneewise email address was changed");
      const toNew = (await ada.post("/api/sharing/invites/email", { email: "mover.new@example.org", access: "read" })).json<ShareResponse>().share.id;
      const toOld = (await ada.post("/api/sharing/invites/email", { email: "mover@example.org", access: "read" })).json<ShareResponse>().share.id;
      expect((await mover.post(`/api/invites/${toNew}/accept`)).json()).toMatchObject({ error: { code: "EMAIL_NOT_VERIFIED" } });
      // The old address is no longer the account's: its invitation is someone else's.
      expect((await mover.post(`/api/invites/${toOld}/accept`)).statusCode).toBe(404);
      expect((await openLink("mover.new@example.org")).statusCode).toBe(200);
      expect((await mover.post(`/api/invites/${toNew}/accept`)).statusCode).toBe(200);
      const taken = await mover.put("/api/account/email", { email: "ada@example.org", password: "a long enough password" });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ error: { code: "EMAIL_TAKEN", fields: [{ path: "email" }] } });
    });

    it("does not let a link for an address the account has left verify the new one", async () => {
      await signUp(t.app, { email: "shifty@example.org", password: "a long enough password", displayName: "Shifty" });
      const shifty = await signIn("shifty@example.org");
      expect((await shifty.post("/api/account/email/verification")).statusCode).toBe(202);
      const oldToken = emailedToken(t.server, "shifty@example.org");
      expect((await shifty.put("/api/account/email", { email: "shifty.elsewhere@example.org", password: "a long enough password" })).statusCode).toBe(200);
      const stale = await t.server.inject({ method: "POST", url: "/api/auth/verify-email", payload: { token: oldToken } });
      expect(stale.statusCode).toBe(400);
      expect(stale.json()).toMatchObject({ error: { code: "VERIFY_TOKEN_INVALID" } });
      expect((await shifty.get("/api/me")).json()).toMatchObject({ user: { emailVerified: false } });
    });
  });
}
