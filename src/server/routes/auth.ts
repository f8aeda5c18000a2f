import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { loginBody, signupBody, verifyEmailBody } from "../../contracts/auth.js";
import type { MeResponse, SignupResponse, VerifyEmailResponse } from "../../contracts/auth.js";
import { DEVICE_TTL_MS, logIn, logOut } from "../../services/auth.js";
import type { App } from "../../services/app.js";
import { mailDelivery } from "../../services/account/mailer.js";
import type { MailSettings } from "../../services/account/mailer.js";
import { confirmEmail, requestSignUp, SIGNUP_REQUESTED_MESSAGE } from "../../services/account/verification.js";
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from "../auth-context.js";

/**
 * The browser's device cookie: set at each sign-in (and by a password reset), it marks the
 * browser as known to the accounts it signed in to, so failed sign-ins by strangers do not lock
 * it out (services/auth.ts, LOGIN_RULES). Sent only to the sign-in routes.
 */
export const DEVICE_COOKIE = "kw_device";

export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: request.protocol === "https",
    path: "/api/auth",
    maxAge: Math.floor(DEVICE_TTL_MS / 1000),
  });
}

/** `mail` as for the account routes: without it, sign-up links go to this server's log. */
export function authRoutes(app: App, mail?: MailSettings) {
  return function register(server: FastifyInstance): void {
    const signupMail = mailDelivery(mail, server.log, "a sign-up email");

    // The same 202 whether or not the address has an account: the email says which (issue 19).
    server.post("/api/auth/signup", async (request, reply) => {
      const input = signupBody.parse(request.body);
      await requestSignUp(app, signupMail, input, { ip: request.ip });
      return reply.status(202).send({ message: SIGNUP_REQUESTED_MESSAGE } satisfies SignupResponse);
    });

    // Opening an emailed link: a waiting sign-up becomes an account and this browser signs in to
    // it; an existing account's address becomes verified.
    server.post("/api/auth/verify-email", async (request, reply) => {
      const { token } = verifyEmailBody.parse(request.body);
      const done = await confirmEmail(app, token);
      if (done.kind === "address") return { verified: "address", email: done.user.email } satisfies VerifyEmailResponse;
      const old = request.cookies[SESSION_COOKIE];
      if (old) await logOut(app, old);
      setSessionCookie(request, reply, done.grant.token, done.grant.expiresAt);
      return { verified: "signup", email: done.grant.user.email } satisfies VerifyEmailResponse;
    });

    server.post("/api/auth/login", async (request, reply) => {
      const input = loginBody.parse(request.body);
      const old = request.cookies[SESSION_COOKIE];
      const grant = await logIn(app, input, { ip: request.ip, deviceToken: request.cookies[DEVICE_COOKIE] });
      // Rotate: a session id that existed before login never becomes an authenticated one.
      if (old) await logOut(app, old);
      setSessionCookie(request, reply, grant.token, grant.expiresAt);
      setDeviceCookie(request, reply, grant.deviceToken);
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
