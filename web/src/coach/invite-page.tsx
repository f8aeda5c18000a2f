import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { SHARE_ACCESS_LABELS } from "../../../src/contracts/sharing.js";
import type { AthleteResponse, LinkInvitePreview } from "../../../src/contracts/sharing.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { dateText } from "../shell/dates.js";
import { VerifyEmailNotice } from "../account/email-verification.js";
import { RoleSwitch } from "./role-switch.js";
import { ScopeList } from "../sharing/scope-choice.js";

/** /invite/:token: a coach or physio accepts a runner's invitation link. */
export function InvitePage() {
  const { token = "" } = useParams();
  const { user, mode, loading } = useSession();
  const navigate = useNavigate();
  const [preview, setPreview] = useState<LinkInvitePreview | null>(null);
  const [error, setError] = useState("");
  const [needsVerifying, setNeedsVerifying] = useState(false);

  useEffect(() => {
    if (mode !== "multi" || !user) return;
    api<LinkInvitePreview>("GET", `/api/invites/link/${encodeURIComponent(token)}`)
      .then(setPreview)
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : "This invitation could not be read."));
  }, [mode, user, token]);

  async function accept() {
    setError("");
    try {
      const res = await api<AthleteResponse>("POST", `/api/invites/link/${encodeURIComponent(token)}/accept`);
      await navigate(`/coach/athletes/${res.athlete.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === "EMAIL_NOT_VERIFIED") setNeedsVerifying(true);
      else setError(err instanceof ApiError ? err.message : "The invitation could not be accepted.");
    }
  }

  if (loading) return <Page title="Invitation" />;
  if (mode !== "multi") return <Page title="Invitation"><p>Invitations only work where kneewise runs for a club or clinic.</p></Page>;
  if (!user)
    return (
      <Page title="Invitation">
        <p>
          A runner invites you to see their training data. <Link to="/account">Sign in or create an account</Link>, then open this
          link again.
        </p>
      </Page>
    );
  return (
    <Page title="Invitation">
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {preview ? (
        <>
          <p>
            <strong>{preview.athlete.displayName}</strong> invites you to see their running data (
            {SHARE_ACCESS_LABELS[preview.access].toLowerCase()}). The link works until {dateText(preview.expiresAt)}, once. You
            would see:
          </p>
          <ScopeList scopes={preview.scopes} label={`What ${preview.athlete.displayName} would share`} />
          <p className="hint">Nothing else: the runner chooses, and can change it at any time.</p>
          {preview.yours ? (
            <p>This is your own invitation: send the link to your coach or physio, who accepts it with their own account.</p>
          ) : user.role === "coach" && (needsVerifying || !user.emailVerified) ? (
            <VerifyEmailNotice email={user.email} why="Invitations are accepted only by accounts whose email address is confirmed." />
          ) : user.role === "coach" ? (
            <div className="button-row">
              <button type="button" onClick={() => void accept()}>
                Accept invitation
              </button>
            </div>
          ) : (
            <section aria-labelledby="invite-role">
              <h2 id="invite-role">Only coach and physio accounts can accept</h2>
              <RoleSwitch />
            </section>
          )}
        </>
      ) : null}
    </Page>
  );
}
