import { useState } from "react";
import type { FormEvent } from "react";
import { useNavigate } from "react-router";
import { DELETE_CONFIRMATION, PASSWORD_HINT, PASSWORD_MIN } from "../../../src/contracts/account.js";
import type { DeleteAccountResponse } from "../../../src/contracts/account.js";
import { api, ApiError } from "../api.js";
import { useSession } from "../shell/session.js";

/** The error to show: the server's, or a plain "Something went wrong." for anything else. */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "Something went wrong.");
}

/** A text field's value from a submitted form ("" when absent). */
export function formText(form: FormData, key: string): string {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
}

/** A labelled input with its error underneath, tied together for screen readers. */
export function Field(props: {
  id: string;
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
  error?: string | undefined;
  minLength?: number;
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        required
        minLength={props.minLength}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.error ? (
        <p className="error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function fieldError(error: ApiError | null, name: string): string | undefined {
  return error?.fields.find((f) => f.path === name)?.message;
}

/** Change the password: needs the current one; every other device is signed out. */
export function PasswordSection() {
  const { refresh } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api("POST", "/api/account/password", { currentPassword: formText(form, "currentPassword"), newPassword: formText(form, "newPassword") });
      formEl.reset();
      setDone(true);
      await refresh();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <form onSubmit={(e) => void submit(e)} className="stack" noValidate>
        <Field id="current-password" name="currentPassword" label="Current password" type="password" autoComplete="current-password" error={fieldError(error, "currentPassword")} />
        <Field
          id="new-password"
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          hint={PASSWORD_HINT}
          error={fieldError(error, "newPassword")}
        />
        {error && error.fields.length === 0 ? (
          <p className="error" role="alert">
            {error.message}
          </p>
        ) : null}
        <p role="status">{done ? "Password changed. Your other devices are signed out; this one stays signed in." : ""}</p>
        <div className="button-row">
          <button type="submit" disabled={busy}>
            {busy ? "Please wait…" : "Change password"}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The export: a plain link, so the browser's own download handles a big file. */
export function DataSection() {
  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p>
        One zip file with everything kneewise keeps about you: your runs with their GPS and heart-rate streams, shoes, check-ins, pain diary,
        programme sessions, knee checks, plans, comments and import history (as readable JSON), and the original files you imported.
      </p>
      <p>
        <a className="button-link" href="/api/account/export" download>
          Download all my data
        </a>
      </p>
    </section>
  );
}

/** Delete the account (multi-user) or wipe the owner's data (single-user). */
export function DeleteSection() {
  const { mode, refresh } = useSession();
  const navigate = useNavigate();
  const local = mode === "local";
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<DeleteAccountResponse | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { confirm: formText(form, "confirm").trim().toLowerCase() };
      if (!local) body.password = formText(form, "password");
      const res = await api<DeleteAccountResponse>("DELETE", "/api/account", body);
      formEl.reset();
      setResult(res);
      if (!res.accountKept) {
        // Signed out now: the sign-in page says what happened.
        await navigate("/account", { state: { accountDeleted: true } });
        await refresh();
      }
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const removed = result ? Object.values(result.deleted).reduce((a, b) => a + b, 0) : 0;
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">{local ? "Delete all my data" : "Delete account"}</h2>
      <p>
        {local
          ? "This kneewise has no accounts, so this deletes everything stored for you here (runs, shoes, diary, checks, plans, comments, imported files) and leaves an empty app. It cannot be undone: download your data first if you may want it."
          : "This deletes your account and everything stored with it (runs, shoes, diary, checks, plans, comments, imported files, shares with coaches) at once and for good. Replies other people wrote to your comments stay, on their own. It cannot be undone: download your data first if you may want it."}
      </p>
      <form onSubmit={(e) => void submit(e)} className="stack confirm" noValidate>
        {local ? null : <Field id="delete-password" name="password" label="Your password" type="password" autoComplete="current-password" error={fieldError(error, "password")} />}
        <Field id="delete-confirm" name="confirm" label={`Type "${DELETE_CONFIRMATION}" to confirm`} autoComplete="off" error={fieldError(error, "confirm")} />
        {error && error.fields.length === 0 ? (
          <p className="error" role="alert">
            {error.message}
          </p>
        ) : null}
        <p role="status">{result ? `Deleted: ${removed} record${removed === 1 ? "" : "s"}.${result.accountKept ? " The app is empty again." : ""}` : ""}</p>
        <div className="button-row">
          <button type="submit" className="danger" disabled={busy}>
            {busy ? "Please wait…" : local ? "Delete all my data" : "Delete my account"}
          </button>
        </div>
      </form>
    </section>
  );
}
