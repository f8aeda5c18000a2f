import { useId, useState } from "react";
import type { FormEvent } from "react";
import { COMMENT_MAX_CHARS } from "../../../src/contracts/community.js";
import { ApiError } from "../api.js";
import { charCount } from "./comment-body.js";

/**
 * One form for a new comment, a reply and an edit. Besides the text it carries the honeypot: a
 * "website" field kept off-screen and out of the tab order, which people never fill and form
 * bots usually do.
 */
export function CommentForm({
  label,
  submitLabel,
  initial = "",
  withHoneypot = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initial?: string;
  withHoneypot?: boolean;
  onSubmit: (body: string, website: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const count = charCount(text);
  const over = count > COMMENT_MAX_CHARS;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const website = new FormData(e.currentTarget).get("website");
    setBusy(true);
    setError(null);
    try {
      await onSubmit(text, typeof website === "string" ? website : "");
      setText("");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Something went wrong. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="comment-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-body`}>{label}</label>
        <textarea
          id={`${id}-body`}
          name="body"
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-hint ${id}-count${error ? ` ${id}-error` : ""}`}
          aria-invalid={over || error !== null}
          required
        />
        <p id={`${id}-hint`} className="hint">
          Plain text. *emphasis*, **bold**, `code` and links to http(s) pages work; nothing else is
          formatted.
        </p>
        <p id={`${id}-count`} className={over ? "hint error" : "hint"}>
          {count.toLocaleString()} of {COMMENT_MAX_CHARS.toLocaleString()} characters
          {over ? ": too long" : ""}
        </p>
      </div>
      {withHoneypot ? (
        <div className="hp" aria-hidden="true">
          <label htmlFor={`${id}-website`}>Leave this field empty</label>
          <input
            id={`${id}-website`}
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            defaultValue=""
          />
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="comment-actions">
        <button type="submit" disabled={busy || over || count === 0}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
