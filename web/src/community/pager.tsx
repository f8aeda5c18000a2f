import { Link } from "react-router";

/** Newer/older links for a paged list; the page number lives in the URL (?page=). */
export function Pager({ page, pages, label }: { page: number; pages: number; label: string }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="pager">
      {page > 1 ? <Link to={page === 2 ? "?" : `?page=${page - 1}`}>← Newer</Link> : <span />}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link to={`?page=${page + 1}`}>Older →</Link> : <span />}
    </nav>
  );
}
