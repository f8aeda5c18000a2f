/**
 * Sharing over HTTP. The runner's side under /api/sharing (invite by email or link, list, change
 * access and the kinds of data shared, revoke, read notes about themselves); the coach's side of invitations under
 * /api/invites. Multi-user mode only.
 */
import type { FastifyInstance } from "fastify";
import { emailInviteBody, inviteTokenParams, linkInviteBody, shareChangeBody, shareIdParams } from "../../contracts/sharing.js";
import type {
  AthleteResponse,
  CoachInvitesResponse,
  LinkInvitePreview,
  LinkInviteResponse,
  NotesResponse,
  ShareResponse,
  SharingListResponse,
} from "../../contracts/sharing.js";
import { mailDelivery } from "../../services/account/mailer.js";
import type { MailSettings } from "../../services/account/mailer.js";
import type { App } from "../../services/app.js";
import { notesAboutMe } from "../../services/coaching/notes.js";
import {
  acceptEmailInvite,
  acceptLinkInvite,
  changeShare,
  declineEmailInvite,
  inviteByEmail,
  inviteByLink,
  listMyInvites,
  listMyShares,
  previewLinkInvite,
  revokeShare,
} from "../../services/coaching/sharing.js";
import { requireUser } from "../auth-context.js";

/** `mail` as for the account routes: without it, invitation emails go to this server's log. */
export function sharingRoutes(app: App, mail?: MailSettings) {
  return function register(server: FastifyInstance): void {
    const inviteMail = mailDelivery(mail, server.log, "an invitation email");
    // ------------------------------------------------------------ the runner's side
    server.get("/api/sharing", async (request): Promise<SharingListResponse> => {
      const user = requireUser(request);
      return { shares: await listMyShares(app, user.id) };
    });

    server.post("/api/sharing/invites/email", async (request, reply) => {
      const user = requireUser(request);
      const body = emailInviteBody.parse(request.body);
      const share = await inviteByEmail(app, user.id, body, inviteMail);
      return reply.status(201).send({ share } satisfies ShareResponse);
    });

    server.post("/api/sharing/invites/link", async (request, reply) => {
      const user = requireUser(request);
      const body = linkInviteBody.parse(request.body);
      const res: LinkInviteResponse = await inviteByLink(app, user.id, body.access, body.scopes);
      return reply.status(201).send(res);
    });

    // A static path: matched before /api/sharing/:id.
    server.get("/api/sharing/notes", async (request): Promise<NotesResponse> => {
      const user = requireUser(request);
      return { notes: await notesAboutMe(app, user.id) };
    });

    server.patch("/api/sharing/:id", async (request): Promise<ShareResponse> => {
      const user = requireUser(request);
      const { id } = shareIdParams.parse(request.params);
      const change = shareChangeBody.parse(request.body);
      return { share: await changeShare(app, user.id, id, change) };
    });

    server.delete("/api/sharing/:id", async (request): Promise<ShareResponse> => {
      const user = requireUser(request);
      const { id } = shareIdParams.parse(request.params);
      return { share: await revokeShare(app, user.id, id) };
    });

    // ------------------------------------------------------------ the coach's side
    server.get("/api/invites", async (request): Promise<CoachInvitesResponse> => {
      const user = requireUser(request);
      return { invites: await listMyInvites(app, user.id) };
    });

    server.post("/api/invites/:id/accept", async (request): Promise<AthleteResponse> => {
      const user = requireUser(request);
      const { id } = shareIdParams.parse(request.params);
      return { athlete: await acceptEmailInvite(app, user.id, id) };
    });

    server.post("/api/invites/:id/decline", async (request, reply) => {
      const user = requireUser(request);
      const { id } = shareIdParams.parse(request.params);
      await declineEmailInvite(app, user.id, id);
      return reply.code(204).send();
    });

    server.get("/api/invites/link/:token", async (request): Promise<LinkInvitePreview> => {
      const user = requireUser(request);
      const { token } = inviteTokenParams.parse(request.params);
      return previewLinkInvite(app, user.id, token);
    });

    server.post("/api/invites/link/:token/accept", async (request): Promise<AthleteResponse> => {
      const user = requireUser(request);
      const { token } = inviteTokenParams.parse(request.params);
      return { athlete: await acceptLinkInvite(app, user.id, token) };
    });
  };
}
