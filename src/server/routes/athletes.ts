/**
 * A coach's view of the athletes who share their data: the roster, and each athlete's report and
 * shoes, activities, pain status and diary, check-ins, exercise sessions and assessments from the
 * same services the runner's own pages use. Each read checks in the database, on every request,
 * that the share is live (without one the athlete is not found, exactly like an id that does not
 * exist) and that it holds that kind of data (403 SCOPE_NOT_SHARED otherwise).
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ActivityDetail, ActivityListResponse } from "../../contracts/activities.js";
import type { AssessmentListResponse } from "../../contracts/assessments.js";
import type { AthletePainStatusResponse, PainListResponse } from "../../contracts/pain.js";
import { painListQuery, painStatusQuery } from "../../contracts/pain.js";
import { programmeSessionListQuery } from "../../contracts/programmes.js";
import type { ProgrammeSessionListResponse } from "../../contracts/programmes.js";
import { athleteActivityParams, athleteNoteParams, athleteParams, noteBody } from "../../contracts/sharing.js";
import type { AthleteResponse, NoteResponse, NotesResponse, RosterResponse } from "../../contracts/sharing.js";
import { checkinListQuery, reportQuery } from "../../contracts/training.js";
import type { CheckinListResponse, ReportResponse, ShoeListResponse } from "../../contracts/training.js";
import type { App } from "../../services/app.js";
import {
  athleteActivities,
  athleteActivity,
  athleteAssessments,
  athleteCheckins,
  athletePainDiary,
  athletePainStatus,
  athleteProgrammeSessions,
  athleteReport,
  athleteShoes,
} from "../../services/coaching/athlete-data.js";
import type { AthleteRead } from "../../services/coaching/athlete-data.js";
import { addCoachNote, deleteCoachNote, listCoachNotes } from "../../services/coaching/notes.js";
import { coachRoster } from "../../services/coaching/roster.js";
import { athleteForCoach, leaveShare } from "../../services/coaching/sharing.js";
import { requireUser } from "../auth-context.js";
import { listActivityPage } from "./activities.js";

const asOfQuery = z.object({ asOf: reportQuery.shape.asOf }).strict();

export function athleteRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    /** Who asks about whom; each service checks the share and its kind of data. */
    function reader(request: Parameters<typeof requireUser>[0]): AthleteRead {
      const coach = requireUser(request);
      const { athleteId } = athleteParams.parse(request.params);
      return { coachId: coach.id, athleteId };
    }

    server.get("/api/athletes", async (request): Promise<RosterResponse> => {
      const user = requireUser(request);
      return { athletes: await coachRoster(app, user.id) };
    });

    server.get("/api/athletes/:athleteId", async (request): Promise<AthleteResponse> => {
      const coach = requireUser(request);
      const { athleteId } = athleteParams.parse(request.params);
      return { athlete: await athleteForCoach(app, coach.id, athleteId) };
    });

    // ------------------------------------------------------------ "training"
    server.get("/api/athletes/:athleteId/report", async (request): Promise<ReportResponse> => {
      const who = reader(request);
      const q = reportQuery.parse(request.query);
      return athleteReport(app, who, q);
    });

    server.get("/api/athletes/:athleteId/shoes", async (request): Promise<ShoeListResponse> => {
      const who = reader(request);
      return athleteShoes(app, who, asOfQuery.parse(request.query).asOf);
    });

    // ------------------------------------------------------------ "activities"
    server.get("/api/athletes/:athleteId/activities", async (request): Promise<ActivityListResponse> => {
      const who = reader(request);
      return listActivityPage(request.query, (query) => athleteActivities(app, who, query));
    });

    server.get("/api/athletes/:athleteId/activities/:activityId", async (request): Promise<ActivityDetail> => {
      const coach = requireUser(request);
      const { athleteId, activityId } = athleteActivityParams.parse(request.params);
      return athleteActivity(app, { coachId: coach.id, athleteId }, activityId);
    });

    // ------------------------------------------------------------ "pain" and "diary"
    server.get("/api/athletes/:athleteId/pain/status", async (request): Promise<AthletePainStatusResponse> => {
      const who = reader(request);
      return athletePainStatus(app, who, painStatusQuery.parse(request.query));
    });

    server.get("/api/athletes/:athleteId/pain", async (request): Promise<PainListResponse> => {
      const who = reader(request);
      return { entries: await athletePainDiary(app, who, painListQuery.parse(request.query)) };
    });

    // ------------------------------------------------------------ "checkins", "programmes", "assessments"
    server.get("/api/athletes/:athleteId/checkins", async (request): Promise<CheckinListResponse> => {
      const who = reader(request);
      return athleteCheckins(app, who, checkinListQuery.parse(request.query));
    });

    server.get("/api/athletes/:athleteId/programme-sessions", async (request): Promise<ProgrammeSessionListResponse> => {
      const who = reader(request);
      return { sessions: await athleteProgrammeSessions(app, who, programmeSessionListQuery.parse(request.query)) };
    });

    server.get("/api/athletes/:athleteId/assessments", async (request): Promise<AssessmentListResponse> => {
      const who = reader(request);
      return { assessments: await athleteAssessments(app, who) };
    });

    // ------------------------------------------------------------ notes ("notes" access only)
    server.get("/api/athletes/:athleteId/notes", async (request): Promise<NotesResponse> => {
      const coach = requireUser(request);
      const { athleteId } = athleteParams.parse(request.params);
      return { notes: await listCoachNotes(app, coach.id, athleteId) };
    });

    server.post("/api/athletes/:athleteId/notes", async (request, reply) => {
      const coach = requireUser(request);
      const { athleteId } = athleteParams.parse(request.params);
      const { body } = noteBody.parse(request.body);
      const note = await addCoachNote(app, coach.id, athleteId, body);
      return reply.status(201).send({ note } satisfies NoteResponse);
    });

    server.delete("/api/athletes/:athleteId/notes/:noteId", async (request, reply) => {
      const coach = requireUser(request);
      const { athleteId, noteId } = athleteNoteParams.parse(request.params);
      await deleteCoachNote(app, coach.id, athleteId, noteId);
      return reply.status(204).send();
    });

    // The coach leaves: they stop seeing the athlete at once.
    server.delete("/api/athletes/:athleteId/share", async (request, reply) => {
      const coach = requireUser(request);
      const { athleteId } = athleteParams.parse(request.params);
      await leaveShare(app, coach.id, athleteId);
      return reply.status(204).send();
    });
  };
}
