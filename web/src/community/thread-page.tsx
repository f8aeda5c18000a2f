import { useCallback, useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import type {
  CommentView,
  PostCommentResponse,
  ThreadResponse,
} from "../../../src/contracts/community.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { useSession } from "../shell/session.js";
import { CommentBody, formatWhen } from "./comment-body.js";
import { CommentForm } from "./comment-form.js";
import { Pager } from "../shell/pager.js";

/** How long "Undo" stays on offer before a delete is sent. */
const UNDO_MS = 5000;

interface Actions {
  canWrite: boolean;
  reply: (parentId: string, body: string) => Promise<void>;
  edit: (id: string, body: string) => Promise<void>;
  remove: (id: string) => void;
  report: (id: string, reason: string) => Promise<void>;
}

function ReportForm({
  onReport,
  onDone,
}: {
  onReport: (reason: string) => Promise<void>;
  onDone: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const reason = new FormData(e.currentTarget).get("reason");
    try {
      await onReport(typeof reason === "string" ? reason : "");
      setSent(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "The report could not be sent.");
    }
  }
  if (sent)
    return (
      <p role="status">
        Thank you: a moderator will look at it.{" "}
        <button type="button" className="link-button" onClick={onDone}>
          Close
        </button>
      </p>
    );
  return (
    <form className="report-form" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label>
          What is wrong with this comment?
          <input
            name="reason"
            maxLength={500}
            required
            placeholder="Spam, abuse, dangerous advice…"
          />
        </label>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="comment-actions">
        <button type="submit">Send report</button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function CommentItem({ comment, actions }: { comment: CommentView; actions: Actions }) {
  const [mode, setMode] = useState<"read" | "edit" | "reply" | "report">("read");
  const removed = comment.state === "deleted" || comment.state === "hidden";
  return (
    <li className="comment" id={`comment-${comment.id}`}>
      <article
        aria-label={removed ? "Removed comment" : `Comment by ${comment.author?.displayName ?? ""}`}
      >
        {removed ? (
          <p className="comment-removed">
            {comment.state === "deleted" ? "Comment deleted." : "Comment removed by a moderator."}
          </p>
        ) : (
          <>
            <header className="comment-meta">
              <strong>{comment.author?.displayName}</strong>{" "}
              <time dateTime={comment.createdAt}>{formatWhen(comment.createdAt)}</time>
              {comment.editedAt ? <span> (edited)</span> : null}
              {comment.state === "pending" ? (
                <span className="badge">Awaiting review: only you can see it</span>
              ) : null}
            </header>
            {mode === "edit" ? (
              <CommentForm
                label="Edit your comment"
                submitLabel="Save"
                initial={comment.body ?? ""}
                onSubmit={async (body) => {
                  await actions.edit(comment.id, body);
                  setMode("read");
                }}
                onCancel={() => setMode("read")}
              />
            ) : (
              <CommentBody blocks={comment.blocks} />
            )}
            {mode === "read" && actions.canWrite ? (
              <div className="comment-actions">
                {comment.parentId === null && comment.state === "visible" ? (
                  <button type="button" className="link-button" onClick={() => setMode("reply")}>
                    Reply
                  </button>
                ) : null}
                {comment.mine ? (
                  <>
                    <button type="button" className="link-button" onClick={() => setMode("edit")}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => actions.remove(comment.id)}
                    >
                      Delete
                    </button>
                  </>
                ) : comment.state === "visible" ? (
                  <button type="button" className="link-button" onClick={() => setMode("report")}>
                    Report
                  </button>
                ) : null}
              </div>
            ) : null}
            {mode === "report" ? (
              <ReportForm
                onReport={(reason) => actions.report(comment.id, reason)}
                onDone={() => setMode("read")}
              />
            ) : null}
          </>
        )}
      </article>
      {comment.replies.length > 0 ? (
        <ul className="replies" aria-label="Replies">
          {comment.replies.map((r) => (
            <CommentItem key={r.id} comment={r} actions={actions} />
          ))}
        </ul>
      ) : null}
      {mode === "reply" ? (
        <div className="replies">
          <CommentForm
            label={`Reply to ${comment.author?.displayName ?? "this comment"}`}
            submitLabel="Post reply"
            withHoneypot
            onSubmit={async (body) => {
              await actions.reply(comment.id, body);
              setMode("read");
            }}
            onCancel={() => setMode("read")}
          />
        </div>
      ) : null}
    </li>
  );
}

/** Removes a comment from what is shown, wherever it sits in the thread. */
function without(comments: CommentView[], id: string): CommentView[] {
  return comments
    .filter((c) => c.id !== id)
    .map((c) => ({ ...c, replies: without(c.replies, id) }));
}

export function ThreadPage() {
  const { slug = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get("page") ?? "1") || 1;
  const { user, mode, loading: sessionLoading } = useSession();
  const [data, setData] = useState<ThreadResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState("");
  const [pendingDelete, setPendingDelete] = useState<{ id: string; timer: number } | null>(null);
  const pendingRef = useRef(pendingDelete);
  pendingRef.current = pendingDelete;

  const load = useCallback(async () => {
    try {
      setData(
        await api<ThreadResponse>(
          "GET",
          `/api/articles/${encodeURIComponent(slug)}/comments?page=${page}`,
        ),
      );
      setError(null);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? err
          : new ApiError(0, "UNKNOWN", "The comments could not be loaded."),
      );
    }
  }, [slug, page]);

  useEffect(() => {
    void load();
  }, [load]);

  // Leaving the page while "Undo" is on offer sends the delete rather than forgetting it.
  useEffect(
    () => () => {
      const p = pendingRef.current;
      if (p) {
        window.clearTimeout(p.timer);
        void api("DELETE", `/api/comments/${p.id}`).catch(() => undefined);
      }
    },
    [],
  );

  const actions: Actions = {
    canWrite: data?.viewer.signedIn === true && !data.viewer.banned,
    reply: async (parentId, body) => {
      const res = await api<PostCommentResponse>("POST", `/api/articles/${slug}/comments`, {
        body,
        parentId,
      });
      setStatus(
        res.state === "pending"
          ? "Thank you. Your reply will appear once a moderator has approved it."
          : "Your reply is posted.",
      );
      await load();
    },
    edit: async (id, body) => {
      await api("PATCH", `/api/comments/${id}`, { body });
      setStatus("Your comment is updated.");
      await load();
    },
    remove: (id) => {
      if (pendingRef.current) return;
      const timer = window.setTimeout(() => {
        setPendingDelete(null);
        api("DELETE", `/api/comments/${id}`)
          .then(() => {
            setStatus("Comment deleted.");
            return load();
          })
          .catch((err: unknown) =>
            setStatus(err instanceof ApiError ? err.message : "The comment could not be deleted."),
          );
      }, UNDO_MS);
      setPendingDelete({ id, timer });
      setStatus("");
    },
    report: async (id, reason) => {
      await api("POST", `/api/comments/${id}/report`, { reason });
    },
  };

  function undo() {
    if (!pendingDelete) return;
    window.clearTimeout(pendingDelete.timer);
    setPendingDelete(null);
    setStatus("Deletion undone.");
  }

  async function postNew(body: string, website: string) {
    const res = await api<PostCommentResponse>("POST", `/api/articles/${slug}/comments`, {
      body,
      website,
    });
    setStatus(
      res.state === "pending"
        ? "Thank you. Your comment will appear once a moderator has approved it."
        : "Your comment is posted.",
    );
    if (page !== 1) setParams({});
    else await load();
  }

  if (error && !data)
    return (
      <Page title={error.code === "ARTICLE_NOT_FOUND" ? "No such article" : "Comments unavailable"}>
        <p className="error">{error.message}</p>
        <p>
          <Link to="/community">Back to the community</Link>
        </p>
      </Page>
    );
  if (!data) return <Page title="Experiences">{<p>Loading comments…</p>}</Page>;

  const shown = pendingDelete ? without(data.comments, pendingDelete.id) : data.comments;
  return (
    <Page
      title={`Experiences: ${data.article.title}`}
      intro={
        <p>
          What runners found with this problem, in their own words. Read the article first:{" "}
          <a href={`/learn/${data.article.slug}`}>{data.article.title}</a>. Experiences are not
          medical advice.
        </p>
      }
    >
      <p role="status" className="status-line">
        {pendingDelete ? (
          <>
            Comment deleted.{" "}
            <button type="button" onClick={undo}>
              Undo
            </button>
          </>
        ) : (
          status
        )}
      </p>
      <section aria-labelledby="share-heading" className="share">
        <h2 id="share-heading">Share your experience</h2>
        {sessionLoading ? null : data.viewer.banned ? (
          <p>Your account can no longer post comments.</p>
        ) : data.viewer.signedIn ? (
          <CommentForm
            label="Your experience"
            submitLabel="Post comment"
            withHoneypot
            onSubmit={postNew}
          />
        ) : (
          <p>
            <Link to="/account">Sign in</Link> to share what helped you
            {mode === "multi" && !user ? "" : "."}
          </p>
        )}
        {mode === "multi" && data.viewer.signedIn && !data.viewer.moderator ? (
          <p className="hint">
            A new account&apos;s first comments are read by a moderator before they appear.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">
          {data.total === 0
            ? "No comments yet"
            : `${data.total} comment${data.total === 1 ? "" : "s"}`}
        </h2>
        {shown.length > 0 ? (
          <ul className="comments">
            {shown.map((c) => (
              <CommentItem key={c.id} comment={c} actions={actions} />
            ))}
          </ul>
        ) : data.total === 0 ? (
          <p>Be the first to say what helped you.</p>
        ) : null}
        <Pager page={data.page} pages={data.pages} label="Comment pages" />
      </section>
    </Page>
  );
}
