/**
 * XSS: script payloads in every free-text field are either stored exactly as given (text is data;
 * escaping is the renderer's job) or refused with a 400 that says why. JSON answers are always
 * application/json, and the server-rendered pages that can show the text (search results with
 * comments, articles, not-found pages, the search box's echo) never carry it as live markup.
 */
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpVerified } from "../app.js";
import { DIALECTS } from "../db.js";
import { ARTICLE, PROGRAMME, SAMPLE_BODIES, signUp, startSecurityServer } from "./fixtures.js";
import type { Runner, SecurityServer } from "./fixtures.js";
import { liveMarkupIn, XSS_PAYLOADS } from "./payloads.js";

const SEARCH_WORD = "zebra";

/** 2xx and the same text read back, or 400 with a message: anything else is a finding. */
function storedOrRefused(
  res: LightMyRequestResponse,
  readBack: () => unknown,
  payload: string,
  where: string,
): string[] {
  const problems: string[] = [];
  if (!String(res.headers["content-type"]).startsWith("application/json"))
    problems.push(`${where}: content-type ${String(res.headers["content-type"])}`);
  if (res.statusCode === 400) {
    const message = res.json<{ error: { message: string } }>().error.message;
    if (typeof message !== "string" || message.length < 10)
      problems.push(`${where}: 400 without a clear message`);
  } else if (res.statusCode >= 200 && res.statusCode < 300) {
    if (readBack() !== payload)
      problems.push(`${where}: stored ${JSON.stringify(readBack())}, not the text given`);
  } else {
    problems.push(`${where}: ${res.statusCode} ${res.body.slice(0, 120)}`);
  }
  return problems;
}

describe("the live-markup detector the XSS tests rely on", () => {
  it("finds script elements, handlers and javascript: URLs, and ignores escaped text and quoted values", () => {
    expect(liveMarkupIn("<p><script>alert(1)</script></p>")).toHaveLength(1);
    expect(liveMarkupIn('"><img src=x onerror=alert(1)>')).toHaveLength(1);
    expect(liveMarkupIn("<svg onload=alert(1)>")).toHaveLength(1);
    expect(liveMarkupIn("<a href=' JavaScript:alert(1)'>x</a>")).toHaveLength(1);
    expect(liveMarkupIn('<input value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">')).toEqual(
      [],
    );
    expect(liveMarkupIn("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")).toEqual([]);
    expect(liveMarkupIn('<a href="/learn" class=x>ok</a><br/><img src="/a.png" alt="">')).toEqual(
      [],
    );
  });
});

for (const dialect of DIALECTS) {
  describe(`script payloads in text fields on ${dialect}`, () => {
    let t: SecurityServer;
    let runner: Runner;
    /** One commenter per payload, whose display name is the payload too. */
    const authors: Runner[] = [];
    beforeAll(async () => {
      t = await startSecurityServer(dialect);
      runner = await signUp(t, "runner", "moderator");
      for (const [i, p] of XSS_PAYLOADS.entries()) {
        const res = await signUpVerified(t.server, { email: `author${i}@example.org`, displayName: p });
        const author = await (async () => {
          const login = await t.server.inject({
            method: "POST",
            url: "/api/auth/login",
            payload: { email: `author${i}@example.org`, password: "a long enough password" },
          });
          const cookie = String(login.headers["set-cookie"]).split(";")[0]!.split("=");
          return {
            id: res.id,
            cookies: { [cookie[0]!]: cookie[1]! },
          };
        })();
        authors.push({
          ...author,
          req: (opts) => t.server.inject({ ...opts, cookies: author.cookies }),
        });
      }
    });
    afterAll(() => t.close());

    it("keeps display names exactly as chosen", async () => {
      for (const [i, p] of XSS_PAYLOADS.entries()) {
        const me = await authors[i]!.req({ method: "GET", url: "/api/me" });
        expect(me.headers["content-type"]).toMatch(/^application\/json/);
        expect(me.json()).toMatchObject({ user: { displayName: p } });
      }
    });

    it("stores shoe names and brands, activity titles, pain notes and programme notes as given, or refuses them clearly", async () => {
      const problems: string[] = [];
      for (const [i, p] of XSS_PAYLOADS.entries()) {
        const shoe = await runner.req({
          method: "POST",
          url: "/api/shoes",
          payload: { name: p, brand: p },
        });
        const shoeBack =
          shoe.statusCode === 201
            ? (
                await runner.req({
                  method: "GET",
                  url: `/api/shoes/${shoe.json<{ id: string }>().id}`,
                })
              ).json<{ name: string; brand: string }>()
            : null;
        problems.push(...storedOrRefused(shoe, () => shoeBack?.name, p, `shoe name ${p}`));
        problems.push(...storedOrRefused(shoe, () => shoeBack?.brand, p, `shoe brand ${p}`));

        const run = await runner.req({
          method: "POST",
          url: "/api/training/activities",
          payload: {
            ...(SAMPLE_BODIES["POST /api/training/activities"] as object),
            name: p,
            shoeId: null,
            date: `2026-02-0${i + 1}`,
          },
        });
        const runBack =
          run.statusCode === 201
            ? (
                await runner.req({
                  method: "GET",
                  url: `/api/activities/${run.json<{ id: string }>().id}`,
                })
              ).json<{ name: string }>()
            : null;
        problems.push(...storedOrRefused(run, () => runBack?.name, p, `activity name ${p}`));

        const day = `2026-02-1${i}`;
        const pain = await runner.req({
          method: "PUT",
          url: `/api/pain/${day}`,
          payload: { during: 2, notes: p },
        });
        const painBack = (await runner.req({ method: "GET", url: `/api/pain/${day}` })).json<{
          entry?: { notes: string };
        }>();
        problems.push(...storedOrRefused(pain, () => painBack.entry?.notes, p, `pain notes ${p}`));

        const session = await runner.req({
          method: "POST",
          url: "/api/programme-sessions",
          payload: {
            ...(SAMPLE_BODIES["POST /api/programme-sessions"] as object),
            date: day,
            notes: p,
          },
        });
        const sessions = (
          await runner.req({ method: "GET", url: `/api/programme-sessions?programme=${PROGRAMME}` })
        ).json<{
          sessions: { date: string; notes: string }[];
        }>();
        problems.push(
          ...storedOrRefused(
            session,
            () => sessions.sessions.find((s) => s.date === day)?.notes,
            p,
            `programme notes ${p}`,
          ),
        );
      }
      expect(problems).toEqual([]);
    });

    it("stores comment bodies as given, renders them as a tree of text with no script link, and keeps report reasons as given", async () => {
      const problems: string[] = [];
      for (const [i, p] of XSS_PAYLOADS.entries()) {
        const author = authors[i]!;
        // Trusted, so the comment shows at once and is searchable below.
        await t.app.database.db
          .updateTable("users")
          .set({ role: "moderator" })
          .where("id", "=", author.id)
          .execute();
        const posted = await author.req({
          method: "POST",
          url: `/api/articles/${ARTICLE}/comments`,
          payload: { body: `${SEARCH_WORD} knees ${p}` },
        });
        const comment = posted.json<{ comment: { id: string; body: string; blocks: unknown[] } }>()
          .comment;
        problems.push(
          ...storedOrRefused(
            posted,
            () => comment.body,
            `${SEARCH_WORD} knees ${p}`,
            `comment ${p}`,
          ),
        );
        const tree = JSON.stringify(comment.blocks);
        if (/"href":"\s*javascript:/i.test(tree))
          problems.push(`comment ${p}: a javascript: link survived`);

        const edited = await author.req({
          method: "PATCH",
          url: `/api/comments/${comment.id}`,
          payload: { body: `${SEARCH_WORD} again ${p}` },
        });
        problems.push(
          ...storedOrRefused(
            edited,
            () => edited.json<{ comment: { body: string } }>().comment.body,
            `${SEARCH_WORD} again ${p}`,
            `comment edit ${p}`,
          ),
        );

        const report = await runner.req({
          method: "POST",
          url: `/api/comments/${comment.id}/report`,
          payload: { reason: p },
        });
        const queue = (await runner.req({ method: "GET", url: "/api/moderation/queue" })).json<{
          items: { comment: { id: string }; reports: { reason: string }[] }[];
        }>();
        const reasons = queue.items
          .find((x) => x.comment.id === comment.id)
          ?.reports.map((r) => r.reason);
        problems.push(...storedOrRefused(report, () => reasons?.[0], p, `report reason ${p}`));
        // The reported comment goes back to visible for the search below.
        await runner.req({
          method: "POST",
          url: `/api/moderation/comments/${comment.id}`,
          payload: { action: "approve" },
        });
      }
      expect(problems).toEqual([]);
    });

    it("serves search results that hold the payload comments and names without live markup, as HTML and in JSON snippets", async () => {
      const page = await t.server.inject({ method: "GET", url: `/search?q=${SEARCH_WORD}` });
      expect(page.statusCode).toBe(200);
      expect(page.headers["content-type"]).toMatch(/^text\/html/);
      // The payloads really are on the page (escaped): otherwise this test would prove nothing.
      expect(page.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(liveMarkupIn(page.body)).toEqual([]);

      const api = await t.server.inject({
        method: "GET",
        url: `/api/search?q=${SEARCH_WORD}&limit=50`,
      });
      const results = api.json<{ results: { kind: string; title: string; snippet: string }[] }>()
        .results;
      const comments = results.filter((r) => r.kind === "comment");
      expect(comments.length).toBeGreaterThanOrEqual(XSS_PAYLOADS.length);
      // Snippets are HTML by contract (escaped text with <mark>): they must hold nothing else.
      for (const r of comments) {
        expect(liveMarkupIn(r.snippet)).toEqual([]);
        expect(r.snippet.replace(/<\/?mark>/g, "")).not.toMatch(/<[a-z/]/i);
      }
    });

    it("echoes a payload typed into the search box, an article slug or an API path only as escaped text", async () => {
      const problems: string[] = [];
      for (const p of XSS_PAYLOADS) {
        const q = encodeURIComponent(p);
        for (const url of [
          `/search?q=${q}`,
          `/search?q=${q}&bogus=1`,
          `/learn/${q}`,
          `/exercises/${q}`,
          `/learn/${ARTICLE}?x=${q}`,
        ]) {
          const res = await t.server.inject({ method: "GET", url });
          if (res.statusCode >= 500) problems.push(`${url}: ${res.statusCode}`);
          problems.push(...liveMarkupIn(res.body).map((m) => `${url}: ${m}`));
        }
        const api = await t.server.inject({ method: "GET", url: `/api/${q}` });
        expect(api.statusCode).toBe(404);
        expect(api.headers["content-type"]).toMatch(/^application\/json/);
      }
      expect(problems).toEqual([]);
    });

    it("shows an article with payload comments under it without live markup", async () => {
      const res = await t.server.inject({ method: "GET", url: `/learn/${ARTICLE}` });
      expect(res.statusCode).toBe(200);
      expect(liveMarkupIn(res.body)).toEqual([]);
      const thread = await t.server.inject({
        method: "GET",
        url: `/api/articles/${ARTICLE}/comments`,
      });
      expect(thread.headers["content-type"]).toMatch(/^application\/json/);
      expect(thread.body).toContain(JSON.stringify(XSS_PAYLOADS[0]).slice(1, -1));
    });

    it("stores a coach's notes as given and refuses payloads in profile choices, naming the field", async () => {
      const coach = await signUp(t, "coach", "coach");
      const invite = await authors[0]!.req({
        method: "POST",
        url: "/api/sharing/invites/email",
        payload: { email: "coach@example.org", access: "notes" },
      });
      expect(invite.statusCode, invite.body).toBe(201);
      const shareId = invite.json<{ share: { id: string } }>().share.id;
      expect(
        (await coach.req({ method: "POST", url: `/api/invites/${shareId}/accept` })).statusCode,
      ).toBe(200);
      const problems: string[] = [];
      for (const p of XSS_PAYLOADS) {
        const note = await coach.req({
          method: "POST",
          url: `/api/athletes/${authors[0]!.id}/notes`,
          payload: { body: p },
        });
        const notes = (await authors[0]!.req({ method: "GET", url: "/api/sharing/notes" })).json<{
          notes: { body: string }[];
        }>().notes;
        problems.push(
          ...storedOrRefused(
            note,
            () => notes.find((n) => n.body === p)?.body,
            p,
            `coach note ${p}`,
          ),
        );
        const profile = await runner.req({
          method: "PUT",
          url: "/api/profile",
          payload: { footType: p },
        });
        expect(profile.statusCode).toBe(400);
        expect(
          profile.json<{ error: { fields: { path: string }[] } }>().error.fields[0]?.path,
        ).toBe("footType");
      }
      expect(problems).toEqual([]);
    });

    it("keeps an upload's hostile file name a label: no path, no markup run, JSON answers", async () => {
      const res = await runner.req({
        method: "POST",
        url: `/api/imports?name=${encodeURIComponent("<svg onload=alert(1)>.gpx")}`,
        headers: { "content-type": "application/octet-stream" },
        payload: Buffer.from("not a gpx"),
      });
      expect(res.statusCode).toBe(202);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
    });
  });
}
