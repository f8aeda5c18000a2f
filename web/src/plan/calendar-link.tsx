import { useEffect, useState } from "react";
import type { CalendarTokenResponse, CalendarTokenStatus } from "../../../src/contracts/plans.js";
import { api, ApiError } from "../api.js";
import { longDate } from "./distance.js";

/** Download the plan, or subscribe to a secret URL that follows the plan as it adapts. */
export function CalendarLink() {
  const [status, setStatus] = useState<CalendarTokenStatus | null>(null);
  const [fresh, setFresh] = useState<CalendarTokenResponse | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<CalendarTokenStatus>("GET", "/api/calendar/token")
      .then(setStatus)
      .catch(() => setStatus({ active: false, created_at: null }));
  }, []);

  async function create() {
    setBusy(true);
    setNote(null);
    try {
      const res = await api<CalendarTokenResponse>("POST", "/api/calendar/token");
      setFresh(res);
      setStatus({ active: true, created_at: res.created_at });
    } catch (err) {
      setNote(err instanceof ApiError ? err.message : "The link could not be made.");
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    setBusy(true);
    try {
      await api("DELETE", "/api/calendar/token");
      setFresh(null);
      setStatus({ active: false, created_at: null });
      setNote("The link is revoked: calendars subscribed to it no longer receive the plan.");
    } catch (err) {
      setNote(err instanceof ApiError ? err.message : "The link could not be revoked.");
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  async function copy() {
    if (!fresh) return;
    try {
      await navigator.clipboard.writeText(fresh.url);
      setNote(
        "Copied. Paste it into your calendar app's “subscribe to a calendar” or “add by URL”.",
      );
    } catch {
      setNote("Copying was not allowed here: select the address and copy it by hand.");
    }
  }

  return (
    <section aria-labelledby="calendar-link-title" className="calendar-link">
      <h2 id="calendar-link-title">In your own calendar</h2>
      <p>
        <a className="button-link" href="/api/plans/active.ics" download="kneewise-plan.ics">
          Download the plan (.ics)
        </a>
      </p>
      <p>
        Or subscribe: your calendar app then fetches the plan from kneewise itself, so it follows
        every change. The address is secret; anyone who has it can see your plan, so you can replace
        or revoke it at any time.
      </p>
      {fresh ? (
        <div className="field">
          <label htmlFor="calendar-url">Your subscription address (shown only now)</label>
          <input
            id="calendar-url"
            readOnly
            value={fresh.url}
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="button-row">
            <button type="button" onClick={() => void copy()}>
              Copy address
            </button>
            <a className="button-link secondary" href={fresh.webcal_url}>
              Open in calendar app
            </a>
          </div>
        </div>
      ) : status?.active ? (
        <p>
          A subscription link exists (made {longDate((status.created_at ?? "").slice(0, 10))}). For
          safety it cannot be shown again; make a new one if you need the address.
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={() => void create()} disabled={busy || status === null}>
          {status?.active
            ? "Make a new link (the old one stops working)"
            : "Make a subscription link"}
        </button>
        {status?.active && !confirming ? (
          <button
            type="button"
            className="secondary"
            onClick={() => setConfirming(true)}
            disabled={busy}
          >
            Revoke link
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="revoke-question" className="confirm">
          <p id="revoke-question">
            Revoke the link? Calendars subscribed to it will stop updating.
          </p>
          <div className="button-row">
            <button type="button" className="danger" onClick={() => void revoke()} disabled={busy}>
              Yes, revoke it
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      {note ? <p role="status">{note}</p> : null}
    </section>
  );
}
