import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { DEFAULT_SHARE_SCOPES, SHARE_ACCESS, SHARE_ACCESS_LABELS } from "../../../src/contracts/sharing.js";
import type {
  LinkInviteResponse,
  NotesResponse,
  NoteView,
  ShareAccess,
  ShareResponse,
  ShareScope,
  ShareView,
  SharingListResponse,
} from "../../../src/contracts/sharing.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { ScopeChoice, ScopeList } from "./scope-choice.js";

import { shortDate } from "../shell/dates.js";

/** Kept for the coach pages, which import it from here until they move to ../shell/dates.js. */
export { shortDate };

function AccessChoice({ name, value, onChange }: { name: string; value: ShareAccess; onChange: (a: ShareAccess) => void }) {
  return (
    <fieldset className="access-choice">
      <legend>What they may do</legend>
      {SHARE_ACCESS.map((a) => (
        <label key={a} className="choice">
          <input type="radio" name={name} value={a} checked={value === a} onChange={() => onChange(a)} />
          {SHARE_ACCESS_LABELS[a]}
        </label>
      ))}
    </fieldset>
  );
}

function errorOf(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "Something went wrong.");
}

/** The runner's "Share with a coach" page: invite, see who can see the data, change, revoke. */
export function SharingPage() {
  const { mode, user, loading } = useSession();
  const [shares, setShares] = useState<ShareView[] | null>(null);
  const [notes, setNotes] = useState<NoteView[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState("");
  const [emailAccess, setEmailAccess] = useState<ShareAccess>("read");
  const [linkAccess, setLinkAccess] = useState<ShareAccess>("read");
  const [emailScopes, setEmailScopes] = useState<ShareScope[]>([...DEFAULT_SHARE_SCOPES]);
  const [linkScopes, setLinkScopes] = useState<ShareScope[]>([...DEFAULT_SHARE_SCOPES]);
  const [link, setLink] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [list, about] = await Promise.all([api<SharingListResponse>("GET", "/api/sharing"), api<NotesResponse>("GET", "/api/sharing/notes")]);
      setShares(list.shares);
      setNotes(about.notes);
    } catch (err) {
      setError(errorOf(err));
    }
  }, []);

  useEffect(() => {
    if (mode === "multi" && user) void load();
  }, [mode, user, load]);

  if (loading) return <Page title="Share with a coach" />;
  if (mode !== "multi")
    return (
      <Page title="Share with a coach">
        <p>
          Sharing needs kneewise to run for a club or clinic, where your coach or physio has an account of their own. This copy
          runs for you alone on this computer, so there is no one to share with.
        </p>
      </Page>
    );
  if (!user)
    return (
      <Page title="Share with a coach">
        <p>
          <Link to="/account">Sign in</Link> to share your training, pain diary and knee checks with a coach or physio.
        </p>
      </Page>
    );

  async function inviteByEmail(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const email = new FormData(form).get("email");
    setError(null);
    try {
      const res = await api<ShareResponse>("POST", "/api/sharing/invites/email", {
        email: typeof email === "string" ? email : "",
        access: emailAccess,
        scopes: emailScopes,
      });
      form.reset();
      setStatus(`Invitation sent to ${res.share.inviteEmail ?? ""}. It appears when they sign in with that address.`);
      await load();
    } catch (err) {
      setError(errorOf(err));
    }
  }

  async function makeLink() {
    setError(null);
    try {
      const res = await api<LinkInviteResponse>("POST", "/api/sharing/invites/link", { access: linkAccess, scopes: linkScopes });
      setLink(`${window.location.origin}${res.path}`);
      setStatus("Your link is ready. It works once, for 7 days.");
      await load();
    } catch (err) {
      setError(errorOf(err));
    }
  }

  async function changeAccess(s: ShareView, access: ShareAccess) {
    setError(null);
    try {
      await api<ShareResponse>("PATCH", `/api/sharing/${s.id}`, { access });
      setStatus(`${who(s)} now has: ${SHARE_ACCESS_LABELS[access].toLowerCase()}.`);
      await load();
    } catch (err) {
      setError(errorOf(err));
    }
  }

  async function changeScopes(s: ShareView, scopes: ShareScope[]) {
    setError(null);
    // The box follows the click at once; a refusal puts it back (the load below).
    setShares((list) => (list ?? []).map((x) => (x.id === s.id ? { ...x, scopes } : x)));
    try {
      await api<ShareResponse>("PATCH", `/api/sharing/${s.id}`, { scopes });
      setStatus(`Saved: ${who(s)} sees what is ticked, from their next look.`);
    } catch (err) {
      setError(errorOf(err));
    }
    await load();
  }

  async function revoke(s: ShareView) {
    setError(null);
    try {
      await api<ShareResponse>("DELETE", `/api/sharing/${s.id}`);
      setConfirming(null);
      setStatus(s.status === "active" ? `${who(s)} can no longer see your data.` : "The invitation is withdrawn.");
      await load();
    } catch (err) {
      setError(errorOf(err));
    }
  }

  const active = (shares ?? []).filter((s) => s.status === "active");
  const pending = (shares ?? []).filter((s) => s.status === "pending");
  const declined = (shares ?? []).filter((s) => s.status === "declined");
  const fieldError = (name: string) => error?.fields.find((f) => f.path === name)?.message;
  // The email field shows its own error; anything else (a scope choice, say) shows up top.
  const topError = error && !fieldError("email") ? (fieldError("scopes") ?? error.message) : null;

  return (
    <Page
      title="Share with a coach"
      intro={
        <p>
          Let a coach or physiotherapist see the parts of your data you choose: training load, runs, pain, diary, check-ins,
          exercise sessions, knee checks. Nothing is shared until you invite them and they accept; you can change what they see,
          or stop sharing, at any moment.
        </p>
      }
    >
      <p role="status" className="status">
        {status}
      </p>
      {topError ? (
        <p className="error" role="alert">
          {topError}
        </p>
      ) : null}

      <section aria-labelledby="who-heading">
        <h2 id="who-heading">Who can see your data</h2>
        {shares === null ? <p>Loading…</p> : null}
        {shares !== null && active.length === 0 ? <p>No one. Your data is yours alone.</p> : null}
        <ul className="cards share-list">
          {active.map((s) => (
            <li key={s.id} className="card">
              <h3>{who(s)}</h3>
              <p>
                {s.coach?.email} · can see your data since {shortDate(s.acceptedAt ?? s.createdAt)}
              </p>
              <label htmlFor={`access-${s.id}`}>Access</label>{" "}
              <select id={`access-${s.id}`} value={s.access} onChange={(e) => void changeAccess(s, e.target.value as ShareAccess)}>
                {SHARE_ACCESS.map((a) => (
                  <option key={a} value={a}>
                    {SHARE_ACCESS_LABELS[a]}
                  </option>
                ))}
              </select>
              <ScopeChoice idPrefix={`scopes-${s.id}`} legend={`What ${who(s)} sees`} scopes={s.scopes} onChange={(next) => void changeScopes(s, next)} />
              <RevokeControl share={s} confirming={confirming === s.id} onAsk={() => setConfirming(s.id)} onCancel={() => setConfirming(null)} onConfirm={() => void revoke(s)} />
            </li>
          ))}
        </ul>
      </section>

      {pending.length > 0 ? (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">Invitations waiting</h2>
          <ul className="cards share-list">
            {pending.map((s) => (
              <li key={s.id} className="card">
                <h3>{s.kind === "email" ? s.inviteEmail : "Invitation link"}</h3>
                <p>
                  {SHARE_ACCESS_LABELS[s.access]} · made {shortDate(s.createdAt)}
                  {s.inviteExpiresAt ? (s.expired ? " · expired" : ` · works until ${shortDate(s.inviteExpiresAt)}`) : ""}
                </p>
                <ScopeList scopes={s.scopes} label="What they would see" />
                <RevokeControl share={s} confirming={confirming === s.id} onAsk={() => setConfirming(s.id)} onCancel={() => setConfirming(null)} onConfirm={() => void revoke(s)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {declined.length > 0 ? (
        <section aria-labelledby="declined-heading">
          <h2 id="declined-heading">Invitations declined</h2>
          <p>These people turned your invitation down: they see none of your data. You can invite them, or someone else, again.</p>
          <ul className="cards share-list">
            {declined.map((s) => (
              <li key={s.id} className="card">
                <h3>{s.inviteEmail}</h3>
                <p>
                  {SHARE_ACCESS_LABELS[s.access]} · made {shortDate(s.createdAt)} · declined {shortDate(s.revokedAt ?? s.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite by email</h2>
        <form onSubmit={(e) => void inviteByEmail(e)} className="stack" noValidate>
          <div className="field">
            <label htmlFor="invite-email">Your coach&apos;s or physio&apos;s email</label>
            <input id="invite-email" name="email" type="email" autoComplete="off" required aria-invalid={fieldError("email") ? true : undefined} />
            {fieldError("email") ? <p className="error">{fieldError("email")}</p> : null}
          </div>
          <AccessChoice name="email-access" value={emailAccess} onChange={setEmailAccess} />
          <ScopeChoice idPrefix="email-scopes" legend="What they may see" scopes={emailScopes} onChange={setEmailScopes} />
          <div className="button-row">
            <button type="submit">Send invitation</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="link-heading">
        <h2 id="link-heading">Or make a link</h2>
        <p className="hint">A link works once, for 7 days. Send it to your coach or physio yourself; whoever opens it first with a coach account gets access.</p>
        <AccessChoice name="link-access" value={linkAccess} onChange={setLinkAccess} />
        <ScopeChoice idPrefix="link-scopes" legend="What they may see" scopes={linkScopes} onChange={setLinkScopes} />
        <div className="button-row">
          <button type="button" onClick={() => void makeLink()}>
            Make a link
          </button>
        </div>
        {link ? (
          <div className="field invite-link">
            <label htmlFor="invite-link">Your invitation link (shown only now)</label>
            <input id="invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          </div>
        ) : null}
      </section>

      <p className="hint">
        Are you a coach or physio yourself? <Link to="/coach">Switch to a coach account</Link> to see the runners who share with you.
      </p>

      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes your coaches wrote about you</h2>
        {notes.length === 0 ? <p>None yet.</p> : null}
        <ul className="note-list">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="note-meta">
                {n.coach.displayName}, {shortDate(n.createdAt)}
              </p>
              <p className="note-body">{n.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

function who(s: ShareView): string {
  return s.coach?.displayName ?? s.inviteEmail ?? "Your coach";
}

/** Revoking cannot be undone (access ends at once), so it asks first, naming who loses access. */
function RevokeControl({
  share,
  confirming,
  onAsk,
  onCancel,
  onConfirm,
}: {
  share: ShareView;
  confirming: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const label = share.status === "active" ? "Stop sharing" : "Withdraw";
  const name = share.status === "active" ? who(share) : share.kind === "email" ? (share.inviteEmail ?? "") : "this link";
  if (!confirming)
    return (
      <div className="button-row">
        <button type="button" className="secondary" onClick={onAsk} aria-label={`${label} with ${name}`}>
          {label}
        </button>
      </div>
    );
  return (
    <div className="confirm" role="group" aria-label={`Confirm: ${label.toLowerCase()}`}>
      <p>
        {share.status === "active"
          ? `${name} will no longer see your data, from this moment. To share again you would send a new invitation.`
          : `The invitation to ${name} will stop working.`}
      </p>
      <div className="button-row">
        <button type="button" className="danger" onClick={onConfirm}>
          {share.status === "active" ? "Yes, stop sharing" : "Yes, withdraw it"}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
