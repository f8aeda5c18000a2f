import { useState } from "react";
import type { FormEvent } from "react";
import { Link, useLocation } from "react-router";
import { PASSWORD_HINT } from "../../../src/contracts/account.js";
import { unitWord } from "../../../src/contracts/format.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { StatusLines } from "../shell/status-lines.js";
import type { Units } from "../shell/session.js";
import type { SignupResponse } from "../../../src/contracts/auth.js";
import { DataSection, DeleteSection, PasswordSection } from "./account-sections.js";
import { EmailSection, useEmailLink } from "./email-verification.js";
import { UploadTokensSection } from "./upload-tokens.js";

function ProfileLink() {
  return (
    <p>
      <Link to="/profile">Your runner profile</Link>: experience, foot type, surfaces and the muscle groups to work on.
    </p>
  );
}

function UnitsChoice() {
  const { units, setUnits } = useSession();
  return (
    <fieldset className="units">
      <legend>Distances in</legend>
      {(["km", "mi"] as Units[]).map((u) => (
        <label key={u}>
          <input type="radio" name="units" value={u} checked={units === u} onChange={() => setUnits(u)} />
          {unitWord(u)}
        </label>
      ))}
    </fieldset>
  );
}

function AuthForm({ kind }: { kind: "login" | "signup" }) {
  const { refresh } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState("");

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const text = (key: string) => {
      const v = form.get(key);
      return typeof v === "string" ? v : "";
    };
    const body: Record<string, string> = { email: text("email"), password: text("password") };
    if (kind === "signup") body.displayName = text("displayName");
    setBusy(true);
    setError(null);
    setSent("");
    try {
      if (kind === "signup") {
        // The same answer whether or not the address has an account: the email says the rest.
        const res = await api<SignupResponse>("POST", "/api/auth/signup", body);
        formEl.reset();
        setSent(res.message);
      } else {
        await api("POST", "/api/auth/login", body);
        await refresh();
      }
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "Something went wrong."));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) => error?.fields.find((f) => f.path === name)?.message;
  const id = (name: string) => `${kind}-${name}`;
  return (
    <form onSubmit={(e) => void submit(e)} className="stack" noValidate aria-labelledby={id("heading")}>
      <h2 id={id("heading")}>{kind === "signup" ? "Create an account" : "Sign in"}</h2>
      {kind === "signup" ? (
        <div className="field">
          <label htmlFor={id("displayName")}>Display name (shown on your comments)</label>
          <input id={id("displayName")} name="displayName" autoComplete="nickname" required maxLength={60} aria-invalid={fieldError("displayName") ? true : undefined} />
          {fieldError("displayName") ? <p className="error">{fieldError("displayName")}</p> : null}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={id("email")}>Email</label>
        <input id={id("email")} name="email" type="email" autoComplete="email" required aria-invalid={fieldError("email") ? true : undefined} />
        {fieldError("email") ? <p className="error">{fieldError("email")}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={id("password")}>Password</label>
        {kind === "signup" ? (
          <p className="hint" id={id("password-hint")}>
            {PASSWORD_HINT}
          </p>
        ) : null}
        <input
          id={id("password")}
          name="password"
          type="password"
          autoComplete={kind === "signup" ? "new-password" : "current-password"}
          required
          minLength={kind === "signup" ? 10 : undefined}
          aria-invalid={fieldError("password") ? true : undefined}
          aria-describedby={kind === "signup" ? id("password-hint") : undefined}
        />
        {fieldError("password") ? <p className="error">{fieldError("password")}</p> : null}
        {kind === "login" ? (
          <p>
            <Link to="/reset-password">Forgot password?</Link>
          </p>
        ) : null}
      </div>
      {error && error.fields.length === 0 ? (
        <p className="error" role="alert">
          {error.message}
        </p>
      ) : null}
      {kind === "signup" ? (
        <p role="status" className="status">
          {sent}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? "Please wait…" : kind === "signup" ? "Create account" : "Sign in"}
      </button>
    </form>
  );
}

export function AccountPage() {
  const { user, mode, loading, refresh } = useSession();
  const location = useLocation();
  const accountDeleted = (location.state as { accountDeleted?: boolean } | null)?.accountDeleted === true;
  const link = useEmailLink();
  const linkLines = <StatusLines status={link.status} error={link.error} />;
  if (loading) return <Page title="Account" intro={<p>Loading…</p>} />;

  if (mode === "local") {
    return (
      <Page title="Account" intro={<p>This kneewise runs on your own computer for you alone, so there is nothing to sign in to.</p>}>
        <ProfileLink />
        <UnitsChoice />
        <UploadTokensSection />
        <DataSection />
        <DeleteSection />
      </Page>
    );
  }

  if (user) {
    return (
      <Page title="Account" intro={<p>Signed in as {user.displayName} ({user.email}).</p>}>
        {linkLines}
        <ProfileLink />
        {user.role === "admin" ? (
          <p>
            <Link to="/admin/people">People and roles</Link>: find anyone on this site and make them a coach, a moderator or an admin.
          </p>
        ) : null}
        <UnitsChoice />
        <button
          type="button"
          onClick={() => {
            void api("POST", "/api/auth/logout").then(refresh);
          }}
        >
          Sign out
        </button>
        <EmailSection />
        <PasswordSection />
        <UploadTokensSection />
        <DataSection />
        <DeleteSection />
      </Page>
    );
  }

  return (
    <Page title="Sign in or create an account" intro={<p>Your training history and assessments stay private to you, and to the coaches you choose to share with.</p>}>
      <p role="status">{accountDeleted ? "Your account and all its data have been deleted." : ""}</p>
      {linkLines}
      <div className="two-columns">
        <AuthForm kind="login" />
        <AuthForm kind="signup" />
      </div>
      <UnitsChoice />
    </Page>
  );
}
