/**
 * Size limits at the edge: a JSON body over the limit is a 413 with a stable code, an upload over
 * its limit is a 413 that leaves nothing in the data folder's tmp/, absurd nesting is a 400 (not
 * a crash), and a text longer than its field allows is a 400 that names the field.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../db.js";
import {
  ARTICLE,
  ASSESSMENT_INPUT,
  countRows,
  createOwnedData,
  SAMPLE_BODIES,
  signUp,
  startSecurityServer,
} from "./fixtures.js";
import type { OwnedData, Runner, SecurityServer } from "./fixtures.js";

const UPLOAD_LIMIT = 64 * 1024;
const BODY_LIMIT = 1024 * 1024;

interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

/** Files left under the data folder's tmp/ (an empty or missing folder gives none). */
function leftovers(dataDir: string): string[] {
  const tmp = path.join(dataDir, "tmp");
  if (!fs.existsSync(tmp)) return [];
  return fs.readdirSync(tmp, { recursive: true }).map(String);
}

for (const dialect of DIALECTS) {
  describe(`oversized and deeply nested requests on ${dialect}`, () => {
    let t: SecurityServer;
    let me: Runner;
    let other: Runner;
    let d: OwnedData;
    beforeAll(async () => {
      t = await startSecurityServer(dialect, { uploadLimitBytes: UPLOAD_LIMIT });
      me = await signUp(t, "runner", "moderator");
      other = await signUp(t, "other");
      d = await createOwnedData(t, other);
    });
    afterAll(() => t.close());

    it("answers 413 PAYLOAD_TOO_LARGE to a JSON body over the limit, signed in or not, and stores nothing", async () => {
      const before = await countRows(t, "shoes");
      const huge = { name: "x".repeat(BODY_LIMIT), brand: "y" };
      for (const [url, method, cookies] of [
        ["/api/shoes", "POST", me.cookies],
        ["/api/pain/2026-02-01", "PUT", me.cookies],
        ["/api/auth/signup", "POST", {}],
        ["/api/assessments?save=false", "POST", {}],
      ] as const) {
        const res = await t.server.inject({ method, url, cookies, payload: huge });
        expect(res.statusCode, `${method} ${url}`).toBe(413);
        expect(res.json<ErrorBody>().error).toMatchObject({
          code: "PAYLOAD_TOO_LARGE",
          message: expect.stringMatching(/too large/) as string,
        });
      }
      expect(await countRows(t, "shoes")).toBe(before);
    });

    it("answers 413 to an upload over its limit, raw or multipart, and leaves nothing in tmp/", async () => {
      // The other runner's import (createOwnedData) may still be running on a busy machine, its
      // upload still in tmp/: only what these requests would leave counts.
      const already = new Set(leftovers(t.dataDir));
      const raw = await me.req({
        method: "POST",
        url: "/api/imports?name=big.fit",
        headers: { "content-type": "application/octet-stream" },
        payload: Buffer.alloc(UPLOAD_LIMIT * 3, 7),
      });
      expect(raw.statusCode).toBe(413);
      expect(raw.json<ErrorBody>().error.code).toBe("PAYLOAD_TOO_LARGE");
      const boundary = "----kwSecurityBoundary";
      const multipart = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.fit"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        Buffer.alloc(UPLOAD_LIMIT * 3, 7),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const mp = await me.req({
        method: "POST",
        url: "/api/imports",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
        payload: multipart,
      });
      expect(mp.statusCode).toBe(413);
      expect(leftovers(t.dataDir).filter((f) => !already.has(f))).toEqual([]);
    });

    it("answers 400 to absurdly deep JSON nesting on every kind of write, never a 500", async () => {
      const depth = 100_000;
      const deepArray = "[".repeat(depth) + "]".repeat(depth);
      const deepObject = '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
      const problems: string[] = [];
      for (const nested of [deepArray, deepObject]) {
        for (const [method, url, field] of [
          ["POST", "/api/shoes", "name"],
          ["POST", "/api/assessments", "signs"],
          ["POST", "/api/assessments?save=false", "pain_locations"],
          ["PUT", "/api/pain/2026-02-02", "locations"],
          ["POST", "/api/programme-sessions", "exercises"],
          ["POST", "/api/plans", "goal"],
          ["PUT", "/api/profile", "surfaces"],
          ["POST", `/api/articles/${ARTICLE}/comments`, "body"],
        ] as const) {
          const base = JSON.stringify({
            ...(SAMPLE_BODIES[
              `${method} ${url.split("?")[0]!.replace("2026-02-02", ":date").replace(ARTICLE, ":slug")}`
            ] as object),
            [field]: 0,
          });
          const payload = base.replace(`"${field}":0`, `"${field}":${nested}`);
          const res = await me.req({
            method,
            url,
            headers: { "content-type": "application/json" },
            payload,
          });
          if (res.statusCode !== 400)
            problems.push(`${method} ${url} ${field}: ${res.statusCode} ${res.body.slice(0, 100)}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it("refuses JSON that tries to pollute prototypes, and a body that is not JSON, without a 500", async () => {
      for (const payload of [
        '{"__proto__":{"role":"admin"},"name":"x"}',
        '{"constructor":{"prototype":{"role":"admin"}},"name":"x"}',
        '{"name":"x"',
        "\u0000",
      ]) {
        const res = await me.req({
          method: "POST",
          url: "/api/shoes",
          headers: { "content-type": "application/json" },
          payload,
        });
        expect(res.statusCode, payload).toBe(400);
      }
      const form = await me.req({
        method: "POST",
        url: "/api/shoes",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "name=x",
      });
      expect(form.statusCode).toBe(415);
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });

    it("answers 400 naming the field to a text one character over its limit", async () => {
      const long = (n: number) => "a".repeat(n + 1);
      const cases: {
        method: "POST" | "PUT" | "PATCH";
        url: string;
        payload: object;
        field: string;
      }[] = [
        { method: "POST", url: "/api/shoes", payload: { name: long(80) }, field: "name" },
        {
          method: "POST",
          url: "/api/shoes",
          payload: { name: "ok", brand: long(60) },
          field: "brand",
        },
        {
          method: "PATCH",
          url: `/api/shoes/${d.shoeId}`,
          payload: { name: long(80) },
          field: "name",
        },
        {
          method: "POST",
          url: "/api/training/activities",
          payload: {
            ...(SAMPLE_BODIES["POST /api/training/activities"] as object),
            name: long(120),
          },
          field: "name",
        },
        {
          method: "PUT",
          url: "/api/pain/2026-02-03",
          payload: { during: 1, notes: long(2000) },
          field: "notes",
        },
        {
          method: "POST",
          url: "/api/programme-sessions",
          payload: {
            ...(SAMPLE_BODIES["POST /api/programme-sessions"] as object),
            notes: long(2000),
          },
          field: "notes",
        },
        {
          method: "POST",
          url: "/api/auth/signup",
          payload: {
            email: "long@example.org",
            password: "a long enough password",
            displayName: long(60),
          },
          field: "displayName",
        },
        {
          method: "POST",
          url: "/api/auth/signup",
          payload: {
            email: `${long(254)}@example.org`,
            password: "a long enough password",
            displayName: "x",
          },
          field: "email",
        },
        {
          method: "POST",
          url: "/api/auth/signup",
          payload: { email: "pw@example.org", password: long(256), displayName: "x" },
          field: "password",
        },
        {
          method: "POST",
          url: "/api/auth/login",
          payload: { email: long(254), password: "x" },
          field: "email",
        },
        {
          method: "POST",
          url: `/api/moderation/users/${other.id}/ban`,
          payload: { reason: long(500) },
          field: "reason",
        },
        {
          method: "POST",
          url: "/api/assessments?save=false",
          payload: { ...ASSESSMENT_INPUT, sex: long(1000) },
          field: "sex",
        },
      ];
      const problems: string[] = [];
      for (const c of cases) {
        const res = await me.req({ method: c.method, url: c.url, payload: c.payload });
        const err = res.statusCode === 400 ? res.json<ErrorBody>().error : undefined;
        const named =
          err?.fields?.some((f) => f.path === c.field || f.path.endsWith(`.${c.field}`)) ?? false;
        if (!named)
          problems.push(
            `${c.method} ${c.url} ${c.field}: ${res.statusCode} ${res.body.slice(0, 160)}`,
          );
      }
      expect(problems).toEqual([]);
    });

    it("refuses an over-long comment, edit, report reason, search or upload name with a message that says what is too long", async () => {
      const posted = await me.req({
        method: "POST",
        url: `/api/articles/${ARTICLE}/comments`,
        payload: { body: "a".repeat(5001) },
      });
      expect(posted.statusCode).toBe(400);
      expect(posted.json<ErrorBody>().error).toMatchObject({
        code: "COMMENT_TOO_LONG",
        message: expect.stringMatching(/comment/i) as string,
      });
      const edit = await other.req({
        method: "PATCH",
        url: `/api/comments/${d.visibleCommentId}`,
        payload: { body: "a".repeat(5001) },
      });
      expect(edit.json<ErrorBody>().error.code).toBe("COMMENT_TOO_LONG");
      const reason = await me.req({
        method: "POST",
        url: `/api/comments/${d.visibleCommentId}/report`,
        payload: { reason: "a".repeat(501) },
      });
      expect(reason.json<ErrorBody>().error).toMatchObject({
        code: "REPORT_REASON_TOO_LONG",
        message: expect.stringMatching(/reason/i) as string,
      });
      // Far past the service's limits, the contract refuses before any work, naming the field.
      for (const [url, method, payload, field] of [
        [
          `/api/comments/${d.visibleCommentId}/report`,
          "POST",
          { reason: "a".repeat(100_000) },
          "reason",
        ],
        [`/api/articles/${ARTICLE}/comments`, "POST", { body: "a".repeat(100_000) }, "body"],
        [`/api/comments/${d.visibleCommentId}`, "PATCH", { body: "a".repeat(100_000) }, "body"],
      ] as const) {
        const res = await (method === "PATCH" ? other : me).req({ method, url, payload });
        expect(res.statusCode, url).toBe(400);
        expect(
          res.json<ErrorBody>().error.fields?.map((f) => f.path),
          url,
        ).toEqual([field]);
      }
      const search = await t.server.inject({
        method: "GET",
        url: `/api/search?q=${"a".repeat(201)}`,
      });
      expect(search.statusCode).toBe(400);
      expect(search.json<ErrorBody>().error.fields?.[0]?.path).toBe("q");
      const upload = await me.req({
        method: "POST",
        url: `/api/imports?name=${"a".repeat(256)}`,
        headers: { "content-type": "application/octet-stream" },
        payload: Buffer.from("x"),
      });
      expect(upload.statusCode).toBe(400);
      expect(upload.json<ErrorBody>().error.fields?.[0]?.path).toBe("name");
      expect(leftovers(t.dataDir)).toEqual([]);
    });
  });
}
