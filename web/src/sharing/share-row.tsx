import { SHARE_ACCESS, SHARE_ACCESS_LABELS } from "../../../src/contracts/sharing.js";
import type { ShareAccess, ShareView } from "../../../src/contracts/sharing.js";
import { dateText } from "../shell/dates.js";
import { ScopeChoice, ScopeList } from "./scope-choice.js";
import type { ShareChanges } from "./use-sharing.js";

export function who(s: ShareView): string {
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

function Revoke({ share, changes }: { share: ShareView; changes: ShareChanges }) {
  return (
    <RevokeControl
      share={share}
      confirming={changes.confirming === share.id}
      onAsk={() => changes.setConfirming(share.id)}
      onCancel={() => changes.setConfirming(null)}
      onConfirm={() => void changes.revoke(share)}
    />
  );
}

/** A coach or physio who sees the runner's data: what they may do and see, and the way to stop. */
export function ActiveShareRow({ share: s, changes }: { share: ShareView; changes: ShareChanges }) {
  return (
    <li className="card">
      <h3>{who(s)}</h3>
      <p>
        {s.coach?.email} · can see your data since {dateText(s.acceptedAt ?? s.createdAt)}
      </p>
      <label htmlFor={`access-${s.id}`}>Access</label>{" "}
      <select id={`access-${s.id}`} value={s.access} onChange={(e) => void changes.changeAccess(s, e.target.value as ShareAccess)}>
        {SHARE_ACCESS.map((a) => (
          <option key={a} value={a}>
            {SHARE_ACCESS_LABELS[a]}
          </option>
        ))}
      </select>
      <ScopeChoice idPrefix={`scopes-${s.id}`} legend={`What ${who(s)} sees`} scopes={s.scopes} onChange={(next) => void changes.changeScopes(s, next)} />
      <Revoke share={s} changes={changes} />
    </li>
  );
}

export function PendingShareRow({ share: s, changes }: { share: ShareView; changes: ShareChanges }) {
  return (
    <li className="card">
      <h3>{s.kind === "email" ? s.inviteEmail : "Invitation link"}</h3>
      <p>
        {SHARE_ACCESS_LABELS[s.access]} · made {dateText(s.createdAt)}
        {s.inviteExpiresAt ? (s.expired ? " · expired" : ` · works until ${dateText(s.inviteExpiresAt)}`) : ""}
      </p>
      <ScopeList scopes={s.scopes} label="What they would see" />
      <Revoke share={s} changes={changes} />
    </li>
  );
}

export function DeclinedShareRow({ share: s }: { share: ShareView }) {
  return (
    <li className="card">
      <h3>{s.inviteEmail}</h3>
      <p>
        {SHARE_ACCESS_LABELS[s.access]} · made {dateText(s.createdAt)} · declined {dateText(s.revokedAt ?? s.createdAt)}
      </p>
    </li>
  );
}
