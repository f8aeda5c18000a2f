import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import type { AthleteResponse, CoachInvitesResponse, CoachInviteView, RosterEntry, RosterResponse, RosterTraining } from "../../../src/contracts/sharing.js";
import { SHARE_ACCESS_LABELS } from "../../../src/contracts/sharing.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { StatusLines } from "../shell/status-lines.js";
import { useSession } from "../shell/session.js";
import { dateText } from "../shell/dates.js";
import { VerifyEmailNotice } from "../account/email-verification.js";
import { RoleSwitch } from "./role-switch.js";
import { ScopeList } from "../sharing/scope-choice.js";
import { ColumnHeads } from "../shell/column-heads.js";

const ZONE_WORDS: Record<string, string> = { low: "low", ok: "in range", high: "high", very_high: "very high" };
const TRIAGE_WORDS: Record<string, string> = {
  emergency: "emergency",
  urgent: "urgent",
  see_clinician: "see a clinician",
  self_care: "self-care",
};

const NOT_SHARED = "not shared";

function acwrText(a: RosterTraining["acwr"]): string {
  if (a.ratio === null) return "not enough history";
  return `${a.ratio.toFixed(2)} (${a.zone ? ZONE_WORDS[a.zone] : ""})`;
}

/** Never "fine" for pairs nobody recorded. */
function shoeText(s: RosterTraining["shoes"]): string {
  if (s.pairs === 0) return "none recorded";
  if (s.worn > 0) return s.worn === 1 ? "1 pair worn out" : `${s.worn} pairs worn out`;
  if (s.nearLimit > 0) return "near the limit";
  return "none worn out";
}

function painText(a: RosterEntry): string {
  if (!a.athlete.scopes.includes("pain")) return NOT_SHARED;
  return a.latestPain ? `${a.latestPain.score}/10 on ${dateText(a.latestPain.date)}` : "none in 60 days";
}

function checkText(a: RosterEntry): string {
  if (!a.athlete.scopes.includes("assessments")) return NOT_SHARED;
  const c = a.latestAssessment;
  return c ? `${TRIAGE_WORDS[c.triage] ?? c.triage} (${dateText(c.date)})` : "none yet";
}

/** The reasons; without any, "nothing flagged" only when there was something to look at. */
function AttentionCell({ attention }: { attention: RosterEntry["attention"] }) {
  const head =
    attention.reasons.length > 0 ? attention.reasons.map((r) => r.text).join(", ") : attention.nothingRecorded ? "nothing recorded yet" : "nothing flagged";
  return (
    <td>
      {head}
      {attention.gaps.length > 0 ? <span className="roster-gaps">{attention.gaps.join("; ")}</span> : null}
    </td>
  );
}

function TrainingCells({ training }: { training: RosterTraining | null }) {
  if (training === null)
    return (
      <>
        <td>{NOT_SHARED}</td>
        <td>{NOT_SHARED}</td>
        <td>{NOT_SHARED}</td>
        <td>{NOT_SHARED}</td>
      </>
    );
  return (
    <>
      <td>{acwrText(training.acwr)}</td>
      <td>
        {training.rampWarnings} ramp, {training.spikeWarnings} spike
      </td>
      <td>{shoeText(training.shoes)}</td>
      <td>{training.lastActivityDate ? dateText(training.lastActivityDate) : "none recorded"}</td>
    </>
  );
}

/** The coach's roster: athletes who share their data, who needs attention first, and invitations. */
export function RosterPage() {
  const { mode, user, loading } = useSession();
  const [athletes, setAthletes] = useState<RosterEntry[] | null>(null);
  const [invites, setInvites] = useState<CoachInviteView[]>([]);
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");

  const load = useCallback(async () => {
    try {
      const [roster, inv] = await Promise.all([api<RosterResponse>("GET", "/api/athletes"), api<CoachInvitesResponse>("GET", "/api/invites")]);
      setAthletes(roster.athletes);
      setInvites(inv.invites);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The roster could not be loaded.");
    }
  }, []);

  useEffect(() => {
    if (mode === "multi" && user) void load();
  }, [mode, user, load]);

  if (loading) return <Page title="Your athletes" />;
  if (mode !== "multi" || !user)
    return (
      <Page title="Your athletes">
        <p>
          {mode !== "multi"
            ? "Coaching needs kneewise to run for a club or clinic, where each runner has an account. This copy runs for one person."
            : "Sign in with your coach or physio account to see the runners who share their data with you."}
        </p>
        {mode === "multi" ? (
          <p>
            <Link to="/account">Sign in</Link>
          </p>
        ) : null}
      </Page>
    );

  async function accept(inv: CoachInviteView) {
    setError("");
    try {
      const res = await api<AthleteResponse>("POST", `/api/invites/${inv.id}/accept`);
      setStatus(`${res.athlete.displayName} now shares their data with you.`);
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The invitation could not be accepted.");
    }
  }

  async function decline(inv: CoachInviteView) {
    setError("");
    try {
      await api<void>("POST", `/api/invites/${inv.id}/decline`);
      setStatus(`You declined ${inv.athlete.displayName}'s invitation: they will see that you said no.`);
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The invitation could not be declined.");
    }
  }

  return (
    <Page
      title="Your athletes"
      intro={<p>Runners who chose to share their data with you, the one who needs attention first at the top.</p>}
    >
      {user.role !== "coach" ? (
        <section aria-labelledby="role-heading">
          <h2 id="role-heading">Are you a coach or physio?</h2>
          <p>Runners can share their data only with coach and physio accounts. You can switch back at any time.</p>
          <RoleSwitch />
        </section>
      ) : null}
      <StatusLines status={status} error={error} />
      {!user.emailVerified ? (
        <VerifyEmailNotice email={user.email} why="Invitations sent to your address show here, ready to accept, once it is confirmed." />
      ) : null}
      {invites.length > 0 ? (
        <section aria-labelledby="invites-heading">
          <h2 id="invites-heading">Invitations for you</h2>
          <ul className="cards">
            {invites.map((inv) => (
              <li key={inv.id} className="card">
                <h3>{inv.athlete.displayName}</h3>
                <p>
                  {SHARE_ACCESS_LABELS[inv.access]} · sent {dateText(inv.createdAt)}
                </p>
                <ScopeList scopes={inv.scopes} label={`What ${inv.athlete.displayName} would share`} />
                <div className="button-row">
                  <button type="button" onClick={() => void accept(inv)} aria-label={`Accept the invitation from ${inv.athlete.displayName}`}>
                    Accept
                  </button>
                  <button type="button" className="secondary" onClick={() => void decline(inv)} aria-label={`Decline the invitation from ${inv.athlete.displayName}`}>
                    Decline
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="roster-heading">
        <h2 id="roster-heading">Roster</h2>
        {athletes === null && !error ? <p>Loading…</p> : null}
        {athletes !== null && athletes.length === 0 ? <p>No runner shares their data with you yet. Ask them to invite you from their “Share with a coach” page.</p> : null}
        {athletes !== null && athletes.length > 0 ? (
          <div className="table-scroll" role="region" aria-label="Roster table (scrolls sideways on small screens)" tabIndex={0}>
            <table className="roster">
              <ColumnHeads names={["Athlete", "Needs attention because", "Latest pain", "Latest knee check", "ACWR", "Load warnings", "Shoes", "Last activity"]} />
              <tbody>
                {athletes.map((a) => (
                  <tr key={a.athlete.id}>
                    <th scope="row">
                      <Link to={`/coach/athletes/${a.athlete.id}`}>{a.athlete.displayName}</Link>
                    </th>
                    <AttentionCell attention={a.attention} />
                    <td>{painText(a)}</td>
                    <td>{checkText(a)}</td>
                    <TrainingCells training={a.training} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {user.role === "coach" ? (
        <section aria-labelledby="role-back-heading">
          <h2 id="role-back-heading">Your account</h2>
          <p>Your account is a coach or physio account.</p>
          <RoleSwitch />
        </section>
      ) : null}
    </Page>
  );
}
