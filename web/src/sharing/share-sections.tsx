import type { NoteView, ShareView } from "../../../src/contracts/sharing.js";
import { dateText } from "../shell/dates.js";
import { ActiveShareRow, DeclinedShareRow, PendingShareRow } from "./share-row.js";
import type { ShareChanges } from "./use-sharing.js";

/** The runner's shares by status; null while they load. */
export function sharesByStatus(shares: ShareView[] | null) {
  return {
    active: (shares ?? []).filter((s) => s.status === "active"),
    pending: (shares ?? []).filter((s) => s.status === "pending"),
    declined: (shares ?? []).filter((s) => s.status === "declined"),
  };
}

export function ActiveShares({ active, loaded, changes }: { active: ShareView[]; loaded: boolean; changes: ShareChanges }) {
  return (
    <section aria-labelledby="who-heading">
      <h2 id="who-heading">Who can see your data</h2>
      {!loaded ? <p>Loading…</p> : null}
      {loaded && active.length === 0 ? <p>No one. Your data is yours alone.</p> : null}
      <ul className="cards share-list">
        {active.map((s) => (
          <ActiveShareRow key={s.id} share={s} changes={changes} />
        ))}
      </ul>
    </section>
  );
}

export function PendingShares({ pending, changes }: { pending: ShareView[]; changes: ShareChanges }) {
  if (pending.length === 0) return null;
  return (
    <section aria-labelledby="pending-heading">
      <h2 id="pending-heading">Invitations waiting</h2>
      <ul className="cards share-list">
        {pending.map((s) => (
          <PendingShareRow key={s.id} share={s} changes={changes} />
        ))}
      </ul>
    </section>
  );
}

export function DeclinedShares({ declined }: { declined: ShareView[] }) {
  if (declined.length === 0) return null;
  return (
    <section aria-labelledby="declined-heading">
      <h2 id="declined-heading">Invitations declined</h2>
      <p>These people turned your invitation down: they see none of your data. You can invite them, or someone else, again.</p>
      <ul className="cards share-list">
        {declined.map((s) => (
          <DeclinedShareRow key={s.id} share={s} />
        ))}
      </ul>
    </section>
  );
}

export function CoachNotes({ notes }: { notes: NoteView[] }) {
  return (
    <section aria-labelledby="notes-heading">
      <h2 id="notes-heading">Notes your coaches wrote about you</h2>
      {notes.length === 0 ? <p>None yet.</p> : null}
      <ul className="note-list">
        {notes.map((n) => (
          <li key={n.id}>
            <p className="note-meta">
              {n.coach.displayName}, {dateText(n.createdAt)}
            </p>
            <p className="note-body">{n.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
