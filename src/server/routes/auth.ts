import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { loginBody, signupBody, verifyEmailBody } from "../../contracts/auth.js";
import type { MeResponse, SignupResponse, VerifyEmailResponse } from "../../contracts/auth.js";
import { logIn, logOut } from "../../services/auth.js";
import type { SessionGrant } from "../../services/auth.js";
import type { App } from "../../services/app.js";
import { mailDelivery } from "../../services/account/mailer.js";
import type { MailSettings } from "../../services/account/mailer.js";
import { confirmEmail, requestSignUp, SIGNUP_REQUESTED_MESSAGE } from "../../services/account/verification.js";
import { clearSessionCookie, DEVICE_COOKIE, SESSION_COOKIE, setDeviceCookie, setSessionCookie } from "../auth-context.js";

/**
 * Signs this browser in to a new session. Rotating: a session id the browser held before never
 * becomes an authenticated one, so its old session (if any) ends.
 */
async function startBrowserSession(app: App, request: FastifyRequest, reply: FastifyReply, grant: SessionGrant): Promise<void> {
  const old = request.cookies[SESSION_COOKIE];
  if (old) await logOut(app, old);
  setSessionCookie(request, reply, grant.token, grant.expiresAt);
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
      await startBrowserSession(app, request, reply, done.grant);
      return { verified: "signup", email: done.grant.user.email } satisfies VerifyEmailResponse;
    });

    server.post("/api/auth/login", async (request, reply) => {
      const input = loginBody.parse(request.body);
      const grant = await logIn(app, input, { ip: request.ip, deviceToken: request.cookies[DEVICE_COOKIE] });
      await startBrowserSession(app, request, reply, grant);
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
