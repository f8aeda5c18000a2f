import type { FastifyInstance } from "fastify";
import {
  articleSlugParams,
  banUserBody,
  commentIdParams,
  commentPageQuery,
  editCommentBody,
  moderateCommentBody,
  moderatedUserParams,
  postCommentBody,
  reportCommentBody,
} from "../../contracts/community.js";
import {
  banUser,
  deleteComment,
  editComment,
  listRecent,
  listThread,
  moderateComment,
  moderationQueue,
  postComment,
  reportComment,
  unbanUser,
} from "../../services/community/index.js";
import type { App } from "../../services/app.js";
import { requireUser } from "../auth-context.js";

/**
 * Comments under articles, reports and moderation. Reading a thread needs no account (the
 * articles are public); everything else does. Someone else's comment answers 404 to edits and
 * deletes; moderation endpoints answer 403 to people without the role.
 */
export function communityRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.get("/api/community/recent", async (request) => {
      const { page } = commentPageQuery.parse(request.query);
      return listRecent(app, request.user?.id ?? null, page);
    });

    server.get("/api/articles/:slug/comments", async (request) => {
      const { slug } = articleSlugParams.parse(request.params);
      const { page } = commentPageQuery.parse(request.query);
      return listThread(app, request.user?.id ?? null, slug, page);
    });

    server.post("/api/articles/:slug/comments", async (request, reply) => {
      const user = requireUser(request);
      const { slug } = articleSlugParams.parse(request.params);
      const input = postCommentBody.parse(request.body);
      const result = await postComment(app, user.id, slug, input);
      return reply.status(result.state === "visible" ? 201 : 202).send(result);
    });

    server.patch("/api/comments/:id", async (request) => {
      const user = requireUser(request);
      const { id } = commentIdParams.parse(request.params);
      const { body } = editCommentBody.parse(request.body);
      return { comment: await editComment(app, user.id, id, body) };
    });

    server.delete("/api/comments/:id", async (request, reply) => {
      const user = requireUser(request);
      const { id } = commentIdParams.parse(request.params);
      await deleteComment(app, user.id, id);
      return reply.status(204).send();
    });

    server.post("/api/comments/:id/report", async (request, reply) => {
      const user = requireUser(request);
      const { id } = commentIdParams.parse(request.params);
      const { reason } = reportCommentBody.parse(request.body);
      await reportComment(app, user.id, id, reason);
      return reply.status(202).send({ reported: true });
    });

    server.get("/api/moderation/queue", async (request) => {
      const user = requireUser(request);
      const { page } = commentPageQuery.parse(request.query);
      return moderationQueue(app, user.id, page);
    });

    server.post("/api/moderation/comments/:id", async (request) => {
      const user = requireUser(request);
      const { id } = commentIdParams.parse(request.params);
      const { action } = moderateCommentBody.parse(request.body);
      return { comment: await moderateComment(app, user.id, id, action) };
    });

    server.post("/api/moderation/users/:id/ban", async (request) => {
      const user = requireUser(request);
      const { id } = moderatedUserParams.parse(request.params);
      const input = banUserBody.parse(request.body);
      return banUser(app, user.id, id, input);
    });

    server.delete("/api/moderation/users/:id/ban", async (request) => {
      const user = requireUser(request);
      const { id } = moderatedUserParams.parse(request.params);
      return unbanUser(app, user.id, id);
    });
  };
}
