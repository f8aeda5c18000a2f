import { randomUUID } from "node:crypto";
import type { ZodType } from "zod";
import type { ContentCatalogue, Programme } from "../core/content/catalogue.js";
import { exerciseFigure, exerciseFigureUrls } from "../core/content/figures/exercise-figures.js";
import { exerciseUrl } from "../core/content/site-urls.js";
import { DomainError } from "../core/errors.js";
import { programmeSessionBody, programmeSessionListQuery } from "../contracts/programmes.js";
import type { DoneExercise, ProgrammeResponse, ProgrammeSessionView, ProgrammeView } from "../contracts/programmes.js";
import { programmeSessions } from "../store/index.js";
import type { ProgrammeSessionRow } from "../store/index.js";
import type { App } from "./app.js";
import { latestLocalDate } from "./pain.js";

/** The part of the content catalogue the programme pages need. */
export type ProgrammeContent = Pick<ContentCatalogue, "programmes" | "exercises">;

function invalid(path: string, message: string): DomainError {
  return new DomainError("VALIDATION_FAILED", "Some fields are not valid.", { fields: [{ path, message }] });
}

function validated<T>(schema: ZodType<T>, value: unknown): T {
  const res = schema.safeParse(value);
  if (res.success) return res.data;
  const fields = res.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
  throw new DomainError("VALIDATION_FAILED", "Some fields are not valid.", { fields });
}

function findProgramme(content: ProgrammeContent, slug: string): Programme | undefined {
  return content.programmes.find((p) => p.slug === slug);
}

function figureOf(slug: string): { figure?: { url: string; stillUrl: string; alt: string } } {
  const fig = exerciseFigure(slug);
  return fig ? { figure: { ...exerciseFigureUrls(slug), alt: fig.alt } } : {};
}

export function programmeView(content: ProgrammeContent, slug: string): ProgrammeView {
  const p = findProgramme(content, slug);
  if (!p) throw new DomainError("PROGRAMME_NOT_FOUND", `There is no programme called "${slug}".`);
  return {
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    condition: p.condition,
    sources: p.sources,
    updated: p.updated,
    url: exerciseUrl(p.slug),
    stages: p.stages.map((s, i) => ({
      number: i + 1,
      name: s.name,
      weeks: s.weeks,
      goal: s.goal,
      progressWhen: s.progressWhen,
      exercises: s.exercises.map((slug) => {
        const x = content.exercises.find((e) => e.slug === slug);
        // The catalogue refuses programmes naming unknown exercises, so x is there; stay readable if not.
        return {
          slug,
          title: x?.title ?? slug,
          summary: x?.summary ?? "",
          kind: x?.kind ?? "strength",
          dose: {
            sets: x?.dose.sets ?? 0,
            reps: x?.dose.reps ?? null,
            holdSeconds: x?.dose.holdSeconds ?? null,
            perWeek: x?.dose.perWeek ?? 0,
            eachSide: x?.dose.eachSide ?? false,
          },
          url: exerciseUrl(slug),
          ...figureOf(slug),
        };
      }),
    })),
  };
}

function sessionView(row: ProgrammeSessionRow): ProgrammeSessionView {
  const parsed: unknown = JSON.parse(row.exercises_json);
  return {
    id: row.id,
    programmeSlug: row.programme_slug,
    stage: row.stage,
    date: row.date,
    exercises: Array.isArray(parsed) ? (parsed as DoneExercise[]) : [],
    painDuring: row.pain_during,
    notes: row.notes,
    createdAt: row.created_at,
  };
}

/** Records a session done: the programme must exist, and the stage and exercises must be its own. */
export async function logProgrammeSession(app: App, userId: string, content: ProgrammeContent, body: unknown): Promise<ProgrammeSessionView> {
  const input = validated(programmeSessionBody, body);
  const p = findProgramme(content, input.programmeSlug);
  if (!p) throw invalid("programmeSlug", `There is no programme called "${input.programmeSlug}".`);
  if (input.stage > p.stages.length) throw invalid("stage", `This programme has ${p.stages.length} stages.`);
  if (input.date > latestLocalDate(app.now())) throw invalid("date", "That date has not happened yet.");
  const known = new Set(p.stages.flatMap((s) => s.exercises));
  input.exercises.forEach((x, i) => {
    if (!known.has(x.slug)) throw invalid(`exercises.${i}.slug`, `"${x.slug}" is not part of this programme.`);
  });
  const row = await programmeSessions.insertProgrammeSession(app.database.db, {
    id: randomUUID(),
    user_id: userId,
    programme_slug: p.slug,
    stage: input.stage,
    date: input.date,
    exercises_json: JSON.stringify(input.exercises),
    pain_during: input.painDuring,
    notes: input.notes,
    created_at: app.now().toISOString(),
  });
  return sessionView(row);
}

export async function listProgrammeSessions(app: App, userId: string, query: unknown = {}): Promise<ProgrammeSessionView[]> {
  const q = validated(programmeSessionListQuery, query);
  const rows = await programmeSessions.listProgrammeSessions(app.database.db, userId, q.programme);
  return rows.map(sessionView);
}

export async function deleteProgrammeSession(app: App, userId: string, id: string): Promise<void> {
  const gone = await programmeSessions.deleteProgrammeSession(app.database.db, userId, id);
  if (!gone) throw new DomainError("PROGRAMME_SESSION_NOT_FOUND", "That session is not in your log.");
}

/** The programme with the runner's log of it; the current stage is the latest logged session's. */
export async function programmeWithLog(app: App, userId: string, content: ProgrammeContent, slug: string): Promise<ProgrammeResponse> {
  const programme = programmeView(content, slug);
  const sessions = (await programmeSessions.listProgrammeSessions(app.database.db, userId, slug)).map(sessionView);
  const latest = sessions[0];
  const currentStage = latest === undefined ? 1 : Math.min(latest.stage, programme.stages.length);
  return { programme, currentStage, sessions };
}
