import { useState } from "react";
import { Link } from "react-router";
import type { ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { EmailInvite, LinkInvite } from "./invite-forms.js";
import { ActiveShares, CoachNotes, DeclinedShares, PendingShares, sharesByStatus } from "./share-sections.js";
import { useInviteChoice, useInvites, useShareChanges, useSharingList } from "./use-sharing.js";

/** Where a refusal shows: the email field shows its own error; anything else (a scope choice, say) shows up top. */
function refusalPlaces(error: ApiError | null) {
  const fieldError = (name: string) => error?.fields.find((f) => f.path === name)?.message;
  const emailError = fieldError("email");
  return { emailError, topError: error && !emailError ? (fieldError("scopes") ?? error.message) : null };
}

function SharingIntro() {
  return (
    <p>
      Let a coach or physiotherapist see the parts of your data you choose: training load, runs, pain, diary, check-ins,
      exercise sessions, knee checks. Nothing is shared until you invite them and they accept; you can change what they see,
      or stop sharing, at any moment.
    </p>
  );
}

/** The runner's "Share with a coach" page: invite, see who can see the data, change, revoke. */
export function SharingPage() {
  const { mode, user, loading } = useSession();
  const list = useSharingList(mode, user);
  const [status, setStatus] = useState("");
  const emailChoice = useInviteChoice();
  const linkChoice = useInviteChoice();
  const invites = useInvites(list, setStatus, emailChoice, linkChoice);
  const changes = useShareChanges(list, setStatus);

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

  const { active, pending, declined } = sharesByStatus(list.shares);
  const { emailError, topError } = refusalPlaces(list.error);
  return (
    <Page title="Share with a coach" intro={<SharingIntro />}>
      <p role="status" className="status">
        {status}
      </p>
      {topError ? (
        <p className="error" role="alert">
          {topError}
        </p>
      ) : null}
      <ActiveShares active={active} loaded={list.shares !== null} changes={changes} />
      <PendingShares pending={pending} changes={changes} />
      <DeclinedShares declined={declined} />
      <EmailInvite choice={emailChoice} invites={invites} emailError={emailError} />
      <LinkInvite choice={linkChoice} invites={invites} />
      <p className="hint">
        Are you a coach or physio yourself? <Link to="/coach">Switch to a coach account</Link> to see the runners who share with you.
      </p>
      <CoachNotes notes={list.notes} />
    </Page>
  );
}
