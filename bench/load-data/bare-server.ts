/**
 * The yardstick of `npm run bench:load`: a bare Fastify process with one JSON route that returns
 * a static object (a sample of the dashboard's own answer, so the bytes on the wire match).
 * Usage: tsx bench/load-data/bare-server.ts PORT BODY_FILE
 */
import { readFileSync } from "node:fs";
import Fastify from "fastify";

const [port, bodyFile] = process.argv.slice(2);
if (port === undefined || bodyFile === undefined)
  throw new Error("usage: bare-server.ts PORT BODY_FILE");
const body = JSON.parse(readFileSync(bodyFile, "utf8")) as unknown;
const server = Fastify({ logger: false });
server.get("/bare", (_request, reply) => reply.send(body));
await server.listen({ port: Number(port), host: "127.0.0.1" });
process.stderr.write(`bare fastify on ${port}\n`);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
