import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { RecentResponse } from "../../../src/contracts/community.js";
import { api, ApiError } from "../api.js";
import { Page } from "../shell/page.js";
import { CommentBody, formatWhen } from "./comment-body.js";
import { Pager } from "../shell/pager.js";

/** /community: the newest experiences across all articles, and a way into any article's thread. */
export function RecentPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const page = Number(params.get("page") ?? "1") || 1;
  const article = params.get("article");
  const [data, setData] = useState<RecentResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Older links from the article pages say /community?article=<slug>.
  useEffect(() => {
    if (article) void navigate(`/community/${encodeURIComponent(article)}`, { replace: true });
  }, [article, navigate]);

  useEffect(() => {
    let live = true;
    api<RecentResponse>("GET", `/api/community/recent?page=${page}`)
      .then((d) => live && setData(d))
      .catch(
        (err: unknown) =>
          live &&
          setError(err instanceof ApiError ? err.message : "The comments could not be loaded."),
      );
    return () => {
      live = false;
    };
  }, [page]);

  function choose(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const slug = new FormData(e.currentTarget).get("article");
    if (typeof slug === "string" && slug !== "")
      void navigate(`/community/${encodeURIComponent(slug)}`);
  }

  return (
    <Page
      title="Community"
      intro={
        <p>
          Runners share what helped them, and what did not. Comments are moderated and show only the
          display name each person chose.
        </p>
      }
    >
      {data?.viewer.moderator ? (
        <p>
          <Link to="/community/moderation">Moderation queue</Link>
        </p>
      ) : null}
      <form className="choose-article" onSubmit={choose}>
        <div className="field">
          <label htmlFor="community-article">Share or read experiences about</label>
          <select id="community-article" name="article" defaultValue="">
            <option value="" disabled>
              Choose an article
            </option>
            {(data?.articles ?? []).map((a) => (
              <option key={a.slug} value={a.slug}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Open</button>
      </form>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent experiences</h2>
        {error ? <p className="error">{error}</p> : null}
        {!data && !error ? <p>Loading…</p> : null}
        {data && data.comments.length === 0 ? (
          <p>No one has shared an experience yet. Choose an article above to be the first.</p>
        ) : null}
        {data && data.comments.length > 0 ? (
          <ul className="comments">
            {data.comments.map((c) => (
              <li key={c.id} className="comment">
                <article
                  aria-label={`Comment by ${c.author?.displayName ?? ""} on ${c.articleTitle}`}
                >
                  <header className="comment-meta">
                    <strong>{c.author?.displayName}</strong> on{" "}
                    <Link to={`/community/${c.articleSlug}#comment-${c.id}`}>{c.articleTitle}</Link>{" "}
                    <time dateTime={c.createdAt}>{formatWhen(c.createdAt)}</time>
                  </header>
                  <CommentBody blocks={c.blocks} />
                </article>
              </li>
            ))}
          </ul>
        ) : null}
        {data ? <Pager page={data.page} pages={data.pages} label="Recent comment pages" /> : null}
      </section>
    </Page>
  );
}
