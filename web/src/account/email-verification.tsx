import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import type { VerifyEmailResponse } from "../../../src/contracts/auth.js";
import { api } from "../api.js";
import type { ApiError } from "../api.js";
import { useSession } from "../shell/session.js";
import { StatusLines } from "../shell/status-lines.js";
import { asApiError, Field, fieldError, formText } from "./account-sections.js";

/*
 * Verified addresses on the web: the emailed link lands on /account#verify=<token> (a fragment,
 * which no server or log ever sees), the account page opens it, and an account whose address is
 * not confirmed yet can ask for a new link wherever it is told why it cannot go on.
 */

/** The token of an emailed link in the page's fragment, if there is one. */
function tokenIn(hash: string): string | null {
  const m = /^#verify=([^&]+)/.exec(hash);
  return m ? decodeURIComponent(m[1]!) : null;
}

/** Opens the emailed link found in the fragment (once), then takes the token out of the address bar. */
export function useEmailLink(): { status: string; error: string } {
  const location = useLocation();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const opened = useRef<string | null>(null);
  const token = tokenIn(location.hash);

  useEffect(() => {
    if (token === null || opened.current === token) return;
    opened.current = token;
    void navigate({ pathname: location.pathname, hash: "" }, { replace: true });
    setStatus("Opening your link…");
    api<VerifyEmailResponse>("POST", "/api/auth/verify-email", { token })
      .then(async (res) => {
        setStatus(
          res.verified === "signup"
            ? `Welcome: your account for ${res.email} is ready, and you are signed in.`
            : `Thank you: ${res.email} is confirmed. Coaches and physios can now share with you.`,
        );
        await refresh();
      })
      .catch((err: unknown) => {
        setStatus("");
        setError(asApiError(err).message);
      });
  }, [token, navigate, location.pathname, refresh]);

  return { status, error };
}

/** "Send me a new link": asks for a link to the signed-in account's address. */
export function ResendVerification({ label = "Send me a new link" }: { label?: string }) {
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function resend() {
    setBusy(true);
    setStatus("");
    setError("");
    try {
      const res = await api<{ message: string }>("POST", "/api/account/email/verification");
      setStatus(res.message);
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <div className="button-row">
        <button type="button" onClick={() => void resend()} disabled={busy}>
          {busy ? "Sending…" : label}
        </button>
      </div>
      <StatusLines status={status} error={error} />
    </div>
  );
}

/** Shown where an unconfirmed address stops the runner or coach: why, and a new link. */
export function VerifyEmailNotice({ email, why }: { email: string; why: string }) {
  return (
    <section aria-labelledby="verify-email-heading" className="notice">
      <h2 id="verify-email-heading">Confirm your email address</h2>
      <p>
        {why} Open the link we sent to <strong>{email}</strong>, or ask for a new one.
      </p>
      <ResendVerification />
    </section>
  );
}

/** The account's address: whether it is confirmed, and moving to another one (confirmed again by email). */
export function EmailSection() {
  const { user, refresh } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  if (!user) return null;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    setError(null);
    setDone("");
    try {
      await api("PUT", "/api/account/email", { email: formText(form, "email"), password: formText(form, "password") });
      formEl.reset();
      setDone("Your address is changed. Open the link we sent to it to confirm it.");
      await refresh();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="email-heading">
      <h2 id="email-heading">Email address</h2>
      {user.emailVerified ? (
        <p>{user.email} is confirmed.</p>
      ) : (
        <>
          <p>
            {user.email} is not confirmed yet: until it is, you cannot accept a coach&apos;s or a runner&apos;s invitation. Open the link
            we sent to it, or ask for a new one.
          </p>
          <ResendVerification />
        </>
      )}
      <form onSubmit={(e) => void submit(e)} className="stack" noValidate aria-label="Change email address">
        <Field id="email-new" name="email" label="New email address" type="email" autoComplete="email" error={fieldError(error, "email")} />
        <Field id="email-password" name="password" label="Current password" type="password" autoComplete="current-password" error={fieldError(error, "password")} />
        {error && error.fields.length === 0 ? (
          <p className="error" role="alert">
            {error.message}
          </p>
        ) : null}
        <p role="status" className="status">
          {done}
        </p>
        <button type="submit" disabled={busy}>
          {busy ? "Please wait…" : "Change email address"}
        </button>
      </form>
    </section>
  );
}
