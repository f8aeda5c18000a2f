import type { FastifyInstance, FastifyRequest } from "fastify";
import type { CalendarTokenResponse, CalendarTokenStatus } from "../../contracts/plans.js";
import { DomainError } from "../../core/errors.js";
import {
  calendarFeed,
  calendarTokenState,
  revokeCalendarToken,
  rotateCalendarToken,
} from "../../services/plans/calendar.js";
import type { App } from "../../services/app.js";
import { requireUser } from "../auth-context.js";

function feedUrls(request: FastifyRequest, token: string): { url: string; webcal_url: string } {
  const path = `/calendar/${token}.ics`;
  return {
    url: `${request.protocol}://${request.host}${path}`,
    webcal_url: `webcal://${request.host}${path}`,
  };
}

export function calendarRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    // Creating a link again replaces it: the old URL stops working at once.
    server.post("/api/calendar/token", async (request, reply) => {
      const user = requireUser(request);
      const { token, created_at } = await rotateCalendarToken(app, user.id);
      return reply
        .status(201)
        .send({ ...feedUrls(request, token), created_at } satisfies CalendarTokenResponse);
    });

    server.get("/api/calendar/token", async (request): Promise<CalendarTokenStatus> => {
      const user = requireUser(request);
      return calendarTokenState(app, user.id);
    });

    server.delete("/api/calendar/token", async (request, reply) => {
      const user = requireUser(request);
      await revokeCalendarToken(app, user.id);
      return reply.status(204).send();
    });

    // Public on purpose: calendar apps fetch it without a cookie. The secret token is the key.
    server.get<{ Params: { file: string } }>("/calendar/:file", async (request, reply) => {
      const file = request.params.file;
      if (!file.endsWith(".ics")) throw new DomainError("CALENDAR_NOT_FOUND", "No calendar here.");
      const text = await calendarFeed(app, file.slice(0, -".ics".length));
      return (
        reply
          .type("text/calendar; charset=utf-8")
          // The feed is personal: no shared cache may keep it, and search engines must not list it.
          .header("cache-control", "private, no-store")
          .header("x-robots-tag", "noindex, nofollow")
          .send(text)
      );
    });
  };
}
