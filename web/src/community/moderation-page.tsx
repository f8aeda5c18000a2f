import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import type { BanResponse, QueueItem, QueueResponse } from "../../../src/contracts/community.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { CommentBody, formatWhen } from "./comment-body.js";
import { Pager } from "../shell/pager.js";

function QueueEntry({
  item,
  onDone,
}: {
  item: QueueItem;
  onDone: (message: string) => Promise<void>;
}) {
  const [banning, setBanning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { comment, author, reports } = item;

  async function act(action: "approve" | "hide") {
    try {
      await api("POST", `/api/moderation/comments/${comment.id}`, { action });
      await onDone(action === "approve" ? "Comment approved." : "Comment hidden.");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "That did not work.");
    }
  }

  async function ban(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const reason = form.get("reason");
    try {
      const res = await api<BanResponse>("POST", `/api/moderation/users/${author.id}/ban`, {
        reason: typeof reason === "string" ? reason : "",
        hideComments: form.get("hideComments") === "on",
      });
      await onDone(
        `${author.displayName} is banned; ${res.hiddenComments} comment${res.hiddenComments === 1 ? "" : "s"} hidden.`,
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "That did not work.");
    }
  }

  return (
    <li className="comment">
      <article aria-label={`Comment by ${author.displayName}`}>
        <header className="comment-meta">
          <strong>{author.displayName}</strong>
          {author.banned ? <span className="badge">banned</span> : null} on{" "}
          <Link to={`/community/${comment.articleSlug}`}>{comment.articleTitle}</Link>{" "}
          <time dateTime={comment.createdAt}>{formatWhen(comment.createdAt)}</time>{" "}
          <span className="badge">
            {comment.state === "pending" ? "Waiting for approval" : `Reported ${reports.length}×`}
          </span>
        </header>
        <CommentBody blocks={comment.blocks} />
        {reports.length > 0 ? (
          <ul className="reports" aria-label="Reports">
            {reports.map((r, i) => (
              <li key={i}>
                “{r.reason}” <time dateTime={r.createdAt}>{formatWhen(r.createdAt)}</time>
              </li>
            ))}
          </ul>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="comment-actions">
          <button type="button" onClick={() => void act("approve")}>
            {comment.state === "pending" ? "Approve" : "Keep (close reports)"}
          </button>
          <button type="button" className="danger" onClick={() => void act("hide")}>
            Hide
          </button>
          {!author.banned ? (
            <button
              type="button"
              className="secondary"
              aria-expanded={banning}
              onClick={() => setBanning((b) => !b)}
            >
              Ban {author.displayName}…
            </button>
          ) : null}
        </div>
        {banning ? (
          <form className="ban-form" onSubmit={(e) => void ban(e)}>
            <div className="field">
              <label>
                Reason (kept in the audit log)
                <input name="reason" required maxLength={500} />
              </label>
            </div>
            <label className="check">
              <input type="checkbox" name="hideComments" defaultChecked /> Also hide everything they
              posted
            </label>
            <button type="submit" className="danger">
              Ban
            </button>
          </form>
        ) : null}
      </article>
    </li>
  );
}

/** /community/moderation: what waits for a moderator, oldest first. */
export function ModerationPage() {
  const [params] = useSearchParams();
  const page = Number(params.get("page") ?? "1") || 1;
  const [data, setData] = useState<QueueResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState("");

  const load = useCallback(async () => {
    try {
      setData(await api<QueueResponse>("GET", `/api/moderation/queue?page=${page}`));
      setError(null);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? err
          : new ApiError(0, "UNKNOWN", "The queue could not be loaded."),
      );
    }
  }, [page]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Page
      title="Moderation"
      intro={
        <p>
          Comments waiting for approval and comments people reported. Every decision is written to
          the audit log.
        </p>
      }
    >
      <p role="status" className="status-line">
        {status}
      </p>
      {error ? (
        <p className="error">
          {error.code === "FORBIDDEN"
            ? "Only moderators and admins can see this page."
            : error.message}
        </p>
      ) : null}
      {data ? (
        <section aria-labelledby="queue-heading">
          <h2 id="queue-heading">
            {data.total === 0 ? "Nothing to review" : `${data.total} to review`}
          </h2>
          <ul className="comments">
            {data.items.map((item) => (
              <QueueEntry
                key={item.comment.id}
                item={item}
                onDone={async (message) => {
                  setStatus(message);
                  await load();
                }}
              />
            ))}
          </ul>
          <Pager page={data.page} pages={data.pages} label="Queue pages" />
        </section>
      ) : null}
      <p>
        <Link to="/community">Back to the community</Link>
      </p>
    </Page>
  );
}
