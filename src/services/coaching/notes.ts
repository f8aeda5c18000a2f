/**
 * A coach's notes about a runner. Writing (and reading one's own notes back) needs a live share
 * with "notes" access; a read-only coach writes nothing of the athlete's. The runner reads every
 * note written about them, from any coach, live share or not.
 */
import { randomUUID } from "node:crypto";
import { DomainError } from "../../core/errors.js";
import type { NoteView } from "../../contracts/sharing.js";
import { coachNotes, users } from "../../store/index.js";
import type { CoachNoteRow } from "../../store/index.js";
import type { App } from "../app.js";
import { audit, requireActiveShare, requireSharing } from "./consent.js";

/** How many notes a list shows. */
export const NOTES_LIMIT = 200;

function noteView(row: CoachNoteRow, coachName: string): NoteView {
  return { id: row.id, body: row.body, createdAt: row.created_at, coach: { id: row.coach_id, displayName: coachName } };
}

async function notesShare(app: App, coachId: string, athleteId: string) {
  requireSharing(app);
  const share = await requireActiveShare(app.database.db, coachId, athleteId);
  if (share.access !== "notes")
    throw new DomainError("NOTES_NOT_ALLOWED", "This runner shares their data read-only: notes need \"read and keep notes\" access, which only the runner can grant.");
  return share;
}

export async function listCoachNotes(app: App, coachId: string, athleteId: string): Promise<NoteView[]> {
  await notesShare(app, coachId, athleteId);
  const coach = await users.findUserById(app.database.db, coachId);
  const rows = await coachNotes.listNotesOfPair(app.database.db, athleteId, coachId, NOTES_LIMIT);
  return rows.map((r) => noteView(r, coach?.display_name ?? ""));
}

export async function addCoachNote(app: App, coachId: string, athleteId: string, body: string): Promise<NoteView> {
  await notesShare(app, coachId, athleteId);
  const now = app.now().toISOString();
  return app.database.db.transaction().execute(async (trx) => {
    const row = await coachNotes.insertNote(trx, { id: randomUUID(), athlete_id: athleteId, coach_id: coachId, body, created_at: now, updated_at: now });
    // The audit says a note was written, never what it says.
    await audit(trx, app, coachId, "note.added", `user:${athleteId}`, { noteId: row.id });
    const coach = await users.findUserById(trx, coachId);
    return noteView(row, coach?.display_name ?? "");
  });
}

export async function deleteCoachNote(app: App, coachId: string, athleteId: string, noteId: string): Promise<void> {
  await notesShare(app, coachId, athleteId);
  await app.database.db.transaction().execute(async (trx) => {
    if (!(await coachNotes.deleteNote(trx, noteId, athleteId, coachId)))
      throw new DomainError("NOTE_NOT_FOUND", "You have no note with this id about this runner.");
    await audit(trx, app, coachId, "note.deleted", `user:${athleteId}`, { noteId });
  });
}

/** Every note written about the runner, newest first. */
export async function notesAboutMe(app: App, athleteId: string): Promise<NoteView[]> {
  requireSharing(app);
  const rows = await coachNotes.listNotesAboutAthlete(app.database.db, athleteId, NOTES_LIMIT);
  return rows.map((r) => noteView(r, r.coach_name));
}
