import { SHARE_ACCESS, SHARE_ACCESS_LABELS } from "../../../src/contracts/sharing.js";
import type { ShareAccess } from "../../../src/contracts/sharing.js";
import { ScopeChoice } from "./scope-choice.js";
import type { InviteChoice, Invites } from "./use-sharing.js";

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

export function EmailInvite({ choice, invites, emailError }: { choice: InviteChoice; invites: Invites; emailError: string | undefined }) {
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite by email</h2>
      <form onSubmit={(e) => void invites.inviteByEmail(e)} className="stack" noValidate>
        <div className="field">
          <label htmlFor="invite-email">Your coach&apos;s or physio&apos;s email</label>
          <input id="invite-email" name="email" type="email" autoComplete="off" required aria-invalid={emailError ? true : undefined} />
          {emailError ? <p className="error">{emailError}</p> : null}
        </div>
        <AccessChoice name="email-access" value={choice.access} onChange={choice.setAccess} />
        <ScopeChoice idPrefix="email-scopes" legend="What they may see" scopes={choice.scopes} onChange={choice.setScopes} />
        <div className="button-row">
          <button type="submit">Send invitation</button>
        </div>
      </form>
    </section>
  );
}

export function LinkInvite({ choice, invites }: { choice: InviteChoice; invites: Invites }) {
  return (
    <section aria-labelledby="link-heading">
      <h2 id="link-heading">Or make a link</h2>
      <p className="hint">A link works once, for 7 days. Send it to your coach or physio yourself; whoever opens it first with a coach account gets access.</p>
      <AccessChoice name="link-access" value={choice.access} onChange={choice.setAccess} />
      <ScopeChoice idPrefix="link-scopes" legend="What they may see" scopes={choice.scopes} onChange={choice.setScopes} />
      <div className="button-row">
        <button type="button" onClick={() => void invites.makeLink()}>
          Make a link
        </button>
      </div>
      {invites.link ? (
        <div className="field invite-link">
          <label htmlFor="invite-link">Your invitation link (shown only now)</label>
          <input id="invite-link" readOnly value={invites.link} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
    </section>
  );
}
