import type { FastifyInstance } from "fastify";
import { changeEmailBody, changePasswordBody, deleteAccountBody, passwordResetConfirmBody, passwordResetRequestBody } from "../../contracts/account.js";
import type { DeleteAccountResponse, PasswordResetRequestResponse } from "../../contracts/account.js";
import type { MeResponse } from "../../contracts/auth.js";
import type { App } from "../../services/app.js";
import { deleteAccount } from "../../services/account/deletion.js";
import { exportAccount, exportFileName } from "../../services/account/export.js";
import { mailDelivery } from "../../services/account/mailer.js";
import type { MailSettings } from "../../services/account/mailer.js";
import { changePassword, confirmPasswordReset, requestPasswordReset, RESET_REQUESTED_MESSAGE } from "../../services/account/password.js";
import { changeEmail, resendVerification } from "../../services/account/verification.js";
import { clearSessionCookie, DEVICE_COOKIE, requireUser, setDeviceCookie, setSessionCookie } from "../auth-context.js";

/**
 * The account's own security and data: password change and reset, export, deletion.
 * `mail` comes from the environment (serve.ts); without it reset links go to this server's log.
 */
export function accountRoutes(app: App, mail?: MailSettings) {
  return function register(server: FastifyInstance): void {
    const resetDeps = mailDelivery(mail, server.log, "a password-reset email");
    const verifyMail = mailDelivery(mail, server.log, "an address-verification email");

    server.post("/api/auth/password-reset", async (request, reply) => {
      const { email } = passwordResetRequestBody.parse(request.body);
      await requestPasswordReset(app, resetDeps, email, { ip: request.ip });
      return reply.status(202).send({ message: RESET_REQUESTED_MESSAGE } satisfies PasswordResetRequestResponse);
    });

    server.post("/api/auth/password-reset/confirm", async (request, reply) => {
      const { token, password } = passwordResetConfirmBody.parse(request.body);
      // The link proved the owner: this browser gets through the failed-sign-in limits from now on.
      const { deviceToken } = await confirmPasswordReset(app, token, password, { deviceToken: request.cookies[DEVICE_COOKIE] });
      setDeviceCookie(request, reply, deviceToken);
      return reply.status(204).send();
    });

    // A new link for the signed-in account's address (accounts from before verification, or
    // after an address change).
    server.post("/api/account/email/verification", async (request, reply) => {
      const user = requireUser(request);
      await resendVerification(app, verifyMail, user.id);
      return reply.status(202).send({ message: `A link to confirm ${user.email} is on its way. It works once, for 24 hours.` });
    });

    server.put("/api/account/email", async (request) => {
      const user = requireUser(request);
      const input = changeEmailBody.parse(request.body);
      return { user: await changeEmail(app, verifyMail, user.id, input), mode: app.mode } satisfies MeResponse;
    });

    server.post("/api/account/password", async (request, reply) => {
      const user = requireUser(request);
      const input = changePasswordBody.parse(request.body);
      const grant = await changePassword(app, user.id, input);
      // The old cookie's session is gone with all the others: this one replaces it.
      setSessionCookie(request, reply, grant.token, grant.expiresAt);
      return { user: grant.user, mode: app.mode } satisfies MeResponse;
    });

    server.get("/api/account/export", (request, reply) => {
      const user = requireUser(request);
      const stream = exportAccount(app, user.id);
      stream.on("error", (err) => request.log.error({ err }, "the account export stopped part-way"));
      return reply
        .header("content-type", "application/zip")
        .header("content-disposition", `attachment; filename="${exportFileName(app)}"`)
        .header("cache-control", "no-store")
        .send(stream);
    });

    server.delete("/api/account", async (request, reply) => {
      const user = requireUser(request);
      const input = deleteAccountBody.parse(request.body ?? {});
      const result = await deleteAccount(app, user.id, input);
      if (!result.accountKept) clearSessionCookie(request, reply);
      return result satisfies DeleteAccountResponse;
    });
  };
}
