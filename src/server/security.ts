import net from "node:net";
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from "fastify";
import { DomainError } from "../core/errors.js";
import type { AccountMode } from "../services/app.js";
import { bearerSecret } from "./auth-context.js";

/**
 * Headers every response carries. The CSP allows no inline script at all (the web app and the
 * server-rendered pages load their code from /assets), and no framing (clickjacking).
 * HSTS is only sent over TLS: on plain http it would be ignored, and on localhost it would pin
 * the browser to https for every other local project.
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/**
 * The CSP, with images also allowed from the one origin of the operator's map tiles
 * (KNEEWISE_MAP_TILE_URL, map-tiles.ts) when there is one; without it, nothing outside.
 */
export function contentSecurityPolicy(opts: { tileOrigin?: string | undefined } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    opts.tileOrigin === undefined ? "img-src 'self' data:" : `img-src 'self' data: ${opts.tileOrigin}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function sameOrigin(request: FastifyRequest, origin: string): boolean {
  try {
    const u = new URL(origin);
    return u.host === request.host && `${u.protocol}` === `${request.protocol}:`;
  } catch {
    return false;
  }
}

/**
 * CSRF defence for cookie-authenticated writes: a browser names the page that sent a request
 * in Origin (and Sec-Fetch-Site) on every POST, PUT, PATCH and DELETE. A write from another
 * site is refused; SameSite=Lax session cookies are the second line. Clients that are not
 * browsers (the CLI, scripts with a token) send neither header and carry no ambient cookie
 * to abuse.
 */
function checkCsrf(request: FastifyRequest): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  // A bearer token (personal upload tokens) is authentication no browser adds by itself: another
  // site cannot set the header without a CORS preflight, which is never granted, and such a
  // request is the token's alone (auth-context.ts ignores its cookies). An automation app may send
  // any Origin it likes.
  if (bearerSecret(request) !== null) return;
  const site = request.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") {
    throw new DomainError("CSRF_FAILED", "This request came from another site and was refused.");
  }
  const origin = request.headers.origin;
  if (origin !== undefined && (origin === "null" || !sameOrigin(request, origin))) {
    throw new DomainError("CSRF_FAILED", "This request came from another site and was refused.");
  }
}

/**
 * Which Host names the server answers, against DNS rebinding: a page on a name the attacker
 * controls, re-pointed at 127.0.0.1, is same-origin with itself, so neither the browser nor the
 * CSRF check stops it; only the Host header, which carries the attacker's name, gives it away.
 */
export interface HostPolicy {
  /** Names the operator adds (--allowed-host, KNEEWISE_ALLOWED_HOSTS): "name" on any port, or "name:port". */
  allowedHosts?: readonly string[] | undefined;
  /** The address runners open (KNEEWISE_PUBLIC_URL): its host is answered in multi-user mode. */
  publicUrl?: string | undefined;
}

interface HostName {
  name: string;
  port: number | null;
}

/** "name", "name:port", "[v6]" or "[v6]:port", lower-cased and without a final dot; null if none of those. */
export function parseHostHeader(value: string): HostName | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s/@]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!m?.[1]) return null;
  const name = m[1].toLowerCase().replace(/\.$/, "");
  const port = m[2] === undefined ? null : Number(m[2]);
  if (name === "" || (port !== null && port > 65535)) return null;
  return { name, port };
}

/**
 * Loopback names: localhost and *.localhost (RFC 6761 reserves them for this computer; Chromium
 * and Firefox answer them with loopback themselves and never ask DNS, so a rebinding attacker
 * cannot own one), and the loopback addresses. An address in Host cannot be rebound at all.
 */
export function isLoopbackHostName(name: string): boolean {
  return (
    name === "localhost" || name.endsWith(".localhost") || name === "127.0.0.1" || name === "[::1]"
  );
}

/** An operator's --allowed-host value checked and normalised, or a CONFIG_INVALID error naming it. */
export function normaliseAllowedHost(value: string): string {
  const parsed = parseHostHeader(value);
  if (!parsed || value.includes("/"))
    throw new DomainError(
      "CONFIG_INVALID",
      `--allowed-host "${value}" is not a host name or address (e.g. kneewise.club.example or 192.168.1.20:3000).`,
    );
  return parsed.port === null ? parsed.name : `${parsed.name}:${parsed.port}`;
}

function defaultPort(protocol: string): number {
  return protocol === "https" || protocol === "https:" ? 443 : 80;
}

/**
 * Whether a request's Host may be answered. Loopback names must also carry the port the
 * connection arrived on (unknown under inject(), then any port): a browser always sends the port
 * of the address it opened, so another one means a proxy rewrote it. In multi-user mode the
 * public URL's host is answered too (its port, when Host names one).
 */
export function hostAllowed(
  host: string | undefined,
  ctx: { mode: AccountMode; policy: HostPolicy; protocol: string; localPort: number | undefined },
): boolean {
  if (host === undefined) return false;
  const parsed = parseHostHeader(host);
  if (!parsed) return false;
  const port = parsed.port ?? defaultPort(ctx.protocol);
  for (const entry of ctx.policy.allowedHosts ?? []) {
    const allowed = parseHostHeader(entry);
    if (allowed && allowed.name === parsed.name && (allowed.port === null || allowed.port === port))
      return true;
  }
  if (ctx.mode === "multi" && ctx.policy.publicUrl !== undefined) {
    const pub = new URL(ctx.policy.publicUrl);
    const pubPort = pub.port === "" ? defaultPort(pub.protocol) : Number(pub.port);
    if (
      pub.hostname.toLowerCase() === parsed.name &&
      (parsed.port === null || parsed.port === pubPort)
    )
      return true;
  }
  return isLoopbackHostName(parsed.name) && (ctx.localPort === undefined || port === ctx.localPort);
}

/** Health checks answer whatever the Host: balancers address an instance by its own address, and they reveal nothing. */
function isHealthCheck(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = request.url.split("?", 1)[0];
  return path === "/api/health" || path === "/api/health/ready";
}

function refuseHost(
  request: FastifyRequest,
  reply: FastifyReply,
  mode: AccountMode,
  policy: HostPolicy,
): void {
  // The name is echoed for the operator; as text/plain with nosniff it cannot become markup.
  const shown = JSON.stringify(
    (request.headers.host ?? "").replace(/[^\x20-\x7e]/g, "?").slice(0, 200),
  );
  const where =
    mode === "multi" && policy.publicUrl !== undefined
      ? `at ${new URL(policy.publicUrl).host} (KNEEWISE_PUBLIC_URL) and on this computer`
      : "only on this computer (localhost, 127.0.0.1, [::1]) on the port it listens on";
  void reply
    .code(421)
    .type("text/plain; charset=utf-8")
    .send(
      `kneewise answers ${where}, not for the host ${shown}. ` +
        `If you reach it under that name on purpose, start it with --allowed-host NAME ` +
        `(or list names in KNEEWISE_ALLOWED_HOSTS, separated by commas).\n`,
    );
}

/**
 * How many proxies stand between the clients and this server, or which addresses they have:
 * `true` is one hop. Fastify (5.12) fails a bare hop count closed (it trusts nothing, so every
 * client would get the proxy's address), so a count becomes a function trusting the nearest hops:
 * the client is the address the last trusted proxy saw, never one a client wrote into
 * X-Forwarded-For itself.
 */
export type TrustProxySetting = boolean | number | readonly string[];

export function fastifyTrustProxy(
  setting: TrustProxySetting | undefined,
): FastifyServerOptions["trustProxy"] {
  if (setting === undefined || setting === false || setting === 0) return false;
  if (Array.isArray(setting)) return [...(setting as readonly string[])];
  const hops = setting === true ? 1 : (setting as number);
  return (_address: string, hop: number) => hop < hops;
}

/** Proxy addresses as proxy-addr reads them: IPs, CIDRs, or its names loopback, linklocal, uniquelocal. */
export function parseTrustProxy(value: string | boolean | undefined): TrustProxySetting {
  if (value === undefined || value === false) return false;
  if (value === true || value.trim() === "" || value.trim() === "true") return 1;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10)
      throw new DomainError(
        "CONFIG_INVALID",
        `--trust-proxy ${text}: that many proxies in a row is a mistake; give 1 to 10 hops or the proxies' addresses.`,
      );
    return hops;
  }
  const list = text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const entry of list) {
    const [addr = "", bits, extra] = entry.split("/");
    const family = net.isIP(addr);
    const named = bits === undefined && ["loopback", "linklocal", "uniquelocal"].includes(addr);
    const bitsOk =
      bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!named && (family === 0 || !bitsOk || extra !== undefined))
      throw new DomainError(
        "CONFIG_INVALID",
        `--trust-proxy: "${entry}" is neither a number of hops nor a proxy address or CIDR range (e.g. 127.0.0.1,10.0.0.0/8).`,
      );
  }
  return list;
}

export function installSecurity(
  server: FastifyInstance,
  opts: { mode: AccountMode; hosts?: HostPolicy | undefined; tileOrigin?: string | undefined },
): void {
  const policy = opts.hosts ?? {};
  const csp = opts.tileOrigin === undefined ? CONTENT_SECURITY_POLICY : contentSecurityPolicy({ tileOrigin: opts.tileOrigin });
  // A public URL that cannot be read would fail every request; fail the start instead.
  if (policy.publicUrl !== undefined) new URL(policy.publicUrl);
  for (const host of policy.allowedHosts ?? []) normaliseAllowedHost(host);
  server.addHook("onRequest", (request, reply, done) => {
    if (!isHealthCheck(request)) {
      const ctx = {
        mode: opts.mode,
        policy,
        protocol: request.protocol,
        localPort: request.socket.localPort,
      };
      // Behind a trusted proxy Fastify reads X-Forwarded-Host: both names must be ours.
      if (
        !hostAllowed(request.headers.host, ctx) ||
        (request.host !== request.headers.host && !hostAllowed(request.host, ctx))
      ) {
        refuseHost(request, reply, opts.mode, policy);
        return;
      }
    }
    checkCsrf(request);
    done();
  });
  server.addHook("onSend", (request, reply, payload, done) => {
    reply.header("content-security-policy", csp);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    reply.header("x-frame-options", "DENY");
    reply.header("cross-origin-opener-policy", "same-origin");
    reply.header("permissions-policy", "geolocation=(), camera=(), microphone=()");
    if (request.protocol === "https") {
      reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
    }
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    done(null, payload);
  });
}
