import type { FastifyInstance } from "fastify";
import { activityListQuery, activityMergeBody, activityUpdateBody, importOrActivityIdParam } from "../../contracts/activities.js";
import type { ActivityDetail, ActivityListResponse, ActivitySummary } from "../../contracts/activities.js";
import { correctActivity, mergeActivities } from "../../services/activity-corrections.js";
import { deleteActivity, getActivity, listActivities, restoreActivity } from "../../services/import/index.js";
import type { App } from "../../services/app.js";
import { requireUser } from "../auth-context.js";

/** A date alone means a whole UTC day; `to` then includes that day. */
function bound(value: string | undefined, inclusiveDay: boolean): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > 10) return new Date(value).toISOString();
  const ms = Date.parse(`${value}T00:00:00.000Z`) + (inclusiveDay ? 86_400_000 : 0);
  return new Date(ms).toISOString();
}

type ListQuery = Parameters<typeof listActivities>[2];

/**
 * A page of activities for GET /api/activities and a coach's read of an athlete's: the query
 * checked, its dates as whole UTC days, the page answered with its limit and offset.
 */
export async function listActivityPage(
  rawQuery: unknown,
  list: (query: ListQuery) => Promise<Omit<ActivityListResponse, "limit" | "offset">>,
): Promise<ActivityListResponse> {
  const q = activityListQuery.parse(rawQuery);
  const page = await list({
    sports: q.sport,
    fromUtc: bound(q.from, false),
    toUtc: bound(q.to, true),
    sort: q.sort,
    dir: q.dir,
    limit: q.limit,
    offset: q.offset,
  });
  return { ...page, limit: q.limit, offset: q.offset };
}

export function activityRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.get("/api/activities", async (request): Promise<ActivityListResponse> => {
      const user = requireUser(request);
      return listActivityPage(request.query, (query) => listActivities(app, user.id, query));
    });

    server.get("/api/activities/:id", async (request): Promise<ActivityDetail> => {
      const user = requireUser(request);
      const { id } = importOrActivityIdParam.parse(request.params);
      return getActivity(app, user.id, id);
    });

    // Any of the runner's own activities, imported ones included (a run dated 0050 by a watch
    // without a clock must be removable); another runner's is not found.
    server.delete("/api/activities/:id", async (request, reply) => {
      const user = requireUser(request);
      const { id } = importOrActivityIdParam.parse(request.params);
      await deleteActivity(app, user.id, id);
      return reply.status(204).send();
    });

    // The undo of a delete, for a few minutes after it (ACTIVITY_UNDO_WINDOW_S).
    server.post("/api/activities/:id/restore", async (request): Promise<ActivitySummary> => {
      const user = requireUser(request);
      const { id } = importOrActivityIdParam.parse(request.params);
      return restoreActivity(app, user.id, id);
    });

    // The runner's corrections: sport, name, pair, surface, left out of the training load.
    server.patch("/api/activities/:id", async (request): Promise<ActivitySummary> => {
      const user = requireUser(request);
      const { id } = importOrActivityIdParam.parse(request.params);
      return correctActivity(app, user.id, id, activityUpdateBody.parse(request.body));
    });

    // Two records of one run: :id stays, otherId is folded into it and goes.
    server.post("/api/activities/:id/merge", async (request): Promise<ActivitySummary> => {
      const user = requireUser(request);
      const { id } = importOrActivityIdParam.parse(request.params);
      const { otherId } = activityMergeBody.parse(request.body);
      return mergeActivities(app, user.id, id, otherId);
    });
  };
}
