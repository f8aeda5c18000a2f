import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "./build-server.js";
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, hostAllowed, normaliseAllowedHost, parseTrustProxy } from "./security.js";
import type { TrustProxySetting } from "./security.js";
import { DIALECTS } from "../../test/db.js";
import { startTestServer } from "../../test/app.js";

for (const dialect of DIALECTS) {
  describe(`security headers and CSRF on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
    });
    afterAll(() => t.close());

    it("sends a CSP without inline scripts and forbids framing", async () => {
      const res = await t.server.inject({ method: "GET", url: "/api/health" });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["strict-transport-security"]).toBeUndefined();
    });

    it("refuses a write from another site", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: { origin: "https://evil.example", host: "localhost:3000" },
        payload: { email: "a@b.c", password: "whatever-long" },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: "CSRF_FAILED" } });
      const fetchMeta = await t.server.inject({
        method: "POST",
        url: "/api/auth/logout",
        headers: { "sec-fetch-site": "cross-site" },
      });
      expect(fetchMeta.statusCode).toBe(403);
    });

    it("accepts a write from its own origin", async () => {
      const res = await t.server.inject({
        method: "POST",
        url: "/api/auth/logout",
        headers: {
          origin: "http://localhost:3000",
          host: "localhost:3000",
          "sec-fetch-site": "same-origin",
        },
      });
      expect(res.statusCode).toBe(204);
    });
  });
}

describe("Host check against DNS rebinding, single-user mode", () => {
  let t: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    t = await startTestServer("sqlite");
  });
  afterAll(() => t.close());

  it("refuses a rebinding name with 421 before any route runs, naming the host and the option", async () => {
    const host = "rebind.attacker.example:3000";
    const read = await t.server.inject({
      method: "GET",
      url: "/api/account/export",
      headers: { host },
    });
    expect(read.statusCode).toBe(421);
    expect(read.headers["content-type"]).toContain("text/plain");
    expect(read.body).toContain('"rebind.attacker.example:3000"');
    expect(read.body).toContain("--allowed-host");
    expect(read.body).toContain("KNEEWISE_ALLOWED_HOSTS");
    // A write from the rebinding page is same-origin to the browser: the Host check still stops it.
    const write = await t.server.inject({
      method: "PUT",
      url: "/api/profile",
      headers: { host, origin: `http://${host}`, "sec-fetch-site": "same-origin" },
      payload: { units: "mi" },
    });
    expect(write.statusCode).toBe(421);
    const me = await t.server.inject({
      method: "GET",
      url: "/api/me",
      headers: { host: "attacker.example" },
    });
    expect(me.statusCode).toBe(421);
    expect(me.body).not.toContain("localOwner");
  });

  it("answers the loopback names and addresses", async () => {
    for (const host of [
      "localhost:3000",
      "127.0.0.1:3000",
      "[::1]:3000",
      "kneewise.localhost:3000",
      "LOCALHOST:3000",
      "localhost",
    ]) {
      const res = await t.server.inject({ method: "GET", url: "/api/me", headers: { host } });
      expect(res.statusCode, host).toBe(200);
    }
  });

  it("refuses names that only look local", async () => {
    for (const host of [
      "localhost.attacker.example:3000",
      "127.0.0.1.nip.io:3000",
      "evil-localhost:3000",
      "a b",
      "localhost:99999",
    ]) {
      const res = await t.server.inject({ method: "GET", url: "/api/me", headers: { host } });
      expect(res.statusCode, host).toBe(421);
    }
  });

  it("answers health checks whatever the Host, so balancers and probes keep working", async () => {
    for (const url of ["/api/health", "/api/health/ready"]) {
      const res = await t.server.inject({
        method: "GET",
        url,
        headers: { host: "10.0.0.11:3001" },
      });
      expect(res.statusCode, url).not.toBe(421);
    }
  });

  it("answers a name the operator allowed, on any port or on the one given", async () => {
    const server = await buildServer({
      app: t.app,
      hosts: { allowedHosts: ["laptop.lan", "pi.lan:8080"] },
    });
    const status = async (host: string) =>
      (await server.inject({ method: "GET", url: "/api/me", headers: { host } })).statusCode;
    expect(await status("laptop.lan:3000")).toBe(200);
    expect(await status("laptop.lan")).toBe(200);
    expect(await status("pi.lan:8080")).toBe(200);
    expect(await status("pi.lan:3000")).toBe(421);
    expect(await status("laptop.lan.attacker.example:3000")).toBe(421);
    await server.close();
  });

  it("checks X-Forwarded-Host too when it trusts a proxy", async () => {
    const server = await buildServer({ app: t.app, trustProxy: true });
    const res = await server.inject({
      method: "GET",
      url: "/api/me",
      headers: { host: "localhost:3000", "x-forwarded-host": "rebind.attacker.example:3000" },
    });
    expect(res.statusCode).toBe(421);
    await server.close();
  });

  it("checks the port on a real connection: a loopback name with another port is refused", async () => {
    const server = await buildServer({ app: t.app });
    await server.listen({ port: 0, host: "127.0.0.1" });
    const port = (server.server.address() as AddressInfo).port;
    const get = (host: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: "127.0.0.1", port, path: "/api/me", headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on("error", reject);
      });
    expect(await get(`localhost:${port}`)).toBe(200);
    expect(await get(`127.0.0.1:${port}`)).toBe(200);
    expect(await get(`localhost:${port === 65535 ? 65534 : port + 1}`)).toBe(421);
    expect(await get(`rebind.attacker.example:${port}`)).toBe(421);
    await server.close();
  });
});

for (const dialect of DIALECTS) {
  describe(`Host check in multi-user mode on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    let server: FastifyInstance;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
      server = await buildServer({
        app: t.app,
        hosts: { publicUrl: "https://kneewise.club.example" },
      });
    });
    afterAll(async () => {
      await server.close();
      await t.close();
    });

    it("answers its public URL's host and loopback names, and refuses others with 421", async () => {
      const status = async (host: string) =>
        (await server.inject({ method: "GET", url: "/api/me", headers: { host } })).statusCode;
      expect(await status("kneewise.club.example")).toBe(200);
      expect(await status("kneewise.club.example:443")).toBe(200);
      expect(await status("localhost:3000")).toBe(200);
      expect(await status("kneewise.club.example:8443")).toBe(421);
      expect(await status("rebind.attacker.example")).toBe(421);
      const refused = await server.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: { host: "evil.example" },
        payload: { email: "a@b.c", password: "whatever-long" },
      });
      expect(refused.statusCode).toBe(421);
      expect(refused.body).toContain("kneewise.club.example");
      expect(refused.body).toContain('"evil.example"');
    });
  });
}

describe("Host rules", () => {
  const local = { mode: "local" as const, policy: {}, protocol: "http" };
  it("compares the port with the one the connection arrived on, defaulting by scheme", () => {
    expect(hostAllowed("localhost:3000", { ...local, localPort: 3000 })).toBe(true);
    expect(hostAllowed("localhost:3001", { ...local, localPort: 3000 })).toBe(false);
    expect(hostAllowed("localhost", { ...local, localPort: 80 })).toBe(true);
    expect(hostAllowed("localhost", { ...local, localPort: 3000 })).toBe(false);
    expect(hostAllowed("localhost.", { ...local, localPort: 80 })).toBe(true);
    expect(hostAllowed(undefined, { ...local, localPort: undefined })).toBe(false);
  });

  it("never answers the public URL's host in single-user mode", () => {
    expect(
      hostAllowed("kneewise.club.example", {
        ...local,
        policy: { publicUrl: "https://kneewise.club.example" },
        localPort: undefined,
      }),
    ).toBe(false);
  });

  it("normalises operator names and refuses what is not one", () => {
    expect(normaliseAllowedHost("Laptop.LAN")).toBe("laptop.lan");
    expect(normaliseAllowedHost("[::1]:8080")).toBe("[::1]:8080");
    expect(() => normaliseAllowedHost("http://x.example/")).toThrow(/--allowed-host/);
    expect(() => normaliseAllowedHost("a b")).toThrow(/--allowed-host/);
  });
});

for (const dialect of DIALECTS) {
  describe(`proxies it trusts on ${dialect}`, () => {
    let t: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      t = await startTestServer(dialect, { multiUser: true });
    });
    afterAll(() => t.close());

    /** A server with one extra route that says which client address it saw. */
    async function serverSeeing(trustProxy: TrustProxySetting) {
      const server = await buildServer({ app: t.app, trustProxy });
      server.get("/whoami", (request) => ({ ip: request.ip, protocol: request.protocol }));
      return server;
    }

    it("behind one trusted hop, 60 logins with forged X-Forwarded-For are still counted against one address", async () => {
      // The bare --trust-proxy flag: the proxy appends the address it saw; the client wrote the rest.
      const server = await buildServer({ app: t.app, trustProxy: parseTrustProxy(true) });
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) {
        const res = await server.inject({
          method: "POST",
          url: "/api/auth/login",
          headers: { "x-forwarded-for": `198.51.100.${i}, 203.0.113.7` },
          payload: { email: `guess${i}@example.org`, password: "not the password" },
        });
        statuses.push(res.statusCode);
      }
      await server.close();
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      expect(statuses[59]).toBe(429);
    });

    it("takes the address the last trusted proxy saw, by hop count or by the proxies' addresses", async () => {
      const xff = { "x-forwarded-for": "198.51.100.1, 203.0.113.7", "x-forwarded-proto": "https" };
      for (const setting of [
        true,
        1,
        ["127.0.0.1"],
        ["127.0.0.0/8"],
        ["loopback"],
      ] as TrustProxySetting[]) {
        const server = await serverSeeing(setting);
        const seen = (await server.inject({ url: "/whoami", headers: xff })).json<{
          ip: string;
          protocol: string;
        }>();
        expect(seen, JSON.stringify(setting)).toEqual({ ip: "203.0.113.7", protocol: "https" });
        await server.close();
      }
      const two = await serverSeeing(2);
      expect((await two.inject({ url: "/whoami", headers: xff })).json()).toMatchObject({
        ip: "198.51.100.1",
      });
      await two.close();
    });

    it("ignores X-Forwarded-* from a peer that is not a listed proxy", async () => {
      const server = await serverSeeing(["10.0.0.0/8"]);
      const seen = await server.inject({
        url: "/whoami",
        headers: { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https" },
      });
      expect(seen.json()).toEqual({ ip: "127.0.0.1", protocol: "http" });
      await server.close();
    });
  });
}

describe("--trust-proxy values", () => {
  it("reads a bare flag as one hop, a number as hops, and a list as proxy addresses", () => {
    expect(parseTrustProxy(true)).toBe(1);
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("127.0.0.1, 10.0.0.0/8,::1,fd00::/8")).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
      "fd00::/8",
    ]);
  });

  it("refuses what is neither", () => {
    expect(() => parseTrustProxy("proxy.example")).toThrow(
      /neither a number of hops nor a proxy address/,
    );
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseTrustProxy("50")).toThrow(/1 to 10 hops/);
  });
});

describe("the CSP and map tiles", () => {
  it("is unchanged without a tile origin, and adds that one origin to img-src alone with one", () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data:;");
    const tiled = contentSecurityPolicy({ tileOrigin: "https://tile.club.example" });
    expect(tiled).toBe(CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", "img-src 'self' data: https://tile.club.example"));
  });
});
