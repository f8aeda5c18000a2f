import { Link } from "react-router";

/**
 * Previous/next links for a paged list; the page number lives in the URL (?page=), beside any
 * other parameters of the list (a search, say). Newest-first lists read "Newer" and "Older".
 */
export function Pager({
  page,
  pages,
  label,
  params = {},
  words = ["← Newer", "Older →"],
}: {
  page: number;
  pages: number;
  label: string;
  params?: Record<string, string>;
  words?: readonly [string, string];
}) {
  if (pages <= 1) return null;
  const href = (n: number) => {
    const query = new URLSearchParams(n === 1 ? params : { ...params, page: String(n) }).toString();
    return `?${query}`;
  };
  return (
    <nav aria-label={label} className="pager">
      {page > 1 ? <Link to={href(page - 1)}>{words[0]}</Link> : <span />}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link to={href(page + 1)}>{words[1]}</Link> : <span />}
    </nav>
  );
}
