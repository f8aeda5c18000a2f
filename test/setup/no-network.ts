/**
 * Tests fail on any outbound network call: kneewise makes no request to any outside service
 * at run time, and this proves it for everything the suite exercises. Loopback (the local
 * PostgreSQL, servers started by tests) and Unix sockets stay allowed.
 */
import net from "node:net";
import dns from "node:dns";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

function assertLocal(host: unknown): void {
  if (host === undefined || host === null || host === "") return;
  if (typeof host === "string" && LOOPBACK.test(host)) return;
  throw new Error(`Outbound network call blocked in tests: ${typeof host === "string" ? host : JSON.stringify(host)}`);
}

type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket;
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with apply() below
const originalConnect = net.Socket.prototype.connect as unknown as Connect;
const guardedConnect: Connect = function (this: net.Socket, ...args: unknown[]) {
  // net.connect() passes its normalised arguments as one array: [options, callback].
  const first: unknown = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === "object" && first !== null) {
    const opts = first as { host?: unknown; path?: unknown };
    if (opts.path === undefined) assertLocal(opts.host ?? "localhost");
  } else if (typeof first === "number") {
    assertLocal(typeof args[1] === "string" ? args[1] : "localhost");
  }
  return originalConnect.apply(this, args);
};
net.Socket.prototype.connect = guardedConnect;

type Lookup = (hostname: string, ...rest: unknown[]) => unknown;
const originalLookup = dns.lookup as unknown as Lookup;
const guardedLookup: Lookup = (hostname, ...rest) => {
  assertLocal(hostname);
  return originalLookup.call(dns, hostname, ...rest);
};
dns.lookup = guardedLookup as unknown as typeof dns.lookup;

const originalFetch = globalThis.fetch;
globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  assertLocal(url.hostname.replace(/^\[|\]$/g, ""));
  return originalFetch(input, init);
};
