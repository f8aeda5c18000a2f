import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, DIALECTS } from "../../../test/db.js";
import type { TestDb } from "../../../test/db.js";
import { createApp } from "../app.js";
import { grantAdmin } from "../account/site-setup.js";
import type { App } from "../app.js";
import { signUp } from "../auth.js";
import { deleteComment, editComment } from "./editing.js";
import { moderateComment } from "./moderation.js";
import { postComment } from "./posting.js";
import { searchComments, searchCommentsForSite } from "./search.js";

const SLUG = "patellar-tendinopathy";

for (const dialect of DIALECTS) {
  describe(`comment search on ${dialect}`, () => {
    let testDb: TestDb;
    let app: App;
    let mod: string;
    let runner: string;
    let clock = Date.parse("2026-04-01T08:00:00Z");
    // Five minutes per reading of the clock: these tests are about search, not the rate limit.
    const tick = () => new Date((clock += 5 * 60_000));

    beforeAll(async () => {
      testDb = await createTestDb(dialect);
      app = await createApp({ db: testDb.spec, multiUser: true, version: "test" }, { now: tick });
      const person = async (email: string, displayName: string) =>
        (await signUp(app, { email, password: "correct horse battery", displayName })).id;
      mod = await person("mod@example.org", "Mod");
      // Signing up makes no admin: the operator grants it.
      await grantAdmin(app, "mod@example.org");
      runner = await person("new@example.org", "Newcomer");
    });
    afterAll(async () => {
      await app.close();
      await testDb.drop();
    });

    async function visible(body: string): Promise<string> {
      const res = await postComment(app, mod, SLUG, { body });
      expect(res.state).toBe("visible");
      return res.comment!.id;
    }

    it("finds visible comments by word, by stem, by completion and despite a typo", async () => {
      const id = await visible(
        "Eccentric squats on a decline board fixed my patellar tendinopathy after six weeks.",
      );
      for (const q of ["patellar", "Squat", "tendin", "patelar tendonopathy", "decline boards"]) {
        const hits = await searchComments(app, q, 10);
        expect(
          hits.map((h) => h.commentId),
          q,
        ).toContain(id);
      }
      const [hit] = await searchComments(app, "eccentric", 10);
      expect(hit).toMatchObject({
        articleSlug: SLUG,
        commentId: id,
        displayName: "Mod",
      });
      expect(hit!.body).toContain("Eccentric");
      expect(hit!.score).toBeGreaterThan(0);
    });

    it("does not find pending, hidden or deleted comments, nor words removed by an edit", async () => {
      const pending = await postComment(app, runner, SLUG, { body: "Zanzibar pending words" });
      expect(pending.state).toBe("pending");
      expect(await searchComments(app, "zanzibar", 10)).toEqual([]);
      await moderateComment(app, mod, pending.comment!.id, "approve");
      expect((await searchComments(app, "zanzibar", 10)).map((h) => h.commentId)).toEqual([
        pending.comment!.id,
      ]);
      await moderateComment(app, mod, pending.comment!.id, "hide");
      expect(await searchComments(app, "zanzibar", 10)).toEqual([]);

      const edited = await visible("Quokka before the edit");
      await editComment(app, mod, edited, "Wombat after the edit");
      expect(await searchComments(app, "quokka", 10)).toEqual([]);
      expect((await searchComments(app, "wombat", 10)).map((h) => h.commentId)).toEqual([edited]);
      await deleteComment(app, mod, edited);
      expect(await searchComments(app, "wombat", 10)).toEqual([]);
      // The vocabulary no longer offers words no visible comment holds.
      const vocab = await app.database.db
        .selectFrom("comment_vocabulary")
        .selectAll()
        .where("term", "in", ["zanzibar", "wombat", "quokka"])
        .execute();
      expect(vocab.every((v) => Number(v.comments) === 0)).toBe(true);
    });

    it("ranks a comment matching more of the query first, then the newer one", async () => {
      const both = await visible("Foam rolling the iliotibial band eased the ache");
      const older = await visible("Foam rolling is popular");
      const newer = await visible("Foam rolling again");
      const hits = await searchComments(app, "foam iliotibial", 10);
      expect(hits.map((h) => h.commentId).slice(0, 3)).toEqual([both, newer, older]);
      expect(await searchComments(app, "foam", 2)).toHaveLength(2);
    });

    it("answers nothing for a query of function words or punctuation", async () => {
      expect(await searchComments(app, "the and of", 10)).toEqual([]);
      expect(await searchComments(app, "!!! ???", 10)).toEqual([]);
    });

    it("gives the site search a title, a link to the comment and an escaped, highlighted snippet", async () => {
      const id = await visible("My **kneecap** ached on <b>downhill</b> runs");
      const [result] = await searchCommentsForSite(
        app,
        { text: "downhill kneecap", terms: ["downhill", "kneecap"], highlight: ["downhill"] },
        5,
      );
      expect(result).toMatchObject({ kind: "comment", url: `/community/${SLUG}#comment-${id}` });
      expect(result!.title).toMatch(/^Mod on “.*tendinopathy.*”$/i);
      expect(result!.snippet).toContain("<mark>downhill</mark>");
      expect(result!.snippet).toContain("&lt;b&gt;");
      expect(result!.snippet).not.toContain("**");
    });
  });
}
