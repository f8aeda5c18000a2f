/**
 * Exercise programmes over HTTP: a programme as the web shows and prints it, and the log of
 * sessions a runner has done.
 */
import { z } from "zod";

export const PROGRAMME_NOTES_MAX = 2000;
export const PROGRAMME_SESSION_EXERCISES_MAX = 30;

const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const slug = z.string({ error: "Give a slug." }).max(100).regex(SLUG_RE, "Use the lowercase-with-hyphens name, e.g. patellofemoral-pain.");

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const programmeDate = z
  .string({ error: "Give a date as YYYY-MM-DD." })
  .refine((s) => DATE_RE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, "Give a real date as YYYY-MM-DD.");

const count = (max: number, what: string) =>
  z.number({ error: `Give ${what} as a whole number.` }).int(`Give ${what} as a whole number.`).min(0, `${what} cannot be negative.`).max(max, `${what} can be at most ${max}.`);

export const doneExercise = z
  .object({
    slug,
    sets: count(20, "sets"),
    reps: count(500, "repetitions").nullable().default(null),
    holdSeconds: count(600, "hold time").nullable().default(null),
  })
  .strict();
export type DoneExercise = z.output<typeof doneExercise>;

/** POST /api/programme-sessions */
export const programmeSessionBody = z
  .object({
    programmeSlug: slug,
    stage: z.number({ error: "Give the stage number." }).int("Give the stage number.").min(1, "Stages start at 1.").max(20),
    date: programmeDate,
    exercises: z
      .array(doneExercise)
      .max(PROGRAMME_SESSION_EXERCISES_MAX)
      .refine((xs) => new Set(xs.map((x) => x.slug)).size === xs.length, "List each exercise once.")
      .default([]),
    painDuring: z.number().int("Give a whole number from 0 to 10.").min(0, "Scores go from 0 to 10.").max(10, "Scores go from 0 to 10.").nullable().default(null),
    notes: z.string().max(PROGRAMME_NOTES_MAX, `Keep notes under ${PROGRAMME_NOTES_MAX} characters.`).default(""),
  })
  .strict();
export type ProgrammeSessionBody = z.input<typeof programmeSessionBody>;
export type ProgrammeSessionInput = z.output<typeof programmeSessionBody>;

export const programmeSessionListQuery = z.object({ programme: slug.optional() }).strict();
export const programmeSessionParams = z.object({ id: z.string().min(1).max(100) }).strict();
export const programmeParams = z.object({ slug }).strict();

export interface ProgrammeSessionView {
  id: string;
  programmeSlug: string;
  stage: number;
  date: string;
  exercises: DoneExercise[];
  painDuring: number | null;
  notes: string;
  createdAt: string;
}

export interface ProgrammeSessionResponse {
  session: ProgrammeSessionView;
}

export interface ProgrammeSessionListResponse {
  sessions: ProgrammeSessionView[];
}

export interface ProgrammeExerciseView {
  slug: string;
  title: string;
  summary: string;
  kind: string;
  dose: { sets: number; reps: number | null; holdSeconds: number | null; perWeek: number; eachSide: boolean };
  /** The exercise's own page. */
  url: string;
  /**
   * Its picture as images: the loop from start to end position, the two stills side by side
   * (for reduced motion), and the movement in words for the alt text.
   */
  figure?: { url: string; stillUrl: string; alt: string };
}

export interface ProgrammeStageView {
  number: number;
  name: string;
  weeks: string;
  goal: string;
  progressWhen: string;
  exercises: ProgrammeExerciseView[];
}

/** GET /api/programmes/:slug */
export interface ProgrammeView {
  slug: string;
  title: string;
  summary: string;
  condition: string;
  sources: string[];
  updated: string;
  stages: ProgrammeStageView[];
  /** The full programme page. */
  url: string;
}

export interface ProgrammeResponse {
  programme: ProgrammeView;
  /** The stage of the runner's latest logged session, or 1. */
  currentStage: number;
  sessions: ProgrammeSessionView[];
}
