import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../../test/app.js";
import { DIALECTS } from "../../../test/db.js";
import { CORPUS_DIR } from "../../../test/paths.js";
import {
  fillPath,
  injectFor,
  key,
  signUp,
  startSecurityServer,
} from "../../../test/security/fixtures.js";
import type { Runner, SecurityServer } from "../../../test/security/fixtures.js";
import { importJob, importJobList } from "../../contracts/activities.js";
import type { ImportJob } from "../../contracts/activities.js";
import { createdUploadToken, uploadTokenList } from "../../contracts/upload-tokens.js";
import type { CreatedUploadToken } from "../../contracts/upload-tokens.js";
import { UPLOAD_TOKEN_RATE } from "../../services/account/upload-tokens.js";

const RUN_FIT = path.join(CORPUS_DIR, "fit", "ffp__running-with-developer-data.fit");
const RUN_TCX = path.join(CORPUS_DIR, "tcx", "togeojson__sample.tcx");
/** The routes a token may call; every other one must answer it 403. */
const TOKEN_ROUTES = new Set(["POST /api/imports", "GET /api/imports", "GET /api/imports/:id"]);

type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function makeToken(req: Inject, name: string): Promise<CreatedUploadToken> {
  const res = await req({ method: "POST", url: "/api/account/upload-tokens", payload: { name } });
  expect(res.statusCode, res.body).toBe(201);
  return createdUploadToken.parse(res.json());
}

/** Polls the import with the token until it ends (bounded: a stuck job fails the test). */
async function waitForImport(inject: Inject, id: string, secret: string): Promise<ImportJob> {
  for (let i = 0; i < 600; i++) {
    const res = await inject({ method: "GET", url: `/api/imports/${id}`, headers: bearer(secret) });
    expect(res.statusCode, res.body).toBe(200);
    const job = importJob.parse(res.json());
    if (job.status !== "queued" && job.status !== "running") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not end`);
}

async function activityNames(runner: Runner): Promise<number> {
  const res = await runner.req({ method: "GET", url: "/api/activities" });
  expect(res.statusCode).toBe(200);
  return res.json<{ activities: unknown[] }>().activities.length;
}

for (const dialect of DIALECTS) {
  describe(`personal upload tokens on ${dialect} (multi-user)`, () => {
    let t: SecurityServer;
    let ann: Runner;
    let bob: Runner;
    const inject: Inject = (opts) => t.server.inject(opts);
    beforeAll(async () => {
      t = await startSecurityServer(dialect);
      ann = await signUp(t, "ann");
      bob = await signUp(t, "bob");
    });
    afterAll(() => t.close());

    it("makes a named token whose secret is shown once and stored only as its SHA-256", async () => {
      const created = await makeToken((o) => ann.req(o), "  Phone  ");
      expect(created.token).toMatchObject({ name: "Phone", lastUsedAt: null });
      expect(created.secret).toMatch(/^kwu_[A-Za-z0-9_-]{43}$/);

      const list = await ann.req({ method: "GET", url: "/api/account/upload-tokens" });
      expect(list.statusCode).toBe(200);
      expect(uploadTokenList.parse(list.json()).tokens).toEqual([created.token]);
      expect(list.body).not.toContain(created.secret);

      const rows = await t.app.database.db
        .selectFrom("upload_tokens")
        .selectAll()
        .where("id", "=", created.token.id)
        .execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(created.secret);
      expect(JSON.stringify(rows)).not.toContain(created.secret.slice(4, 24));
      expect(rows[0]!.token_hash).toBe(createHash("sha256").update(created.secret).digest("hex"));

      // Bob sees none of Ann's tokens and cannot revoke them.
      const bobs = await bob.req({ method: "GET", url: "/api/account/upload-tokens" });
      expect(uploadTokenList.parse(bobs.json()).tokens).toEqual([]);
      const stolen = await bob.req({
        method: "DELETE",
        url: `/api/account/upload-tokens/${created.token.id}`,
      });
      expect(stolen.statusCode).toBe(404);
      expect(
        (await ann.req({ method: "GET", url: "/api/account/upload-tokens" })).json<{
          tokens: unknown[];
        }>().tokens,
      ).toHaveLength(1);
    });

    it("sends a corpus run with the token as a raw body, from any Origin, and it lands in the runner's list", async () => {
      const { secret } = await makeToken((o) => ann.req(o), "Tasker");
      const before = await activityNames(ann);
      const res = await inject({
        method: "POST",
        url: "/api/imports",
        // An automation app is no browser: whatever Origin it sends, the token is the authentication.
        headers: {
          ...bearer(secret),
          "content-type": "application/vnd.ant.fit",
          "x-file-name": "morning.fit",
          origin: "https://elsewhere.example",
        },
        payload: fs.readFileSync(RUN_FIT),
      });
      expect(res.statusCode, res.body).toBe(202);
      const job = await waitForImport(inject, importJob.parse(res.json()).id, secret);
      expect(job.status).toBe("done");
      expect(job.summary).toMatchObject({ files: 1, imported: 1, failed: [] });
      expect(await activityNames(ann)).toBe(before + 1);
      expect(await activityNames(bob)).toBe(0);

      const listed = await inject({ method: "GET", url: "/api/imports", headers: bearer(secret) });
      expect(listed.statusCode).toBe(200);
      expect(importJobList.parse(listed.json()).imports.map((i) => i.id)).toContain(job.id);
      const tokens = uploadTokenList.parse(
        (await ann.req({ method: "GET", url: "/api/account/upload-tokens" })).json(),
      ).tokens;
      expect(tokens.find((x) => x.name === "Tasker")?.lastUsedAt).not.toBeNull();
    });

    it("takes multipart form data (curl -F) with the token", async () => {
      const { secret } = await makeToken((o) => bob.req(o), "curl");
      const boundary = "----kneewiseTokenTest";
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="sample.tcx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        fs.readFileSync(RUN_TCX),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await inject({
        method: "POST",
        url: "/api/imports",
        headers: { ...bearer(secret), "content-type": `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      expect(res.statusCode, res.body).toBe(202);
      const job = await waitForImport(inject, importJob.parse(res.json()).id, secret);
      expect(job.summary).toMatchObject({ files: 1, failed: [] });
      expect(job.summary!.imported).toBeGreaterThan(0);
      // The corpus TCX holds one run: the file part, not the whole multipart body, was read.
      expect(job.summary).toMatchObject({ imported: 1 });
      expect(await activityNames(bob)).toBe(job.summary!.imported);
    });

    it("never reaches another runner's imports", async () => {
      const annToken = await makeToken((o) => ann.req(o), "Ann's script");
      const bobToken = await makeToken((o) => bob.req(o), "Bob's script");
      const annJobs = importJobList.parse(
        (
          await inject({ method: "GET", url: "/api/imports", headers: bearer(annToken.secret) })
        ).json(),
      ).imports;
      expect(annJobs.length).toBeGreaterThan(0);
      const bobJobs = importJobList.parse(
        (
          await inject({ method: "GET", url: "/api/imports", headers: bearer(bobToken.secret) })
        ).json(),
      ).imports;
      expect(bobJobs.map((j) => j.id)).not.toContain(annJobs[0]!.id);
      const other = await inject({
        method: "GET",
        url: `/api/imports/${annJobs[0]!.id}`,
        headers: bearer(bobToken.secret),
      });
      expect(other.statusCode).toBe(404);
      // A session cookie beside the token changes nothing: the request is the token's.
      const mixed = await inject({
        method: "GET",
        url: `/api/imports/${annJobs[0]!.id}`,
        headers: bearer(bobToken.secret),
        cookies: ann.cookies,
      });
      expect(mixed.statusCode).toBe(404);
    });

    it("answers 403 on every other route, even with the runner's session cookie beside it", async () => {
      const { secret } = await makeToken((o) => ann.req(o), "Everything else");
      const wrong: string[] = [];
      for (const e of t.routes.filter(
        (r) => r.url.startsWith("/api/") && !TOKEN_ROUTES.has(key(r)),
      )) {
        const base = injectFor(e, fillPath(e.url));
        // A fresh rate-limit window for each route: the token's allowance is not what this checks.
        t.nextHour();
        const res = await inject({ ...base, headers: { ...bearer(secret) }, cookies: ann.cookies });
        const code =
          res.statusCode === 403 ? res.json<{ error: { code: string } }>().error.code : "";
        if (code !== "FORBIDDEN")
          wrong.push(`${key(e)} -> ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
      expect(wrong).toEqual([]);
      expect(t.routes.filter((r) => TOKEN_ROUTES.has(key(r)))).toHaveLength(TOKEN_ROUTES.size);
      // Nor probe for endpoints that do not exist.
      const unknown = await inject({ method: "GET", url: "/api/no-such-endpoint", headers: bearer(secret) });
      expect(unknown.statusCode).toBe(403);
      // A token cannot make more tokens either.
      const more = await inject({
        method: "POST",
        url: "/api/account/upload-tokens",
        headers: bearer(secret),
        payload: { name: "more" },
      });
      expect(more.statusCode).toBe(403);
    });

    it("answers 401 once the token is revoked, and to a made-up one", async () => {
      const created = await makeToken((o) => ann.req(o), "Old phone");
      expect(
        (await inject({ method: "GET", url: "/api/imports", headers: bearer(created.secret) }))
          .statusCode,
      ).toBe(200);
      const revoked = await ann.req({
        method: "DELETE",
        url: `/api/account/upload-tokens/${created.token.id}`,
      });
      expect(revoked.statusCode).toBe(204);
      for (const secret of [created.secret, "kwu_made-up-token-that-was-never-issued-000000"]) {
        const res = await inject({
          method: "POST",
          url: "/api/imports",
          headers: {
            ...bearer(secret),
            "content-type": "application/octet-stream",
            "x-file-name": "run.fit",
          },
          payload: fs.readFileSync(RUN_FIT),
        });
        expect(res.statusCode).toBe(401);
        expect(res.json<{ error: { code: string } }>().error.code).toBe("NOT_SIGNED_IN");
        expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
      }
      const list = uploadTokenList.parse(
        (await ann.req({ method: "GET", url: "/api/account/upload-tokens" })).json(),
      ).tokens;
      expect(list.map((x) => x.id)).not.toContain(created.token.id);
    });

    it("limits the requests one token makes in a minute", async () => {
      const { secret } = await makeToken((o) => bob.req(o), "Busy script");
      t.nextHour();
      const statuses: number[] = [];
      for (let i = 0; i <= UPLOAD_TOKEN_RATE.limit; i++)
        statuses.push(
          (await inject({ method: "GET", url: "/api/imports", headers: bearer(secret) }))
            .statusCode,
        );
      expect(statuses.slice(0, UPLOAD_TOKEN_RATE.limit).every((s) => s === 200)).toBe(true);
      expect(statuses[UPLOAD_TOKEN_RATE.limit]).toBe(429);
      // Another token of the same runner has its own allowance.
      const other = await makeToken((o) => bob.req(o), "Quiet script");
      expect(
        (await inject({ method: "GET", url: "/api/imports", headers: bearer(other.secret) }))
          .statusCode,
      ).toBe(200);
    });
  });

  // PostgreSQL always means multi-user mode: the single-user owner exists on SQLite only.
  describe.runIf(dialect === "sqlite")(`personal upload tokens on ${dialect} (single-user)`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      t = await startTestServer(dialect);
    });
    afterAll(() => t.close());

    it("authenticates the local owner, within the same limits", async () => {
      const inject: Inject = (opts) => t.server.inject(opts);
      const { secret } = await makeToken(inject, "Phone on the home network");
      const res = await inject({
        method: "POST",
        url: "/api/imports?name=run.fit",
        headers: { ...bearer(secret), "content-type": "application/octet-stream" },
        payload: fs.readFileSync(RUN_FIT),
      });
      expect(res.statusCode, res.body).toBe(202);
      const job = await waitForImport(inject, importJob.parse(res.json()).id, secret);
      expect(job.summary).toMatchObject({ imported: 1 });
      const owners = await inject({ method: "GET", url: "/api/activities" });
      expect(owners.json<{ activities: unknown[] }>().activities).toHaveLength(1);
      expect(
        (await inject({ method: "GET", url: "/api/profile", headers: bearer(secret) })).statusCode,
      ).toBe(403);
      expect(
        (await inject({ method: "GET", url: "/api/imports", headers: bearer("kwu_not-a-token") }))
          .statusCode,
      ).toBe(401);
    });
  });
}
