/** Test factories for the sharing, athlete and admin route suites: people with roles, shares. */
import type { FastifyInstance } from "fastify";
import { signUpCookies } from "../../../test/app.js";

export type Cookies = Record<string, string>;

export function client(server: FastifyInstance, cookies: Cookies = {}) {
  return {
    cookies,
    get: (url: string) => server.inject({ method: "GET", url, cookies }),
    post: (url: string, payload: object = {}) => server.inject({ method: "POST", url, cookies, payload }),
    put: (url: string, payload: object) => server.inject({ method: "PUT", url, cookies, payload }),
    patch: (url: string, payload: object) => server.inject({ method: "PATCH", url, cookies, payload }),
    del: (url: string) => server.inject({ method: "DELETE", url, cookies }),
  };
}
export type Client = ReturnType<typeof client> & { id: string };

/** Signs a person up (a runner; a coach when asked) and returns a client knowing their id. */
export async function person(server: FastifyInstance, email: string, role: "runner" | "coach" = "runner"): Promise<Client> {
  const c = client(server, await signUpCookies(server, email));
  const id = (await c.get("/api/me")).json<{ user: { id: string } }>().user.id;
  if (role === "coach") {
    const res = await c.put("/api/me/role", { role: "coach" });
    if (res.statusCode !== 200) throw new Error(`role change of ${email} answered ${res.statusCode}: ${res.body}`);
  }
  return { ...c, id };
}

/** The runner invites the coach by email and the coach accepts: a live share. Returns its id. */
/**
 * The people of the sharing tests, signed up in this order: a first account (a runner: signing
 * up makes no admin), two runners (ada, bea) and two coaches (cole, dee).
 */
export async function cast(server: FastifyInstance): Promise<{ ada: Client; bea: Client; cole: Client; dee: Client }> {
  await person(server, "admin@example.org");
  return {
    ada: await person(server, "ada@example.org"),
    bea: await person(server, "bea@example.org"),
    cole: await person(server, "cole@example.org", "coach"),
    dee: await person(server, "dee@example.org", "coach"),
  };
}

export async function share(runner: Client, coach: Client, coachEmail: string, access: "read" | "notes" = "read"): Promise<string> {
  const invite = await runner.post("/api/sharing/invites/email", { email: coachEmail, access });
  if (invite.statusCode !== 201) throw new Error(`invite answered ${invite.statusCode}: ${invite.body}`);
  const id = invite.json<{ share: { id: string } }>().share.id;
  const accepted = await coach.post(`/api/invites/${id}/accept`);
  if (accepted.statusCode !== 200) throw new Error(`accept answered ${accepted.statusCode}: ${accepted.body}`);
  return id;
}
