/**
 * A coach's view of the athletes who share their data: the roster, and each athlete's report,
 * pain status, assessments and shoes from the same services the runner's own pages use, each
 * after a consent check in the database on every request. Without a live share an athlete is
 * not found, exactly like an id that does not exist.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AssessmentListResponse } from "../../contracts/assessments.js";
import type { PainStatusResponse } from "../../contracts/pain.js";
import { painStatusQuery } from "../../contracts/pain.js";
import { athleteNoteParams, athleteParams, noteBody } from "../../contracts/sharing.js";
import type { AthleteResponse, NoteResponse, NotesResponse, RosterResponse } from "../../contracts/sharing.js";
import { reportQuery } from "../../contracts/training.js";
import type { ReportResponse, ShoeListResponse } from "../../contracts/training.js";
import type { App } from "../../services/app.js";
import { listAssessmentHistory } from "../../services/assessments.js";
import { addCoachNote, deleteCoachNote, listCoachNotes } from "../../services/coaching/notes.js";
import { coachRoster } from "../../services/coaching/roster.js";
import { athleteForCoach, leaveShare } from "../../services/coaching/sharing.js";
import { painStatusFor } from "../../services/pain.js";
import { listShoes } from "../../services/shoes.js";
import { trainingReport } from "../../services/training-report.js";
import { requireUser } from "../auth-context.js";

const asOfQuery = z.object({ asOf: reportQuery.shape.asOf }).strict();

export function athleteRoutes(app: App) {
  return function register(server: FastifyInstance): void {
    /** The consent check: the coach and the athlete's id, or ATHLETE_NOT_FOUND. */
    async function consented(request: Parameters<typeof requireUser>[0]): Promise<{ coachId: string; athleteId: string }> {
      const coach = requireUser(request);
      const { athleteId } = athleteParams.parse(request.params);
      await athleteForCoach(app, coach.id, athleteId);
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

    server.get("/api/athletes/:athleteId/report", async (request): Promise<ReportResponse> => {
      const { athleteId, coachId } = await consented(request);
      const q = reportQuery.parse(request.query);
      // Builds count against the coach's own budget, as the runner's own reads count against theirs.
      return trainingReport(app, athleteId, { asOf: q.asOf, weeks: q.weeks, budgetFor: coachId });
    });

    server.get("/api/athletes/:athleteId/pain/status", async (request): Promise<PainStatusResponse> => {
      const { athleteId } = await consented(request);
      const q = painStatusQuery.parse(request.query);
      return painStatusFor(app, athleteId, q.asOf);
    });

    server.get("/api/athletes/:athleteId/assessments", async (request): Promise<AssessmentListResponse> => {
      const { athleteId } = await consented(request);
      return { assessments: await listAssessmentHistory(app, athleteId) };
    });

    server.get("/api/athletes/:athleteId/shoes", async (request): Promise<ShoeListResponse> => {
      const { athleteId } = await consented(request);
      const q = asOfQuery.parse(request.query);
      return listShoes(app, athleteId, q.asOf);
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
