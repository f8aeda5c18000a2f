import type { FastifyInstance } from "fastify";
import { loginBody, signupBody } from "../../contracts/auth.js";
import type { MeResponse } from "../../contracts/auth.js";
import { logIn, logOut, signUp } from "../../services/auth.js";
import type { App } from "../../services/app.js";
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from "../auth-context.js";

export function authRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.post("/api/auth/signup", async (request, reply) => {
      const input = signupBody.parse(request.body);
      await signUp(app, input);
      // Signing up signs you in: one step fewer for a new runner.
      const grant = await logIn(app, { email: input.email, password: input.password });
      setSessionCookie(request, reply, grant.token, grant.expiresAt);
      return reply.status(201).send({ user: grant.user, mode: app.mode } satisfies MeResponse);
    });

    server.post("/api/auth/login", async (request, reply) => {
      const input = loginBody.parse(request.body);
      const old = request.cookies[SESSION_COOKIE];
      const grant = await logIn(app, input, { ip: request.ip });
      // Rotate: a session id that existed before login never becomes an authenticated one.
      if (old) await logOut(app, old);
      setSessionCookie(request, reply, grant.token, grant.expiresAt);
      return { user: grant.user, mode: app.mode } satisfies MeResponse;
    });

    server.post("/api/auth/logout", async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logOut(app, token);
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    });

    server.get("/api/me", (request): MeResponse => ({ user: request.user, mode: app.mode }));
  };
}
