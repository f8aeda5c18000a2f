import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InjectOptions } from "fastify";
import { DIALECTS } from "../../../test/db.js";
import { signUpVerified, startTestServer } from "../../../test/app.js";
import type { ErrorResponse } from "../../contracts/errors.js";
import type {
  CommentView,
  PostCommentResponse,
  QueueResponse,
  RecentResponse,
  ThreadResponse,
} from "../../contracts/community.js";
import { SESSION_COOKIE } from "../auth-context.js";
import { grantAdmin } from "../../services/account/site-setup.js";
import { commentTerms } from "../../core/community/comment-terms.js";

const SLUG = "patellofemoral-pain";
const OTHER_SLUG = "iliotibial-band-syndrome";
type T = Awaited<ReturnType<typeof startTestServer>>;

async function signUp(t: T, name: string): Promise<{ cookie: string; id: string }> {
  const { cookies, id } = await signUpVerified(t.server, {
    email: `${name.toLowerCase()}@example.org`,
    password: "correct horse battery",
    displayName: name,
  });
  return { cookie: cookies[SESSION_COOKIE]!, id };
}

function as(t: T, cookie: string | null, opts: InjectOptions) {
  return t.server.inject({ ...opts, ...(cookie ? { cookies: { [SESSION_COOKIE]: cookie } } : {}) });
}

function post(t: T, cookie: string | null, body: unknown, slug = SLUG) {
  return as(t, cookie, {
    method: "POST",
    url: `/api/articles/${slug}/comments`,
    payload: body as Record<string, unknown>,
  });
}

async function thread(t: T, cookie: string | null, slug = SLUG, page = 1): Promise<ThreadResponse> {
  const res = await as(t, cookie, {
    method: "GET",
    url: `/api/articles/${slug}/comments?page=${page}`,
  });
  expect(res.statusCode).toBe(200);
  return res.json<ThreadResponse>();
}

async function countRows(
  t: T,
  table: "comments" | "comment_reports" | "audit_log" | "comment_terms",
): Promise<number> {
  const row = await t.app.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A fixed clock the tests move forward by hand: sessions are created on it too, so it stays
 * within their 30-day life. A new hour means fresh rate-limit windows.
 */
let clock = Date.parse("2026-03-01T08:00:00Z");
function useClock(t: T): void {
  t.app.now = () => new Date(clock);
}
function freshWindow(_t: T): void {
  clock = Math.ceil((clock + 1) / 3_600_000) * 3_600_000 + 3_600_000;
}

for (const dialect of DIALECTS) {
  describe(`comments in multi-user mode on ${dialect}`, () => {
    let t: T;
    let admin: { cookie: string; id: string };
    let ada: { cookie: string; id: string };
    let bo: { cookie: string; id: string };
    let cy: { cookie: string; id: string };

    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      useClock(t);
      // Signing up makes no admin; the operator makes one (kneewise admin grant).
      admin = await signUp(t, "Admin");
      await grantAdmin(t.app, "admin@example.org");
      ada = await signUp(t, "Ada");
      bo = await signUp(t, "Bo");
      cy = await signUp(t, "Cy");
    });
    afterAll(() => t.close());

    it("requires sign-in for every write and for the moderation queue", async () => {
      const calls: (InjectOptions & { url: string })[] = [
        { method: "POST", url: `/api/articles/${SLUG}/comments`, payload: { body: "hi" } },
        { method: "PATCH", url: "/api/comments/x", payload: { body: "hi" } },
        { method: "DELETE", url: "/api/comments/x" },
        { method: "POST", url: "/api/comments/x/report", payload: { reason: "spam" } },
        { method: "GET", url: "/api/moderation/queue" },
        { method: "POST", url: "/api/moderation/comments/x", payload: { action: "approve" } },
        { method: "POST", url: `/api/moderation/users/${ada.id}/ban`, payload: { reason: "spam" } },
      ];
      for (const call of calls) {
        const res = await t.server.inject(call);
        expect(res.statusCode, `${call.method} ${call.url}`).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: "NOT_SIGNED_IN" } });
      }
    });

    it("lets anyone read a thread, and says so when the article does not exist", async () => {
      const page = await thread(t, null);
      expect(page).toMatchObject({
        article: { slug: SLUG },
        page: 1,
        pages: 1,
        total: 0,
        comments: [],
        viewer: { signedIn: false },
      });
      expect(page.article.title).toMatch(/patellofemoral/i);
      const missing = await t.server.inject({
        method: "GET",
        url: "/api/articles/no-such-article/comments",
      });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: "ARTICLE_NOT_FOUND" } });
      expect((await post(t, ada.cookie, { body: "hello" }, "no-such-article")).statusCode).toBe(
        404,
      );
    });

    it("holds a new account's first comments for review, shows them to their author only, and trusts after three approvals", async () => {
      freshWindow(t);
      const ids: string[] = [];
      for (let n = 1; n <= 3; n++) {
        const res = await post(t, bo.cookie, { body: `Bo's experience number ${n}` });
        expect(res.statusCode).toBe(202);
        const body = res.json<PostCommentResponse>();
        expect(body.state).toBe("pending");
        ids.push(body.comment!.id);
      }
      const mine = await thread(t, bo.cookie);
      expect(mine.comments.map((c) => c.state)).toEqual(["pending", "pending", "pending"]);
      expect((await thread(t, ada.cookie)).comments).toEqual([]);
      expect((await thread(t, null)).comments).toEqual([]);

      const queue = await as(t, admin.cookie, { method: "GET", url: "/api/moderation/queue" });
      expect(queue.statusCode).toBe(200);
      expect(queue.json<QueueResponse>().items.map((i) => i.comment.id)).toEqual(
        expect.arrayContaining(ids),
      );

      for (const id of ids) {
        const res = await as(t, admin.cookie, {
          method: "POST",
          url: `/api/moderation/comments/${id}`,
          payload: { action: "approve" },
        });
        expect(res.statusCode).toBe(200);
      }
      const audit = await t.app.database.db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "comment.approve")
        .execute();
      expect(audit.map((a) => a.target).sort()).toEqual(ids.map((id) => `comment:${id}`).sort());
      expect(audit.every((a) => a.actor_id === admin.id)).toBe(true);
      expect((await thread(t, null)).comments).toHaveLength(3);

      const fourth = await post(t, bo.cookie, { body: "Now I am trusted" });
      expect(fourth.statusCode).toBe(201);
      expect(fourth.json<PostCommentResponse>().state).toBe("visible");
    });

    it("sends an approved comment back to review when its still-new author edits it; a trusted author's edit stays published", async () => {
      freshWindow(t);
      const dee = await signUp(t, "Dee");
      const posted = await post(t, dee.cookie, { body: "Stairs hurt less after a month of step-downs" });
      const id = posted.json<PostCommentResponse>().comment!.id;
      const approved = await as(t, admin.cookie, { method: "POST", url: `/api/moderation/comments/${id}`, payload: { action: "approve" } });
      expect(approved.statusCode).toBe(200);
      expect((await thread(t, null)).comments.map((c) => c.id)).toContain(id);

      const edit = await as(t, dee.cookie, { method: "PATCH", url: `/api/comments/${id}`, payload: { body: "Buy my miracle knee cream at example.net" } });
      expect(edit.statusCode).toBe(200);
      expect(edit.json<{ comment: CommentView }>().comment).toMatchObject({ state: "pending", body: "Buy my miracle knee cream at example.net" });
      // Nobody else reads the new words before a moderator has, nor finds them by search.
      expect((await thread(t, null)).comments.map((c) => c.id)).not.toContain(id);
      expect((await thread(t, bo.cookie)).comments.map((c) => c.id)).not.toContain(id);
      expect((await thread(t, dee.cookie)).comments.find((c) => c.id === id)?.state).toBe("pending");
      expect(await t.app.database.db.selectFrom("comment_terms").select("term").where("comment_id", "=", id).execute()).toEqual([]);
      const queue = (await as(t, admin.cookie, { method: "GET", url: "/api/moderation/queue" })).json<QueueResponse>();
      expect(queue.items.map((i) => i.comment.id)).toContain(id);

      // Bo has three approved comments: trusted, so his edit shows at once.
      const bos = (await thread(t, bo.cookie)).comments.find((c) => c.body?.startsWith("Now I am trusted"))!;
      const trusted = await as(t, bo.cookie, { method: "PATCH", url: `/api/comments/${bos.id}`, payload: { body: "Now I am trusted, and I fixed a typo" } });
      expect(trusted.json<{ comment: CommentView }>().comment.state).toBe("visible");
      expect((await thread(t, null)).comments.find((c) => c.id === bos.id)?.state).toBe("visible");
      expect((await thread(t, bo.cookie)).comments.find((c) => c.id === bos.id)?.body).toBe("Now I am trusted, and I fixed a typo");
      expect((await t.app.database.db.selectFrom("comment_terms").select("term").where("comment_id", "=", bos.id).execute()).length).toBeGreaterThan(0);
      // Indexed again with the new words: search finds the edit, not only what was approved.
      const bosTerms = (await t.app.database.db.selectFrom("comment_terms").select("term").where("comment_id", "=", bos.id).execute()).map((r) => r.term);
      expect(bosTerms).toEqual(expect.arrayContaining(commentTerms("typo")));
    });

    it("shows only display names, never emails or user ids", async () => {
      const res = await t.server.inject({ method: "GET", url: `/api/articles/${SLUG}/comments` });
      const text = res.body;
      expect(text).toContain('"displayName":"Bo"');
      expect(text).not.toContain("@example.org");
      expect(text).not.toContain(bo.id);
      const recent = await t.server.inject({ method: "GET", url: "/api/community/recent" });
      expect(recent.body).not.toContain("@example.org");
      const newest = recent.json<RecentResponse>().comments[0]!;
      expect(newest.author).toEqual({ displayName: "Bo" });
      expect(newest.articleTitle).toMatch(/patellofemoral/i);
    });

    it("lets the author edit and delete their own comment, and answers 404 to anyone else", async () => {
      freshWindow(t);
      const id = (
        await post(t, admin.cookie, { body: "Admin's original words" })
      ).json<PostCommentResponse>().comment!.id;
      for (const who of [ada, bo]) {
        const edit = await as(t, who.cookie, {
          method: "PATCH",
          url: `/api/comments/${id}`,
          payload: { body: "hijacked" },
        });
        expect(edit.statusCode).toBe(404);
        expect(edit.json()).toMatchObject({ error: { code: "COMMENT_NOT_FOUND" } });
        expect(
          (await as(t, who.cookie, { method: "DELETE", url: `/api/comments/${id}` })).statusCode,
        ).toBe(404);
      }
      const edit = await as(t, admin.cookie, {
        method: "PATCH",
        url: `/api/comments/${id}`,
        payload: { body: "  Admin's **better** words " },
      });
      expect(edit.statusCode).toBe(200);
      const edited = edit.json<{ comment: CommentView }>().comment;
      expect(edited.body).toBe("Admin's **better** words");
      expect(edited.editedAt).not.toBeNull();

      const seenByOthers = (await thread(t, ada.cookie)).comments.find((c) => c.id === id)!;
      expect(seenByOthers.body).toBeNull();
      expect(seenByOthers.blocks[0]!.children).toContainEqual({
        type: "strong",
        children: [{ type: "text", text: "better" }],
      });

      expect(
        (await as(t, admin.cookie, { method: "DELETE", url: `/api/comments/${id}` })).statusCode,
      ).toBe(204);
      expect((await thread(t, null)).comments.find((c) => c.id === id)).toBeUndefined();
      const row = await t.app.database.db
        .selectFrom("comments")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.body).toBe("");
      expect(row.deleted_at).not.toBeNull();
      expect(
        (await as(t, admin.cookie, { method: "DELETE", url: `/api/comments/${id}` })).statusCode,
      ).toBe(404);
    });

    it("threads replies one level deep and keeps a deleted parent as a placeholder", async () => {
      freshWindow(t);
      const parent = (
        await post(t, admin.cookie, { body: "Top-level story" })
      ).json<PostCommentResponse>().comment!;
      const reply = (
        await post(t, bo.cookie, { body: "A reply", parentId: parent.id })
      ).json<PostCommentResponse>().comment!;
      expect(reply.parentId).toBe(parent.id);
      clock += 1000;
      const nested = (
        await post(t, admin.cookie, { body: "A reply to the reply", parentId: reply.id })
      ).json<PostCommentResponse>().comment!;
      expect(nested.parentId).toBe(parent.id);
      const missing = await post(t, bo.cookie, { body: "to nothing", parentId: "no-such-id" });
      expect(missing.statusCode).toBe(404);
      const elsewhere = await post(
        t,
        bo.cookie,
        { body: "wrong article", parentId: parent.id },
        OTHER_SLUG,
      );
      expect(elsewhere.statusCode).toBe(404);

      expect(
        (await as(t, admin.cookie, { method: "DELETE", url: `/api/comments/${parent.id}` }))
          .statusCode,
      ).toBe(204);
      const shown = (await thread(t, ada.cookie)).comments.find((c) => c.id === parent.id)!;
      expect(shown).toMatchObject({ state: "deleted", author: null, blocks: [], body: null });
      expect(shown.replies.map((r) => r.id)).toEqual([reply.id, nested.id]);
    });

    it("takes reports into the queue and hides a comment with an audit row, closing its reports", async () => {
      freshWindow(t);
      const target = (
        await post(t, bo.cookie, { body: "Buy cheap knee pills at my shop" })
      ).json<PostCommentResponse>().comment!;
      const own = await as(t, bo.cookie, {
        method: "POST",
        url: `/api/comments/${target.id}/report`,
        payload: { reason: "mine" },
      });
      expect(own.statusCode).toBe(400);
      expect(own.json()).toMatchObject({ error: { code: "CANNOT_REPORT_OWN" } });
      for (const who of [ada, cy, ada]) {
        const res = await as(t, who.cookie, {
          method: "POST",
          url: `/api/comments/${target.id}/report`,
          payload: { reason: "spam" },
        });
        expect(res.statusCode).toBe(202);
      }
      const reports = await t.app.database.db
        .selectFrom("comment_reports")
        .selectAll()
        .where("comment_id", "=", target.id)
        .execute();
      expect(reports).toHaveLength(2);

      const forbidden = await as(t, ada.cookie, { method: "GET", url: "/api/moderation/queue" });
      expect(forbidden.statusCode).toBe(403);
      expect(
        (
          await as(t, ada.cookie, {
            method: "POST",
            url: `/api/moderation/comments/${target.id}`,
            payload: { action: "hide" },
          })
        ).statusCode,
      ).toBe(403);

      const queue = (
        await as(t, admin.cookie, { method: "GET", url: "/api/moderation/queue" })
      ).json<QueueResponse>();
      const item = queue.items.find((i) => i.comment.id === target.id)!;
      expect(item.reports.map((r) => r.reason)).toEqual(["spam", "spam"]);
      expect(item.author).toEqual({ id: bo.id, displayName: "Bo", banned: false });
      expect(JSON.stringify(queue)).not.toContain("@example.org");

      const hide = await as(t, admin.cookie, {
        method: "POST",
        url: `/api/moderation/comments/${target.id}`,
        payload: { action: "hide" },
      });
      expect(hide.statusCode).toBe(200);
      expect((await thread(t, null)).comments.some((c) => c.id === target.id)).toBe(false);
      const after = (
        await as(t, admin.cookie, { method: "GET", url: "/api/moderation/queue" })
      ).json<QueueResponse>();
      expect(after.items.some((i) => i.comment.id === target.id)).toBe(false);
      const audit = await t.app.database.db
        .selectFrom("audit_log")
        .selectAll()
        .where("target", "=", `comment:${target.id}`)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: "comment.hide", actor_id: admin.id });
      expect(JSON.parse(audit[0]!.details_json)).toMatchObject({
        from: "visible",
        to: "hidden",
        reportsClosed: 2,
      });
      // A hidden comment cannot be reported, edited or replied to.
      expect(
        (
          await as(t, ada.cookie, {
            method: "POST",
            url: `/api/comments/${target.id}/report`,
            payload: { reason: "x" },
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await as(t, bo.cookie, {
            method: "PATCH",
            url: `/api/comments/${target.id}`,
            payload: { body: "x" },
          })
        ).statusCode,
      ).toBe(404);
    });

    it("bans a user with an audit row, hides what they posted and stops them posting", async () => {
      freshWindow(t);
      const spam = await post(t, cy.cookie, { body: "spam spam spam" });
      expect(spam.statusCode).toBe(202);
      const notModerator = await as(t, ada.cookie, {
        method: "POST",
        url: `/api/moderation/users/${cy.id}/ban`,
        payload: { reason: "spam" },
      });
      expect(notModerator.statusCode).toBe(403);
      const self = await as(t, admin.cookie, {
        method: "POST",
        url: `/api/moderation/users/${admin.id}/ban`,
        payload: { reason: "oops" },
      });
      expect(self.json()).toMatchObject({ error: { code: "CANNOT_BAN_SELF" } });
      const nobody = await as(t, admin.cookie, {
        method: "POST",
        url: "/api/moderation/users/nobody/ban",
        payload: { reason: "x" },
      });
      expect(nobody.statusCode).toBe(404);

      const ban = await as(t, admin.cookie, {
        method: "POST",
        url: `/api/moderation/users/${cy.id}/ban`,
        payload: { reason: "spam" },
      });
      expect(ban.statusCode).toBe(200);
      expect(ban.json()).toEqual({ userId: cy.id, banned: true, hiddenComments: 1 });
      const audit = await t.app.database.db
        .selectFrom("audit_log")
        .selectAll()
        .where("target", "=", `user:${cy.id}`)
        .execute();
      expect(audit).toMatchObject([{ action: "user.ban", actor_id: admin.id }]);
      expect(JSON.parse(audit[0]!.details_json)).toEqual({ reason: "spam", hiddenComments: 1 });

      const blocked = await post(t, cy.cookie, { body: "I am back" });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
      expect((await thread(t, cy.cookie)).viewer).toEqual({
        signedIn: true,
        banned: true,
        moderator: false,
      });

      const unban = await as(t, admin.cookie, {
        method: "DELETE",
        url: `/api/moderation/users/${cy.id}/ban`,
      });
      expect(unban.json()).toMatchObject({ banned: false });
      expect((await post(t, cy.cookie, { body: "Better behaved now" })).statusCode).toBe(202);
    });

    it("refuses the sixth comment in ten minutes with 429, and takes comments again in the next window", async () => {
      freshWindow(t);
      const start = clock;
      for (let n = 0; n < 5; n++)
        expect((await post(t, ada.cookie, { body: `comment ${n}` })).statusCode).toBe(202);
      const before = await countRows(t, "comments");
      const limited = await post(t, ada.cookie, { body: "one too many" });
      expect(limited.statusCode).toBe(429);
      const refusal = limited.json<ErrorResponse>().error;
      expect(refusal.code).toBe("RATE_LIMITED");
      expect(refusal.message).toMatch(/try again in 10 minutes/i);
      expect(await countRows(t, "comments")).toBe(before);
      // Other people are not limited by Ada's comments.
      expect((await post(t, bo.cookie, { body: "still fine" })).statusCode).toBe(201);
      clock = start + 10 * 60_000;
      expect((await post(t, ada.cookie, { body: "a new window" })).statusCode).toBe(202);
    });

    it("limits reports to ten an hour", async () => {
      freshWindow(t);
      const start = clock;
      const ids: string[] = [];
      for (let n = 0; n < 11; n++) {
        if (n % 5 === 0) clock = start + n * 60 * 60_000;
        ids.push(
          (await post(t, bo.cookie, { body: `report target ${n}` })).json<PostCommentResponse>()
            .comment!.id,
        );
      }
      clock = start + 20 * 60 * 60_000;
      for (const id of ids.slice(0, 10)) {
        expect(
          (
            await as(t, ada.cookie, {
              method: "POST",
              url: `/api/comments/${id}/report`,
              payload: { reason: "test" },
            })
          ).statusCode,
        ).toBe(202);
      }
      const limited = await as(t, ada.cookie, {
        method: "POST",
        url: `/api/comments/${ids[10]}/report`,
        payload: { reason: "test" },
      });
      expect(limited.statusCode).toBe(429);
    });

    it("drops a comment whose honeypot field is filled, answering as if it were held", async () => {
      freshWindow(t);
      const before = await countRows(t, "comments");
      const res = await post(t, admin.cookie, {
        body: "Great deals at example.com",
        website: "https://spam.example",
      });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ state: "pending", comment: null });
      expect(await countRows(t, "comments")).toBe(before);
    });

    it("refuses over-long, empty and control-character comments with clear codes, storing nothing", async () => {
      freshWindow(t);
      const before = await countRows(t, "comments");
      const cases: [unknown, string][] = [
        [{ body: "x".repeat(5001) }, "COMMENT_TOO_LONG"],
        [{ body: "   \n  " }, "COMMENT_EMPTY"],
        [{ body: "bell\u0007here" }, "COMMENT_CONTROL_CHARS"],
        [{ body: "nul\u0000" }, "COMMENT_CONTROL_CHARS"],
        [{}, "VALIDATION_FAILED"],
        [{ body: 42 }, "VALIDATION_FAILED"],
        [{ body: "ok", extra: 1 }, "VALIDATION_FAILED"],
      ];
      for (const [body, code] of cases) {
        const res = await post(t, admin.cookie, body);
        expect(res.statusCode, code).toBe(400);
        expect(res.json<{ error: { code: string; message: string } }>().error.code).toBe(code);
      }
      expect(await countRows(t, "comments")).toBe(before);
      const edit = await post(t, admin.cookie, { body: "fine" });
      const id = edit.json<PostCommentResponse>().comment!.id;
      const tooLong = await as(t, admin.cookie, {
        method: "PATCH",
        url: `/api/comments/${id}`,
        payload: { body: "y".repeat(5001) },
      });
      expect(tooLong.json()).toMatchObject({ error: { code: "COMMENT_TOO_LONG" } });
      const row = await t.app.database.db
        .selectFrom("comments")
        .select("body")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      expect(row.body).toBe("fine");
    });

    it("answers absurd page numbers with a clear 400", async () => {
      for (const page of ["0", "-1", "abc", "1.5", "1e9", "99999999999999999999"]) {
        const res = await t.server.inject({
          method: "GET",
          url: `/api/articles/${SLUG}/comments?page=${page}`,
        });
        expect(res.statusCode, page).toBe(400);
        const { error } = res.json<ErrorResponse>();
        expect(error.code).toBe("VALIDATION_FAILED");
        expect(error.fields?.map((f) => f.path)).toContain("page");
      }
      const beyond = await t.server.inject({
        method: "GET",
        url: `/api/articles/${SLUG}/comments?page=999`,
      });
      expect(beyond.statusCode).toBe(400);
      expect(beyond.json<ErrorResponse>().error).toEqual({
        code: "PAGE_OUT_OF_RANGE",
        message: "There is only 1 page of comments.",
      });
      const unknown = await t.server.inject({
        method: "GET",
        url: `/api/articles/${SLUG}/comments?pge=2`,
      });
      expect(unknown.statusCode).toBe(400);
    });

    it("pages a long thread twenty at a time, newest first", async () => {
      freshWindow(t);
      const start = clock;
      for (let n = 0; n < 25; n++) {
        // A new window every five comments keeps the admin under the rate limit.
        clock = start + Math.floor(n / 5) * 3_600_000 + n * 1000;
        expect((await post(t, admin.cookie, { body: `paging ${n}` }, OTHER_SLUG)).statusCode).toBe(
          201,
        );
      }
      const first = await thread(t, null, OTHER_SLUG, 1);
      const second = await thread(t, null, OTHER_SLUG, 2);
      expect([first.page, first.pages, first.total, first.comments.length]).toEqual([1, 2, 25, 20]);
      expect(second.comments).toHaveLength(5);
      expect(first.comments[0]!.blocks[0]!.children[0]).toEqual({
        type: "text",
        text: "paging 24",
      });
      expect(second.comments.at(-1)!.blocks[0]!.children[0]).toEqual({
        type: "text",
        text: "paging 0",
      });
    });

    it("stores hostile markup as text and sends only a tree of text and http(s) links", async () => {
      freshWindow(t);
      const res = await post(t, admin.cookie, {
        body: '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="alert(1)">',
      });
      const comment = res.json<PostCommentResponse>().comment!;
      expect(comment.blocks).toEqual([
        {
          type: "paragraph",
          children: [
            {
              type: "text",
              text: '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="alert(1)">',
            },
          ],
        },
      ]);
    });
  });

  // A PostgreSQL database always means multi-user mode (src/services/app.ts): single-user is SQLite only.
  if (dialect === "sqlite")
    describe(`comments in single-user mode on ${dialect}`, () => {
      let t: T;
      beforeAll(async () => {
        t = await startTestServer(dialect);
      });
      afterAll(() => t.close());

      it("shows the owner's comments at once, without a rate limit", async () => {
        for (let n = 0; n < 7; n++) {
          const res = await post(t, null, { body: `owner note ${n}` });
          expect(res.statusCode).toBe(201);
          expect(res.json<PostCommentResponse>()).toMatchObject({
            state: "visible",
            comment: { mine: true, author: { displayName: "Runner" } },
          });
        }
        expect((await thread(t, null)).total).toBe(7);
      });
    });
}
