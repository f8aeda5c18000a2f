/**
 * SQL injection: payloads in every path parameter of every registered route, in every query
 * parameter the API reads, and in the text fields of the writes. Never a 500, never another
 * runner's data, text stored literally, and every table still whole afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db.js";
import {
  createOwnedData,
  countRows,
  injectFor,
  key,
  MARKER,
  SAMPLE_BODIES,
  signUp,
  startSecurityServer,
} from "./fixtures.js";
import type { OwnedData, Runner, SecurityServer } from "./fixtures.js";
import { SQL_PAYLOADS } from "./payloads.js";

/** The query parameters each route reads. A route not listed is probed with a made-up one. */
const QUERY_PARAMS: Record<string, string[]> = {
  "GET /api/search": ["q", "limit"],
  "GET /search": ["q", "limit"],
  "GET /api/activities": ["sport", "from", "to", "sort", "dir", "limit", "offset"],
  "GET /api/pain": ["from", "to"],
  "GET /api/pain/status": ["asOf"],
  "GET /api/checkins": ["from", "to"],
  "GET /api/training/report": ["asOf", "weeks"],
  "GET /api/shoes": ["asOf"],
  "GET /api/assessments/compare": ["from", "to"],
  "GET /api/programme-sessions": ["programme"],
  "GET /api/community/recent": ["page"],
  "GET /api/articles/:slug/comments": ["page"],
  "GET /api/moderation/queue": ["page"],
  "POST /api/assessments": ["save"],
};

const TABLES = [
  "users",
  "sessions",
  "activities",
  "shoes",
  "pain_entries",
  "comments",
  "assessments",
  "email_verifications",
];

for (const dialect of DIALECTS) {
  describe(`SQL injection payloads on ${dialect}`, () => {
    let t: SecurityServer;
    let a: Runner;
    let b: Runner;
    let d: OwnedData;
    let counts: Record<string, number>;
    const aSecrets = () => [
      MARKER,
      "ada@example.org",
      d.shoeId,
      d.activityId,
      d.assessmentId,
      d.programmeSessionId,
      d.importId,
    ];

    beforeAll(async () => {
      t = await startSecurityServer(dialect);
      a = await signUp(t, "ada");
      b = await signUp(t, "bea", "moderator");
      d = await createOwnedData(t, a);
      counts = {};
      for (const table of TABLES) counts[table] = await countRows(t, table);
    });
    afterAll(() => t.close());

    function findings(status: number, body: string, what: string): string[] {
      const out: string[] = [];
      if (status >= 500) out.push(`${what} -> ${status} ${body.slice(0, 120)}`);
      // A's approved comment is public; a moderator (B) may also see it in the queue.
      const leaked = aSecrets().filter((s) => body.split(`${MARKER} shown`).join("").includes(s));
      if (leaked.length > 0) out.push(`${what} leaked ${leaked.join(", ")}`);
      return out;
    }

    it("answers every route with a payload in each path parameter without a 500 or A's data", async () => {
      const problems: string[] = [];
      const withParams = t.routes.filter((r) => r.url.includes(":"));
      expect(withParams.length).toBeGreaterThan(15);
      for (const e of withParams) {
        for (const p of SQL_PAYLOADS) {
          const url = e.url.replace(/:([A-Za-z]+)/g, () => encodeURIComponent(p));
          const res = await b.req(injectFor(e, url));
          problems.push(...findings(res.statusCode, res.body, `${key(e)} with ${p}`));
        }
      }
      expect(problems).toEqual([]);
    });

    it("answers every read with a payload in each query parameter without a 500 or A's data", async () => {
      const problems: string[] = [];
      for (const e of t.routes.filter((r) => r.method === "GET" || QUERY_PARAMS[key(r)])) {
        const params = QUERY_PARAMS[key(e)] ?? ["filter"];
        for (const name of params) {
          for (const p of SQL_PAYLOADS) {
            const path = e.url.replace(/:([A-Za-z]+)/g, (_m, n: string) =>
              n === "slug" ? "patellofemoral-pain" : n === "date" ? "2026-02-25" : "x",
            );
            const url = `${path}?${name}=${encodeURIComponent(p)}${name === "q" ? "" : e.url.endsWith("search") ? "&q=knee" : ""}`;
            const res = await b.req(injectFor(e, url));
            problems.push(...findings(res.statusCode, res.body, `${key(e)} ?${name}=${p}`));
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it("answers an upload whose X-File-Name header is a payload or a broken escape without a 500", async () => {
      const problems: string[] = [];
      for (const header of [
        "%",
        "%E0%A4%A",
        "..%2F..%2Fetc%2Fpasswd",
        ...SQL_PAYLOADS.map(encodeURIComponent),
      ]) {
        const res = await b.req({
          method: "POST",
          url: "/api/imports",
          headers: { "content-type": "application/octet-stream", "x-file-name": header },
          payload: Buffer.from("not an activity file"),
        });
        if (![202, 400].includes(res.statusCode))
          problems.push(`X-File-Name ${header} -> ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
      expect(problems).toEqual([]);
    });

    it("refuses sign-in with a payload for the email or the password", async () => {
      for (const p of SQL_PAYLOADS) {
        for (const payload of [
          { email: p, password: p },
          { email: "ada@example.org", password: p },
          { email: `ada@example.org' --`, password: "anything at all" },
        ]) {
          const res = await t.server.inject({ method: "POST", url: "/api/auth/login", payload });
          expect([400, 401], res.body).toContain(res.statusCode);
          expect(res.headers["set-cookie"]).toBeUndefined();
        }
      }
    });

    it("stores payloads in text fields literally, as text of B's own", async () => {
      const problems: string[] = [];
      for (const [i, p] of SQL_PAYLOADS.entries()) {
        const shoe = await b.req({
          method: "POST",
          url: "/api/shoes",
          payload: { name: p, brand: p },
        });
        expect(shoe.statusCode, shoe.body).toBe(201);
        expect(shoe.json()).toMatchObject({ name: p.trim(), brand: p.trim() });
        const day = `2026-01-${String(10 + i)}`;
        const pain = await b.req({
          method: "PUT",
          url: `/api/pain/${day}`,
          payload: { during: 1, notes: p },
        });
        expect(pain.json()).toMatchObject({ entry: { notes: p } });
        const run = await b.req({
          method: "POST",
          url: "/api/training/activities",
          payload: {
            ...(SAMPLE_BODIES["POST /api/training/activities"] as object),
            name: p,
            date: day,
          },
        });
        expect(run.statusCode, run.body).toBe(201);
        const comment = await b.req({
          method: "POST",
          url: "/api/articles/patellofemoral-pain/comments",
          payload: { body: p },
        });
        t.nextHour();
        problems.push(...findings(comment.statusCode, comment.body, `comment ${p}`));
        // Ids and slugs in bodies: a payload is just an id that does not exist.
        for (const [url, body] of [
          [
            "/api/training/activities",
            { ...(SAMPLE_BODIES["POST /api/training/activities"] as object), shoeId: p },
          ],
          ["/api/articles/patellofemoral-pain/comments", { body: "A reply.", parentId: p }],
          [
            "/api/programme-sessions",
            { ...(SAMPLE_BODIES["POST /api/programme-sessions"] as object), programmeSlug: p },
          ],
          [
            "/api/auth/signup",
            { email: `${i}x@example.org`, password: "a long enough password", displayName: p },
          ],
        ] as const) {
          const res = await b.req({ method: "POST", url, payload: body });
          problems.push(...findings(res.statusCode, res.body, `${url} body with ${p}`));
        }
        t.nextHour();
        const search = await t.server.inject({
          method: "GET",
          url: `/api/search?q=${encodeURIComponent(p)}`,
        });
        problems.push(...findings(search.statusCode, search.body, `search ${p}`));
      }
      expect(problems).toEqual([]);
      const names = (await b.req({ method: "GET", url: "/api/shoes" }))
        .json<{ shoes: { name: string }[] }>()
        .shoes.map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(SQL_PAYLOADS.map((p) => p.trim())));
    });

    it("leaves every table whole and A's data as A left it", async () => {
      // Only the rows the tests above wrote on purpose were added.
      // A sign-up waits for its emailed link (one row each); no account is made before it is opened.
      expect(await countRows(t, "users")).toBe(counts.users!);
      expect(await countRows(t, "email_verifications")).toBe(counts.email_verifications! + SQL_PAYLOADS.length);
      expect(await countRows(t, "activities")).toBe(counts.activities! + SQL_PAYLOADS.length);
      expect(await countRows(t, "shoes")).toBe(counts.shoes! + SQL_PAYLOADS.length);
      for (const table of TABLES) expect(await countRows(t, table)).toBeGreaterThan(0);
      const shoe = await a.req({ method: "GET", url: `/api/shoes/${d.shoeId}` });
      expect(shoe.json()).toMatchObject({ name: `${MARKER} pair` });
      const run = await a.req({ method: "GET", url: `/api/activities/${d.activityId}` });
      expect(run.json()).toMatchObject({ name: `${MARKER} run` });
    });
  });
}
