import type { FastifyInstance } from "fastify";
import { activityListQuery, importOrActivityIdParam } from "../../contracts/activities.js";
import type { ActivityDetail, ActivityListResponse } from "../../contracts/activities.js";
import { getActivity, listActivities } from "../../services/import/index.js";
import type { App } from "../../services/app.js";
import { requireUser } from "../auth-context.js";

/** A date alone means a whole UTC day; `to` then includes that day. */
function bound(value: string | undefined, inclusiveDay: boolean): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > 10) return new Date(value).toISOString();
  const ms = Date.parse(`${value}T00:00:00.000Z`) + (inclusiveDay ? 86_400_000 : 0);
  return new Date(ms).toISOString();
}

export function activityRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    server.get("/api/activities", async (request): Promise<ActivityListResponse> => {
      const user = requireUser(request);
      const q = activityListQuery.parse(request.query);
      const page = await listActivities(app, user.id, {
        sports: q.sport,
        fromUtc: bound(q.from, false),
        toUtc: bound(q.to, true),
        sort: q.sort,
        dir: q.dir,
        limit: q.limit,
        offset: q.offset,
      });
      return { ...page, limit: q.limit, offset: q.offset };
    });

    server.get("/api/activities/:id", async (request): Promise<ActivityDetail> => {
      const user = requireUser(request);
      const { id } = importOrActivityIdParam.parse(request.params);
      return getActivity(app, user.id, id);
    });
  };
}
