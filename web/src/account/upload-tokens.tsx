import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { UPLOAD_TOKEN_NAME_MAX } from "../../../src/contracts/upload-tokens.js";
import type {
  CreatedUploadToken,
  UploadTokenList,
  UploadTokenView,
} from "../../../src/contracts/upload-tokens.js";
import { api, ApiError } from "../api.js";
import { dateTimeText } from "../shell/dates.js";

function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, "UNKNOWN", "Something went wrong.");
}

function when(iso: string | null): string {
  return iso === null
    ? "never"
    : dateTimeText(iso);
}

/**
 * Personal upload tokens: keys a phone automation, a watch companion app or a script uses to send
 * runs (POST /api/imports with Authorization: Bearer). The secret shows once, right after it is
 * made; the list shows names and times only.
 */
export function UploadTokensSection() {
  const [tokens, setTokens] = useState<UploadTokenView[] | null>(null);
  const [created, setCreated] = useState<CreatedUploadToken | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const load = useCallback(async () => {
    try {
      setTokens((await api<UploadTokenList>("GET", "/api/account/upload-tokens")).tokens);
    } catch (err) {
      setError(asApiError(err));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const name = new FormData(formEl).get("name");
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setCreated(
        await api<CreatedUploadToken>("POST", "/api/account/upload-tokens", {
          name: typeof name === "string" ? name : "",
        }),
      );
      formEl.reset();
      await load();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(token: UploadTokenView) {
    if (!window.confirm(`Revoke "${token.name}"? Whatever uses it can no longer send runs.`))
      return;
    setError(null);
    try {
      await api("DELETE", `/api/account/upload-tokens/${encodeURIComponent(token.id)}`);
      if (created?.token.id === token.id) setCreated(null);
      await load();
    } catch (err) {
      setError(asApiError(err));
    }
  }

  async function copy(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const nameError = error?.fields.find((f) => f.path === "name")?.message;
  return (
    <section aria-labelledby="upload-tokens-heading">
      <h2 id="upload-tokens-heading">Upload tokens</h2>
      <p>
        A token lets a phone automation, your watch&apos;s companion app or a script send new runs
        here by itself. It can send files and see how their import went, nothing else: not your
        runs, your diary or your account. Make one per device, so you can revoke one without the
        others. kneewise&apos;s guide docs/upload-tokens.md shows how to set up a phone.
      </p>
      {created ? (
        <div className="notice" role="status">
          <p>
            <strong>Copy the token for “{created.token.name}” now:</strong> it is shown only this
            once.
          </p>
          <p>
            <code className="secret" aria-label="The new upload token">
              {created.secret}
            </code>
          </p>
          <div className="button-row">
            <button type="button" onClick={() => void copy(created.secret)}>
              Copy
            </button>
            <button type="button" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
          <p>{copied ? "Copied." : ""}</p>
          <p>To send a run from a terminal:</p>
          <pre>
            <code>{`curl -H "Authorization: Bearer ${created.secret}" -F "file=@run.fit" ${window.location.origin}/api/imports`}</code>
          </pre>
        </div>
      ) : null}
      <form onSubmit={(e) => void create(e)} className="stack" noValidate>
        <div className="field">
          <label htmlFor="upload-token-name">Name</label>
          <p className="hint" id="upload-token-name-hint">
            Where it will be used, e.g. “Phone” or “Watch sync”.
          </p>
          <input
            id="upload-token-name"
            name="name"
            required
            maxLength={UPLOAD_TOKEN_NAME_MAX}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={
              nameError
                ? "upload-token-name-hint upload-token-name-error"
                : "upload-token-name-hint"
            }
          />
          {nameError ? (
            <p className="error" id="upload-token-name-error">
              {nameError}
            </p>
          ) : null}
        </div>
        <div className="button-row">
          <button type="submit" disabled={busy}>
            {busy ? "Please wait…" : "Make a token"}
          </button>
        </div>
      </form>
      {error && !nameError ? (
        <p className="error" role="alert">
          {error.message}
        </p>
      ) : null}
      {tokens === null ? null : tokens.length === 0 ? (
        <p>You have no upload tokens.</p>
      ) : (
        <table>
          <caption>Your upload tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Made</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => void revoke(t)}
                    aria-label={`Revoke ${t.name}`}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
