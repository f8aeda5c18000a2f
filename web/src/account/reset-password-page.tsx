import { useState } from "react";
import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { PASSWORD_HINT, PASSWORD_MIN } from "../../../src/contracts/account.js";
import type { PasswordResetRequestResponse } from "../../../src/contracts/account.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { Field, fieldError } from "./account-sections.js";

function useSubmit<T>(send: (form: FormData) => Promise<T>) {
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      setResult(await send(form));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "Something went wrong."));
    } finally {
      setBusy(false);
    }
  }
  return { error, result, busy, submit };
}

const value = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === "string" ? v : "";
};

function RequestForm() {
  const { error, result, busy, submit } = useSubmit((form) =>
    api<PasswordResetRequestResponse>("POST", "/api/auth/password-reset", { email: value(form, "email") }),
  );
  return (
    <form onSubmit={(e) => void submit(e)} className="stack" noValidate aria-labelledby="reset-request-heading">
      <h2 id="reset-request-heading">Send me a link</h2>
      <Field id="reset-email" name="email" label="Email" type="email" autoComplete="email" error={fieldError(error, "email")} />
      {error && error.fields.length === 0 ? (
        <p className="error" role="alert">
          {error.message}
        </p>
      ) : null}
      <p role="status">{result ? result.message : ""}</p>
      <div className="button-row">
        <button type="submit" disabled={busy}>
          {busy ? "Please wait…" : "Send the link"}
        </button>
      </div>
    </form>
  );
}

function NewPasswordForm({ token }: { token: string }) {
  const { error, result, busy, submit } = useSubmit(async (form) => {
    await api("POST", "/api/auth/password-reset/confirm", { token, password: value(form, "password") });
    return true;
  });
  if (result) {
    return (
      <p role="status">
        Your new password is set, and every device that was signed in is signed out. <Link to="/account">Sign in</Link> with it.
      </p>
    );
  }
  const linkProblem = error && /^RESET_TOKEN_/.test(error.code);
  return (
    <form onSubmit={(e) => void submit(e)} className="stack" noValidate aria-labelledby="reset-new-heading">
      <h2 id="reset-new-heading">Choose a new password</h2>
      <Field
        id="reset-password"
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN}
        hint={PASSWORD_HINT}
        error={fieldError(error, "password")}
      />
      {error && error.fields.length === 0 ? (
        <p className="error" role="alert">
          {error.message} {linkProblem ? <Link to="/reset-password">Ask for a new link</Link> : null}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" disabled={busy}>
          {busy ? "Please wait…" : "Set the new password"}
        </button>
      </div>
    </form>
  );
}

/** /reset-password asks for a link; /reset-password?token=… (the emailed link) sets the new password. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token");
  return (
    <Page
      title="Forgotten password"
      intro={
        <p>
          {token
            ? "Choose the password you will sign in with from now on."
            : "Give the email address of your account and we will send a link to choose a new password. The link works once, for one hour."}
        </p>
      }
    >
      {token ? <NewPasswordForm token={token} /> : <RequestForm />}
    </Page>
  );
}
