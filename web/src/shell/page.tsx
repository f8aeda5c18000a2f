import { useEffect } from "react";
import type { ReactNode } from "react";

/** A page with a focusable heading and a real document title. */
export function Page({ title, intro, children }: { title: string; intro?: ReactNode; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · kneewise`;
  }, [title]);
  return (
    <article className="page">
      <h1 tabIndex={-1}>{title}</h1>
      {intro ? <div className="intro">{intro}</div> : null}
      {children}
    </article>
  );
}
